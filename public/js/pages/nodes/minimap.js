// Location mini-map for a node (Leaflet from /vendor). Tiles follow the theme; when the tile server
// is unreachable the marker still shows and a note says the background is missing.
import { h } from '../../lib/dom.js';
import { getJSON } from '../../lib/api.js';
import { leaflet } from '../../lib/vendor.js';
import { pickTiles } from '../../logic/map-tiles.js';
import { fmtDec } from '../../lib/format.js';

let tilesCfg = null;

async function tileConfig() {
  if (tilesCfg) return tilesCfg;
  const [client, map] = await Promise.all([
    getJSON('/config/client', null, { quiet: true }).catch(() => ({})),
    getJSON('/config/map', null, { quiet: true }).catch(() => ({})),
  ]);
  tilesCfg = { tiles: map?.tiles || client?.map?.tiles || null };
  return tilesCfg;
}

/**
 * miniMap renders a small map centred on {lat, lon, label} into a new element and returns
 * {el, destroy}. The map loads asynchronously; failures leave a text fallback.
 */
export function miniMap(pos, { height = 200, zoom = 12 } = {}) {
  const note = h('p', { class: 'muted small minimap-note', role: 'status' });
  const box = h('div', { class: 'node-minimap', style: { height: `${height}px` }, role: 'region', 'aria-label': `Map: ${fmtDec(pos.lat, 5)}, ${fmtDec(pos.lon, 5)}` });
  const el = h('div', { class: 'minimap-wrap' }, box, note);
  let map = null;
  let layer = null;
  let dead = false;
  let errors = 0;
  let loaded = 0;
  const onTheme = () => { if (map) setTiles(); };
  function setTiles() {
    const L = window.L;
    const t = pickTiles(tilesCfg?.tiles, document.documentElement.dataset.theme === 'dark');
    if (layer) map.removeLayer(layer);
    errors = 0;
    loaded = 0;
    layer = L.tileLayer(t.url, { attribution: t.attribution, subdomains: t.subdomains, maxZoom: 18, crossOrigin: false });
    layer.on('tileerror', () => {
      errors++;
      if (errors >= 1 && loaded === 0) note.textContent = 'Map tiles unavailable (tile server unreachable) — the marker shows the position.';
    });
    layer.on('tileload', () => { loaded++; note.textContent = ''; });
    box.classList.toggle('tiles-invert', t.invert);
    layer.addTo(map);
  }
  (async () => {
    try {
      const [L] = await Promise.all([leaflet(), tileConfig()]);
      if (dead || !box.isConnected) return;
      map = L.map(box, { zoomControl: true, attributionControl: true, scrollWheelZoom: false }).setView([pos.lat, pos.lon], zoom);
      setTiles();
      L.circleMarker([pos.lat, pos.lon], { radius: 8, weight: 2, color: '#fff', fillColor: pos.color || '#1f6feb', fillOpacity: 0.9 })
        .addTo(map).bindTooltip(h('span', null, pos.label || ''), { direction: 'top' }); // an element: Leaflet puts strings in as HTML
      window.addEventListener('theme-refresh', onTheme);
      box.dataset.ready = 'true';
    } catch (e) {
      note.textContent = `Map unavailable: ${e.message}`;
    }
  })();
  return {
    el,
    destroy() { dead = true; window.removeEventListener('theme-refresh', onTheme); if (map) map.remove(); map = null; },
  };
}
