// Tiny hash router: maps "#/page/param?query" to lazily imported page modules (architecture §4).
import { parseHash } from './lib/url.js';
import { h, clear } from './lib/dom.js';
import { applyEmbed } from './lib/embed.js';

const ROUTES = [
  { page: 'home', load: () => import('./pages/home.js'), nav: 'home' },
  { page: 'packets', load: () => import('./pages/packets.js'), nav: 'packets' },
  { page: 'packet', load: () => import('./pages/packet.js'), nav: 'packets' },
  { page: 'nodes', load: (p) => (p[2] === 'analytics' ? import('./pages/node-analytics.js')
    : p[2] === 'reach' ? import('./pages/node-reach.js')
    : p.length > 1 ? import('./pages/node.js') : import('./pages/nodes.js')), nav: 'nodes' },
  { page: 'observers', load: (p) => (p.length > 1 ? import('./pages/observer.js') : import('./pages/observers.js')), nav: 'observers' },
  { page: 'channels', load: () => import('./pages/channels.js'), nav: 'channels' },
  { page: 'map', load: () => import('./pages/map.js'), nav: 'map' },
  { page: 'live', load: () => import('./pages/live.js'), nav: 'live' },
  { page: 'analytics', load: () => import('./pages/analytics.js'), nav: 'analytics' },
  { page: 'scopes', load: () => import('./pages/scopes.js'), nav: 'scopes' },
  { page: 'compare', load: () => import('./pages/compare.js'), nav: 'observers' },
  { page: 'rx-coverage', load: () => import('./pages/rx-coverage.js'), nav: 'rx-coverage' },
  { page: 'audio-lab', load: () => import('./pages/audio-lab.js'), nav: 'tools' },
  { page: 'perf', load: () => import('./pages/perf.js'), nav: 'perf' },
  { page: 'alerts', load: () => import('./pages/alerts.js'), nav: 'alerts' },
  { page: 'tools', load: (p) => (p[1] === 'trace' ? import('./pages/traces.js')
    : p[1] === 'path-inspector' ? import('./pages/path-inspector.js') : import('./pages/tools.js')), nav: 'tools' },
];

/** rewrite applies the legacy route rewrites from ui.md §1.2; returns a new hash or null. */
export function rewrite(path, query) {
  if (path.length === 0) return '#/home';
  if (path[0] === 'traces') return path[1] ? `#/tools/trace/${encodeURIComponent(path[1])}` : '#/tools/trace';
  if (path[0] === 'roles') return '#/analytics?tab=roles';
  if (path[0] === 'packets' && path[1] === 'id' && path[2]) return `#/packet/${encodeURIComponent(path[2])}`;
  void query;
  return null;
}

/**
 * startRouter listens for hashchange and mounts pages into el. onNav(navKey) lets the shell mark the
 * active link. Pages export mount(el, ctx) returning a cleanup function.
 */
export function startRouter(el, onNav) {
  let cleanup = null;
  let seq = 0;
  let currentKey = '';
  let current = null;
  let first = true;
  // Focus moves to the page heading on navigation, not on the first load (the skip link stays the first tab stop).
  const focusNew = () => { if (!first) focusHeading(el); first = false; };
  async function go() {
    const { path, query } = parseHash(location.hash);
    const rw = rewrite(path, query);
    if (rw) { location.replace(rw); return; }
    const route = ROUTES.find((r) => r.page === path[0]);
    applyEmbed(path, query);
    // A page that exports update(ctx) returning true handles in-page navigation (e.g. selecting a
    // packet) without a remount; pages change their own query with history.replaceState.
    const key = path.join('/');
    const my = ++seq;
    if (route && current && current.page === route.page && typeof current.mod.update === 'function') {
      const mod = await route.load(path);
      if (my !== seq) return;
      if (mod === current.mod && mod.update({ params: path.slice(1), query, path }) === true) {
        currentKey = key;
        return;
      }
    }
    current = null;
    if (cleanup) { try { cleanup(); } catch (e) { console.warn('cleanup', e); } cleanup = null; }
    currentKey = key;
    onNav(route ? route.nav : '');
    clear(el);
    el.setAttribute('aria-busy', 'true');
    if (!route) {
      el.append(notFound(path));
      focusNew();
      el.removeAttribute('aria-busy');
      return;
    }
    let mod;
    try { mod = await route.load(path); } catch (e) {
      el.append(h('section', { class: 'page' }, h('h1', null, 'Failed to load page'), h('p', null, String(e.message || e))));
      el.removeAttribute('aria-busy');
      return;
    }
    if (my !== seq) return;
    document.body.dataset.page = path[0];
    const ret = mod.mount(el, { params: path.slice(1), query, path });
    cleanup = typeof ret === 'function' ? ret : null;
    current = { page: route.page, mod };
    el.removeAttribute('aria-busy');
    focusNew();
  }
  window.addEventListener('hashchange', go);
  go();
  return { current: () => currentKey, reload: go };
}

function notFound(path) {
  return h('section', { class: 'page' },
    h('h1', { tabindex: '-1' }, 'Page not found'),
    h('p', null, `There is no page at "#/${path.join('/')}".`),
    h('p', null, h('a', { href: '#/home' }, 'Go to the home page')));
}

function focusHeading(el) {
  const hd = el.querySelector('h1, h2');
  if (!hd) return;
  if (!hd.hasAttribute('tabindex')) hd.setAttribute('tabindex', '-1');
  hd.focus({ preventScroll: true });
}
