// Map (#/map?node=): Leaflet map of nodes with GPS plus a table of what is plotted. The full map
// feature set (clustering, heat, routes, neighbours) is a separate issue.
import { h, replace } from '../lib/dom.js';
import { getJSON, isAbort } from '../lib/api.js';
import { leaflet } from '../lib/vendor.js';
import { timeAgo, fmtNum, fmtDec, nodeStatus } from '../lib/format.js';

const ROLE_COLORS = { repeater: '#2da44e', room: '#8250df', companion: '#1f6feb', sensor: '#bf8700' };

/** mount renders the node map. */
export function mount(el, ctx) {
  const ctrl = new AbortController();
  const mapEl = h('div', { id: 'nodeMap', class: 'node-map', role: 'region', 'aria-label': 'Map of nodes with GPS' });
  const info = h('p', { class: 'muted', role: 'status' }, 'Loading nodes…');
  const legend = h('ul', { class: 'hex-legend' }, Object.entries(ROLE_COLORS).map(([r, c]) => h('li', null,
    h('span', { class: 'hex-swatch', style: { background: c } }), r)));
  const list = h('div');
  replace(el, h('section', { class: 'page map-page' }, h('h1', null, 'Node map'), info, legend, mapEl, h('h2', null, 'Nodes with a location'), list));
  let map = null;
  (async () => {
    try {
      const [r, cfg] = await Promise.all([getJSON('/nodes', { limit: 2000 }, { signal: ctrl.signal }),
        getJSON('/config/map', null, { signal: ctrl.signal, quiet: true }).catch(() => ({ center: [37.45, -122], zoom: 9 }))]);
      const gps = (r.nodes || []).filter((n) => typeof n.lat === 'number' && typeof n.lon === 'number' && (n.lat !== 0 || n.lon !== 0));
      info.textContent = `${fmtNum(gps.length)} of ${fmtNum((r.nodes || []).length)} nodes have a location.`;
      list.append(h('div', { class: 'table-wrap' }, h('table', { class: 'data' },
        h('thead', null, h('tr', null, ['Name', 'Role', 'Lat', 'Lon', 'Last seen'].map((c) => h('th', { scope: 'col' }, c)))),
        h('tbody', null, gps.slice(0, 300).map((n) => h('tr', null, h('td', null, h('a', { href: `#/nodes/${n.public_key}` }, n.name || n.public_key.slice(0, 8))),
          h('td', null, n.role || '—'), h('td', { class: 'num' }, fmtDec(n.lat, 4)), h('td', { class: 'num' }, fmtDec(n.lon, 4)), h('td', null, timeAgo(n.last_seen))))))));
      const L = await leaflet();
      if (ctrl.signal.aborted) return;
      map = L.map(mapEl, { preferCanvas: true }).setView(cfg.center || [37.45, -122], cfg.zoom || 9);
      L.tileLayer('https://{s}.tile.openstreetmap.org/{z}/{x}/{y}.png', { attribution: '© OpenStreetMap contributors', maxZoom: 18 }).addTo(map);
      const focus = ctx.query.node;
      if (gps.length && !focus) map.fitBounds(gps.map((n) => [n.lat, n.lon]), { padding: [20, 20] });
      for (const n of gps) {
        const st = nodeStatus(n.last_seen, n.role);
        const m = L.circleMarker([n.lat, n.lon], { radius: 6, color: ROLE_COLORS[n.role] || '#777', fillOpacity: st === 'Silent' ? 0.25 : 0.8, weight: 1 }).addTo(map);
        const pop = h('div', null, h('strong', null, n.name || n.public_key.slice(0, 8)), h('br'), `${n.role || 'unknown'} · ${timeAgo(n.last_seen)}`, h('br'),
          h('a', { href: `#/nodes/${n.public_key}` }, 'Node page'));
        m.bindPopup(pop);
        if (focus && focus === n.public_key) { map.setView([n.lat, n.lon], 13); m.openPopup(); }
      }
      el.querySelector('.map-page').dataset.loaded = 'true';
    } catch (e) { if (!isAbort(e)) info.textContent = `Map unavailable: ${e.message}`; }
  })();
  return () => { ctrl.abort(); if (map) map.remove(); };
}
