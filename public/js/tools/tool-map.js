// Map set-up shared by the stand-alone tools: local Leaflet, the configured centre and tiles
// (light or dark by the saved theme). A tile server that cannot be reached leaves a plain map.
import { leaflet } from '../lib/vendor.js';
import { pickTiles } from '../logic/map-tiles.js';

async function getJSON(path) {
  const r = await fetch(path);
  if (!r.ok) throw new Error(`${path}: HTTP ${r.status}`);
  return r.json();
}

/** toolMap builds a Leaflet map in el and returns {L, map}. */
export async function toolMap(el) {
  const [L, cfg, client] = await Promise.all([
    leaflet(),
    getJSON('/api/config/map').catch(() => null),
    getJSON('/api/config/client').catch(() => null),
  ]);
  const center = Array.isArray(cfg?.center) && cfg.center.length === 2 ? cfg.center : [37.45, -122];
  const map = L.map(el, { center, zoom: Number.isFinite(cfg?.zoom) ? cfg.zoom : 9 });
  const t = pickTiles(client?.map?.tiles, document.documentElement.dataset.theme === 'dark');
  el.classList.toggle('tiles-invert', Boolean(t.invert));
  L.tileLayer(t.url, { attribution: t.attribution || '', subdomains: t.subdomains || 'abc', maxZoom: t.maxZoom || 19 }).addTo(map);
  return { L, map };
}

/** accent reads a theme colour for drawing (CSS custom properties cannot be used by Leaflet's SVG directly). */
export function themeColor(name, fallback) {
  return getComputedStyle(document.documentElement).getPropertyValue(name).trim() || fallback;
}
