// Map plumbing shared by Map and Live: local Leaflet (+ plugins) loading, page CSS, theme-following
// tile layers from config, and quiet handling of an unreachable tile server.
import { leaflet, loadScript, loadCSS } from '../../lib/vendor.js';
import { getJSON } from '../../lib/api.js';
import { h } from '../../lib/dom.js';
import { pickTiles } from '../../logic/map-tiles.js';

/** pageCSS adds a stylesheet from public/css next to the hashed asset base of this module. */
export function pageCSS(name) {
  loadCSS(new URL(`../../../css/${name}`, import.meta.url).href);
}

/** mapLibs loads Leaflet plus the plugins asked for ('cluster', 'heat'); returns L. */
export async function mapLibs(...plugins) {
  const L = await leaflet();
  if (plugins.includes('cluster')) {
    loadCSS('/vendor/leaflet.markercluster/dist/MarkerCluster.css');
    loadCSS('/vendor/leaflet.markercluster/dist/MarkerCluster.Default.css');
    await loadScript('/vendor/leaflet.markercluster/dist/leaflet.markercluster.js');
  }
  if (plugins.includes('heat')) await loadScript('/vendor/leaflet.heat/dist/leaflet-heat.js');
  return L;
}

/** mapConfig loads {center, zoom} from /config/map, tiles from /config/client and role colours from /config/theme. */
export async function mapConfig(signal) {
  const q = { signal, quiet: true };
  const [m, c, t] = await Promise.all([
    getJSON('/config/map', null, q).catch(() => null),
    getJSON('/config/client', null, q).catch(() => null),
    getJSON('/config/theme', null, q).catch(() => null),
  ]);
  const center = Array.isArray(m?.center) && m.center.length === 2 ? m.center : [37.45, -122];
  return { center, zoom: Number.isFinite(m?.zoom) ? m.zoom : 9, tiles: c?.map?.tiles || {}, colors: t?.nodeColors || {}, typeColors: t?.typeColors || {},
    health: c?.healthThresholds || null, maxNodes: c?.liveMapMaxNodes || 2000 };
}

/**
 * themedTiles adds a tile layer that follows the theme (theme-refresh event). Tile load errors are
 * absorbed: after a burst of failures with no success the layer is removed and a small notice shown,
 * so markers and animation keep working without tiles. Returns a cleanup function.
 */
export function themedTiles(L, map, tiles) {
  let layer = null;
  const note = h('div', { class: 'map-tiles-note hidden', role: 'status' }, 'Map tiles unavailable');
  map.getContainer().append(note);
  const add = () => {
    if (layer) map.removeLayer(layer);
    const s = pickTiles(tiles, document.documentElement.dataset.theme === 'dark');
    map.getContainer().classList.toggle('tiles-invert', s.invert);
    let ok = 0;
    let failed = 0;
    layer = L.tileLayer(s.url, { attribution: s.attribution || '', subdomains: s.subdomains || 'abc', maxZoom: s.maxZoom || 19, detectRetina: false });
    layer.on('tileload', () => { ok++; note.classList.add('hidden'); });
    layer.on('tileerror', (e) => {
      failed++;
      if (e.tile) e.tile.style.visibility = 'hidden';
      if (ok === 0 && failed >= 4 && layer) {
        map.removeLayer(layer);
        layer = null;
        note.classList.remove('hidden');
        map.getContainer().dataset.tiles = 'offline';
      }
    });
    map.getContainer().dataset.tiles = 'on';
    note.classList.add('hidden');
    layer.addTo(map);
  };
  add();
  const onTheme = () => add();
  window.addEventListener('theme-refresh', onTheme);
  return () => { window.removeEventListener('theme-refresh', onTheme); note.remove(); };
}

/**
 * removeMap tears a Leaflet map down safely: Leaflet ends a zoom animation from a 250 ms timer, and a
 * map removed mid-zoom would then touch its removed panes, so the pending animation is cancelled first.
 */
export function removeMap(map) {
  if (!map) return;
  map.stop();
  map._animatingZoom = false;
  map.remove();
}
