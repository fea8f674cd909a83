// Loads third-party browser libraries served by the server under /vendor/<pkg>/<path> (no CDN).

const loaded = new Map();

/** loadScript injects a classic script once and resolves when it has loaded. */
export function loadScript(src) {
  if (loaded.has(src)) return loaded.get(src);
  const p = new Promise((resolve, reject) => {
    const s = document.createElement('script');
    s.src = src;
    s.onload = () => resolve();
    s.onerror = () => reject(new Error(`load ${src} failed`));
    document.head.append(s);
  });
  loaded.set(src, p);
  return p;
}

/** loadCSS adds a stylesheet link once. */
export function loadCSS(href) {
  if (document.querySelector(`link[href="${href}"]`)) return;
  const l = document.createElement('link');
  l.rel = 'stylesheet';
  l.href = href;
  document.head.append(l);
}

/** leaflet loads Leaflet and returns the global L. */
export async function leaflet() {
  loadCSS('/vendor/leaflet/dist/leaflet.css');
  await loadScript('/vendor/leaflet/dist/leaflet.js');
  return window.L;
}
