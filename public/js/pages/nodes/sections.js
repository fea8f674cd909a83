// Node detail sections (shared by the directory side pane and the full node page). Pure renderers:
// data in, DOM out; every node/observer-controlled string goes through textContent (h()).
import { h } from '../../lib/dom.js';
import { timeAgo, absTime, fmtNum, fmtDec, fmtDistance, fmtDuration, snrQuality } from '../../lib/format.js';
import { typeBadge, statusDot } from '../../components/badges.js';
import { summaryText } from '../../components/packet-detail.js';
import { advertTimeline } from '../../logic/node-info.js';
import { parseJSON } from '../../logic/payload.js';
import { RELAY_COUNTS } from '../../lib/definitions.js';
import { gradeBreakdown } from '../../components/grade.js';
import { multiByteText } from '../../logic/usefulness.js';

/** section wraps a titled card; id lets the page deep-link (?section=). */
export function section(title, body, id, extra = null) {
  return h('section', { class: 'card node-section', id: id ? `node-${id}` : null, dataset: id ? { section: id } : null },
    h('div', { class: 'node-section-head' }, h('h2', null, title), extra), body);
}

/** simpleTable renders a compact table (cells may be nodes); "None." when empty. */
export function simpleTable(cols, rows, { empty = 'None.', id = null, numeric = [] } = {}) {
  if (!rows.length) return h('p', { class: 'muted empty-note' }, empty);
  return h('div', { class: 'table-wrap' }, h('table', { class: 'data', id },
    h('thead', null, h('tr', null, cols.map((c, i) => h('th', { scope: 'col', class: numeric.includes(i) ? 'num' : null }, c)))),
    h('tbody', null, rows.map((r) => h('tr', null, r.map((c, i) => h('td', { class: numeric.includes(i) ? 'num' : null }, c ?? '—')))))));
}

/** roleBadge renders the node role as a coloured badge. */
export function roleBadge(role) {
  return h('span', { class: `badge role-badge role-${role || 'unknown'}` }, role || 'unknown');
}

/** statusBlock renders the status dot with its explanation sentence. */
export function statusBlock(st) {
  return h('div', { class: `node-status node-status-${st.status}`, dataset: { status: st.status } },
    h('div', { class: 'node-status-word' }, statusDot(st.status)), h('p', { class: 'node-status-text' }, st.text));
}

/** overviewList renders the key/value overview of a node. */
export function overviewList(n) {
  const rows = [
    ['Role', roleBadge(n.role)],
    ['Last heard', h('span', { title: absTime(n.last_seen) }, `${timeAgo(n.last_seen)} · ${absTime(n.last_seen)}`)],
    ['First seen', absTime(n.first_seen)],
    ['Adverts', h('span', { dataset: { stat: 'adverts' } }, fmtNum(n.advert_count))],
    ['Location', typeof n.lat === 'number' && typeof n.lon === 'number' ? `${fmtDec(n.lat, 5)}, ${fmtDec(n.lon, 5)}` : 'not shared'],
    ['Hash size', n.hash_size ? [`${n.hash_size} byte${n.hash_size > 1 ? 's' : ''}`,
      n.hash_size_inconsistent ? h('span', { class: 'badge badge-warn', title: 'Adverts seen with different hash sizes' }, ' inconsistent') : null] : '—'],
    n.last_relayed !== undefined && n.last_relayed !== null ? ['Last relayed', timeAgo(n.last_relayed)] : null,
    n.relay_count_24h !== undefined ? ['Relays 1 h / 24 h', h('span', { class: 'has-tip', title: RELAY_COUNTS, dataset: { stat: 'relays' } }, `${fmtNum(n.relay_count_1h)} / ${fmtNum(n.relay_count_24h)}`)] : null,
    n.relay_window_hours !== undefined ? ['Relay window', h('span', { title: 'Relay active means it relayed within this many hours' }, `${fmtNum(n.relay_window_hours)} h`)] : null,
    n.usefulness_score !== undefined ? ['Usefulness', gradeBreakdown(n)] : null,
    n.multi_byte_status ? ['Multi-byte', h('span', { dataset: { stat: 'multi_byte_status' } }, multiByteText(n))] : null,
    n.flood_advert_count_7d !== undefined ? ['Flood adverts 7 d', h('span', { dataset: { stat: 'flood_advert_count_7d' }, title: 'Flood-routed adverts it sent in the last 7 days (zero-hop adverts excluded)' }, fmtNum(n.flood_advert_count_7d))] : null,
    n.transported_scopes?.length ? ['Scopes', n.transported_scopes.join(', ')] : null,
    n.default_scope ? ['Default scope', n.default_scope] : null,
    n.battery_mv ? ['Battery', `${fmtNum(n.battery_mv)} mV`] : null,
    n.temperature_c !== null && n.temperature_c !== undefined ? ['Temperature', `${fmtDec(n.temperature_c)} °C`] : null,
  ].filter(Boolean);
  return h('dl', { class: 'kv' }, rows.map(([k, v]) => [h('dt', null, k), h('dd', null, v)]));
}

/** healthStats renders the health counters (data-stat hooks match the API field names). */
export function healthStats(s) {
  const item = (label, value, stat) => h('div', { class: 'mini-stat' }, h('div', { class: 'mini-stat-value', dataset: { stat } }, value), h('div', { class: 'muted small' }, label));
  return h('div', { class: 'mini-stats' },
    item('Transmissions', fmtNum(s.totalTransmissions), 'totalTransmissions'),
    item('Observations', fmtNum(s.totalObservations), 'totalObservations'),
    item('Packets today', fmtNum(s.packetsToday), 'packetsToday'),
    item('Avg SNR', s.avgSnr === null || s.avgSnr === undefined ? '—' : `${fmtDec(s.avgSnr)} dB · ${snrQuality(s.avgSnr)}`, 'avgSnr'),
    item('Avg hops', fmtNum(s.avgHops), 'avgHops'));
}

/** heardBy renders the observers that heard the node. */
export function heardBy(observers) {
  return simpleTable(['Observer', 'Packets', 'Avg SNR', 'Avg RSSI'], (observers || []).map((o) => [
    h('a', { href: `#/observers/${encodeURIComponent(o.observer_id)}` }, o.observer_name || o.observer_id),
    fmtNum(o.packetCount), o.avgSnr === null || o.avgSnr === undefined ? '—' : `${fmtDec(o.avgSnr)} dB`,
    o.avgRssi === null || o.avgRssi === undefined ? '—' : `${fmtDec(o.avgRssi, 0)} dBm`]), { empty: 'No observer has heard this node.', id: 'nodeHeardBy', numeric: [1, 2, 3] });
}

function confidence(score) {
  const pct = Math.round(Math.max(0, Math.min(1, Number(score) || 0)) * 100);
  const cls = pct >= 70 ? 'ok' : pct >= 40 ? 'warn' : 'bad';
  return h('span', { class: 'conf', title: `Confidence ${pct} %` },
    h('span', { class: `conf-bar conf-${cls}`, style: { width: `${pct}%` }, 'aria-hidden': 'true' }), h('span', { class: 'conf-num' }, `${pct} %`));
}

/** neighbours renders first-hop neighbours with a confidence bar. */
export function neighbours(list) {
  return simpleTable(['Neighbour', 'Role', 'Seen', 'Confidence', 'Last seen', 'Distance'], (list || []).map((x) => [
    x.pubkey ? h('a', { href: `#/nodes/${x.pubkey}` }, x.name || x.prefix) : h('span', { class: 'mono' }, x.prefix, x.ambiguous ? h('span', { class: 'badge badge-warn' }, ' ambiguous') : null),
    x.role ? roleBadge(x.role) : '—', fmtNum(x.count), confidence(x.score), timeAgo(x.last_seen),
    x.distance_km !== undefined && x.distance_km !== null ? fmtDistance(x.distance_km) : '—']), { empty: 'No neighbours derived yet.', id: 'nodeNeighbours', numeric: [2] });
}

function hopsOf(p) {
  const arr = Array.isArray(p._parsedPath) ? p._parsedPath : parseJSON(p.path_json, []) || [];
  return arr.length;
}

/** advertsTimeline renders the node's adverts newest first with the gap since the previous one. */
export function advertsTimeline(adverts) {
  const rows = advertTimeline(adverts);
  if (!rows.length) return h('p', { class: 'muted empty-note' }, 'No adverts stored for this node.');
  return h('ol', { class: 'advert-timeline', id: 'nodeAdverts' }, rows.map((a) => h('li', { class: 'advert-item' },
    h('span', { class: 'advert-dot', 'aria-hidden': 'true' }),
    h('div', { class: 'advert-body' },
      h('div', null, h('time', { datetime: new Date(a.t).toISOString(), title: absTime(a.t) }, absTime(a.t)), h('span', { class: 'muted' }, ` · ${timeAgo(a.t)}`)),
      h('div', { class: 'muted small' }, `${fmtNum(a.observation_count ?? (a.observations || []).length ?? 1)} obs · ${fmtNum(hopsOf(a))} hops`,
        a.observer_name ? ` · via ${a.observer_name}` : '', a.gapMs !== null ? ` · ${fmtDuration(a.gapMs / 1000)} after previous` : ''),
      h('a', { href: `#/packets/${a.hash}`, class: 'mono small' }, String(a.hash || '').slice(0, 16))))));
}

/** recentPackets renders recent packets involving the node. */
export function recentPackets(list, max = 20) {
  return simpleTable(['Time', 'Type', 'Summary', 'Obs'], (list || []).slice(0, max).map((p) => [
    h('time', { title: absTime(p.timestamp || p.first_seen) }, timeAgo(p.timestamp || p.first_seen)), typeBadge(p.payload_type, p.route_type),
    h('a', { href: `#/packets/${p.hash}` }, summaryText(p) || p.hash), fmtNum(p.observation_count ?? 1)]), { empty: 'No packets stored.', id: 'nodeRecent', numeric: [3] });
}

/** pathsTable renders distinct paths through the node. */
export function pathsTable(pa) {
  return [h('p', { class: 'muted' }, `${fmtNum(pa.totalPaths)} distinct paths over ${fmtNum(pa.totalTransmissions)} transmissions`),
    simpleTable(['Path', 'Count', 'Last seen', 'Sample'], (pa.paths || []).map((p) => [
      h('span', { class: 'hops' }, (p.hops || []).map((x, i) => [i ? h('span', { class: 'hop-arrow', 'aria-hidden': 'true' }, '→') : null,
        x.pubkey ? h('a', { class: 'hop-chip', href: `#/nodes/${x.pubkey}` }, x.name || x.prefix) : h('span', { class: 'hop-chip hop-unknown' }, x.name || x.prefix)])),
      fmtNum(p.count), timeAgo(p.lastSeen), h('a', { href: `#/packets/${p.sampleHash}`, class: 'mono' }, String(p.sampleHash || '').slice(0, 8))]), { empty: 'No paths through this node.', numeric: [1] })];
}

const SKEW_CLASS = { ok: 'badge-ok', warning: 'badge-warn', critical: 'badge-bad', absurd: 'badge-bad', no_clock: 'badge-bad', bimodal_clock: 'badge-warn' };

/** clockBlock renders the node's clock-skew evidence (from /nodes/<pk>/clock-skew). */
export function clockBlock(cs) {
  const sec = (v) => (v === null || v === undefined ? '—' : `${fmtDec(v, 0)} s`);
  return h('div', { class: 'node-clock', id: 'nodeClock' }, h('h3', null, 'Clock ', h('span', { class: `badge ${SKEW_CLASS[cs.severity] || ''}` }, String(cs.severity).replace('_', ' '))),
    h('dl', { class: 'kv' },
      h('dt', null, 'Median skew'), h('dd', null, sec(cs.medianSkewSec)),
      h('dt', null, 'Last skew'), h('dd', null, sec(cs.lastSkewSec)),
      h('dt', null, 'Drift per day'), h('dd', null, sec(cs.driftPerDaySec)),
      h('dt', null, 'Samples'), h('dd', null, `${fmtNum(cs.sampleCount)}${cs.calibrated ? ' (observer-calibrated)' : ''}`)));
}
