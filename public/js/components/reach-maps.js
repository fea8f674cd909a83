// Leaflet pieces shared by the Reach and RX Coverage pages: a themed map in an element, the hex-cell
// overlay of a coverage answer and the SNR legend. Tooltips are DOM elements built with h(), so node
// and receiver names reach the page as text only.
import { h } from '../lib/dom.js';
import { fmtDec, fmtNum } from '../lib/format.js';
import { mapLibs, mapConfig, themedTiles, removeMap } from './map/tiles.js';
import { snrColor, SNR_BANDS, NO_SNR } from '../logic/coverage.js';

/** openMap creates a themed Leaflet map in el; returns {L, map, cfg, close()}. */
export async function openMap(el, signal) {
  const [L, cfg] = await Promise.all([mapLibs(), mapConfig(signal)]);
  const map = L.map(el, { worldCopyJump: true, zoomControl: true, maxZoom: 18, minZoom: 2 }).setView(cfg.center, cfg.zoom);
  const untile = themedTiles(L, map, cfg.tiles);
  return { L, map, cfg, close: () => { untile(); removeMap(map); } };
}

/** cellTip describes one hex cell: receptions, best SNR and the nodes heard there. */
function cellTip(p) {
  const nodes = (p.nodes || []).slice(0, 6);
  return h('div', { class: 'cov-tip' },
    h('strong', null, `${fmtNum(p.count)} reception${p.count === 1 ? '' : 's'}`),
    h('div', null, `Best SNR: ${p.best_snr === null || p.best_snr === undefined ? '—' : `${fmtDec(p.best_snr)} dB`}`),
    nodes.length ? h('ul', null, nodes.map((n) => h('li', null, `${n.name || n.prefix}: ${fmtNum(n.count)}`))) : null,
    p.nodes_truncated || (p.nodes || []).length > 6 ? h('div', null, '…') : null);
}

/** coverageLayer draws a coverage FeatureCollection as hex cells coloured by best SNR. */
export function coverageLayer(L, fc) {
  return L.geoJSON(fc, {
    style: (f) => ({ color: snrColor(f.properties.best_snr), weight: 1, fillColor: snrColor(f.properties.best_snr), fillOpacity: 0.45 }),
    onEachFeature: (f, layer) => layer.bindTooltip(cellTip(f.properties), { sticky: true }),
  });
}

/** snrLegend is the colour key of the maps. */
export function snrLegend(title) {
  return h('div', { class: 'cov-legend', role: 'note', 'aria-label': title },
    h('span', { class: 'muted' }, title),
    SNR_BANDS.map((b) => h('span', { class: 'cov-key' }, h('span', { class: 'cov-swatch', style: { background: b.color }, 'aria-hidden': 'true' }), b.label)),
    h('span', { class: 'cov-key' }, h('span', { class: 'cov-swatch', style: { background: NO_SNR }, 'aria-hidden': 'true' }), 'no SNR'));
}

/** offNotice is the empty state shown while the operator has not enabled client RX coverage. */
export function offNotice(id) {
  return h('div', { class: 'card cov-off', id, role: 'status' },
    h('h2', null, 'Mobile RX coverage is off'),
    h('p', null, 'This server does not collect receptions from mobile clients. To turn it on, an operator sets this in config.json and restarts the ingestor and the server (or starts both with CLIENT_RX_COVERAGE=true):'),
    h('pre', { class: 'mono' }, '"clientRxCoverage": { "enabled": true }'),
    h('p', null, 'Phones with a companion radio then publish what they hear, with a GPS fix, to meshcore/client/<PUBLIC_KEY>/packets on the MQTT broker. Their positions become public on this page: tell contributors first. See docs/configuration.md.'));
}
