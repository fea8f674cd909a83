// geofilter-builder.html: draw the geo-filter polygon on a map, export it as JSON, or save it with
// the API key (PUT /api/config/geo-filter). The key lives in this tab's memory only.
import { toolMap, themeColor } from './tool-map.js';
import { filterBody, problem, parseFilter } from '../logic/geofilter.js';

const $ = (id) => document.getElementById(id);
let points = [];
let L;
let map;
let layer;
let downloadURL = '';

function say(msg, kind = '') {
  const el = $('gfStatus');
  el.textContent = msg;
  el.dataset.kind = kind;
}

function bufferKm() {
  return Number($('gfBuffer').value || 0);
}

/** render redraws the polygon and refreshes the count, JSON and download link. */
function render({ keepText = false } = {}) {
  if (layer) layer.remove();
  layer = L.layerGroup().addTo(map);
  const color = themeColor('--accent', '#175fcc');
  if (points.length >= 2) L.polygon(points, { color, weight: 2, fillOpacity: 0.15 }).addTo(layer);
  points.forEach((p, i) => L.circleMarker(p, { radius: 5, color, fillColor: color, fillOpacity: 1 })
    .bindTooltip(`Point ${i + 1}: ${p[0].toFixed(5)}, ${p[1].toFixed(5)}`).addTo(layer));
  const why = problem(points, bufferKm());
  $('gfCount').textContent = points.length === 0 ? 'No points yet: click the map to add the first corner.'
    : `${points.length} point${points.length === 1 ? '' : 's'}${why ? ` — ${why}` : ' — ready to save or export.'}`;
  const body = filterBody(points, bufferKm());
  if (!keepText) $('gfJson').value = JSON.stringify(body, null, 1).replace(/\[\n\s+(-?[\d.]+),\n\s+(-?[\d.]+)\n\s+\]/g, '[$1, $2]');
  if (downloadURL) URL.revokeObjectURL(downloadURL);
  downloadURL = URL.createObjectURL(new Blob([JSON.stringify(body)], { type: 'application/json' }));
  $('gfDownload').href = downloadURL;
  $('gfSave').disabled = Boolean(why);
}

async function loadCurrent() {
  try {
    const r = await fetch('/api/config/geo-filter');
    if (!r.ok) throw new Error(`HTTP ${r.status}`);
    const g = await r.json();
    points = Array.isArray(g.polygon) ? g.polygon.map(([lat, lon]) => [lat, lon]) : [];
    $('gfBuffer').value = String(g.bufferKm || 0);
    render();
    if (points.length >= 3) map.fitBounds(points, { padding: [20, 20] });
    say(points.length ? `Loaded the filter in force (${points.length} points).` : 'No geo filter is set on the server yet.', 'ok');
  } catch (e) {
    say(`Could not load the current filter: ${e.message}`, 'error');
  }
}

async function save() {
  const why = problem(points, bufferKm());
  if (why) { say(why, 'error'); return; }
  const key = $('gfKey').value.trim();
  if (!key) { say('Enter the server\'s API key first (apiKey in config.json).', 'error'); $('gfKey').focus(); return; }
  try {
    const r = await fetch('/api/config/geo-filter', { method: 'PUT', headers: { 'Content-Type': 'application/json', 'X-API-Key': key },
      body: JSON.stringify(filterBody(points, bufferKm())) });
    const body = await r.json().catch(() => ({}));
    if (!r.ok) { say(`Not saved (HTTP ${r.status}): ${body.error || 'unknown error'}`, 'error'); return; }
    say(points.length ? `Saved ${points.length} points. The server uses it now, the ingestor within 15 s.` : 'Filter cleared on the server.', 'ok');
  } catch (e) {
    say(`Not saved: ${e.message}`, 'error');
  }
}

function importJSON() {
  try {
    const f = parseFilter($('gfJson').value);
    points = f.points;
    $('gfBuffer').value = String(f.bufferKm);
    render();
    if (points.length >= 3) map.fitBounds(points, { padding: [20, 20] });
    say(`Imported ${points.length} points.`, 'ok');
  } catch (e) {
    say(e.message, 'error');
  }
}

async function copy() {
  try {
    await navigator.clipboard.writeText($('gfJson').value);
    say('JSON copied.', 'ok');
  } catch {
    $('gfJson').select();
    say('Copy was refused by the browser: the JSON is selected, press Ctrl+C.', 'error');
  }
}

async function main() {
  ({ L, map } = await toolMap($('gfMap')));
  map.on('click', (e) => { points.push([e.latlng.lat, e.latlng.lng]); render(); });
  $('gfUndo').addEventListener('click', () => { points.pop(); render(); });
  $('gfClear').addEventListener('click', () => { points = []; render(); say(''); });
  $('gfLoad').addEventListener('click', loadCurrent);
  $('gfBuffer').addEventListener('input', () => render());
  $('gfImport').addEventListener('click', importJSON);
  $('gfCopy').addEventListener('click', copy);
  $('gfSave').addEventListener('click', save);
  render();
  await loadCurrent(); // start from the filter in force, so editing it is the common path
  $('gfPage').dataset.ready = 'true';
}

main().catch((e) => say(`The map could not start: ${e.message}`, 'error'));
