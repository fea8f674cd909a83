// area-map.html: the configured areas (GET /api/config/areas/polygons) drawn on a map and listed.
// Labels come from config.json and reach the page only as text.
import { toolMap, themeColor } from './tool-map.js';
import { areaRing, areaKind } from '../logic/geofilter.js';
import { h } from '../lib/dom.js';

const $ = (id) => document.getElementById(id);

function say(msg, kind = '') {
  $('amStatus').textContent = msg;
  $('amStatus').dataset.kind = kind;
}

async function main() {
  const { L, map } = await toolMap($('amMap'));
  const r = await fetch('/api/config/areas/polygons');
  if (!r.ok) throw new Error(`HTTP ${r.status}`);
  const areas = await r.json();
  const color = themeColor('--accent', '#175fcc');
  const rows = $('amTable').tBodies[0];
  const bounds = [];
  for (const a of areas) {
    const ring = areaRing(a);
    if (ring) {
      // An element, not a string: Leaflet would parse a string tooltip as HTML.
      L.polygon(ring, { color, weight: 2, fillOpacity: 0.12 }).bindTooltip(h('span', null, a.label || a.key)).addTo(map);
      bounds.push(...ring);
    }
    rows.append(h('tr', { dataset: { key: a.key } }, h('td', null, h('code', null, a.key)), h('td', null, a.label || '—'), h('td', null, areaKind(a))));
  }
  $('amTable').classList.toggle('hidden', areas.length === 0);
  if (bounds.length) map.fitBounds(bounds, { padding: [20, 20] });
  say(areas.length === 0 ? 'No areas configured. Add an "areas" block to config.json (see docs/configuration.md), then restart the server.'
    : `${areas.length} area${areas.length === 1 ? '' : 's'} configured.`, areas.length ? 'ok' : '');
  $('amPage').dataset.ready = 'true';
}

main().catch((e) => say(`Could not load the areas: ${e.message}`, 'error'));
