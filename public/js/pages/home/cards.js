// Home page renderers: a My Mesh card and the node health panel, from /api/nodes/<pk>/health.
import { h } from '../../lib/dom.js';
import { fmtNum, fmtDec, fmtUnit, timeAgo, shortKey, snrQuality, nodeStatus, toMs } from '../../lib/format.js';
import { sparklineChart } from '../../lib/charts.js';
import { typeBadge, statusDot } from '../../components/badges.js';
import { summaryText } from '../../components/packet-detail.js';

/**
 * hourly buckets entries into 24 hourly counts ending now (oldest first). Entries are timestamps (count 1 each)
 * or {bucket, count} objects as in /api/nodes/<pk>/analytics activityTimeline.
 */
export function hourly(entries, now = Date.now()) {
  const buckets = new Array(24).fill(0);
  for (const e of entries || []) {
    const obj = e !== null && typeof e === 'object' && !(e instanceof Date);
    const t = toMs(obj ? e.bucket : e);
    if (t === null) continue;
    const age = Math.floor((now - t) / 3600000);
    if (age >= 0 && age < 24) buckets[23 - age] += obj ? Number(e.count) || 0 : 1;
  }
  return buckets;
}

/** statusText explains a node status in words for the banner and the card. */
export function statusText(st, role) {
  const infra = role === 'repeater' || role === 'room';
  if (st === 'Active') return `heard within the last ${infra ? '24 hours' : 'hour'}`;
  if (st === 'Degraded') return `not heard for over ${infra ? '24 hours' : 'an hour'}`;
  return `silent for over ${infra ? '3 days' : '24 hours'}`;
}

const metric = (label, value, key) => h('div', { class: 'mini-metric', dataset: { metric: key } }, h('span', { class: 'mini-value' }, value), h('span', { class: 'mini-label' }, label));

/**
 * meshCard renders one claimed node. hl is the health response, series 24 hourly counts (or null).
 * actions: {onOpen(pk), onRemove(pk)}.
 */
export function meshCard(pk, hl, series, actions) {
  const node = hl.node || {};
  const s = hl.stats || {};
  const st = nodeStatus(s.lastHeard || node.last_seen, node.role);
  const observers = hl.observers || [];
  const canvas = h('canvas', { width: 200, height: 36, class: 'spark', role: 'img', 'aria-label': `Packets per hour over the last 24 hours: ${series.reduce((a, b) => a + b, 0)} in total` });
  const card = h('article', { class: `card mesh-card status-${st}`, dataset: { pubkey: pk, loaded: 'true' } },
    h('div', { class: 'mesh-card-head' },
      h('h3', null, h('button', { type: 'button', class: 'link-btn mesh-open', onclick: () => actions.onOpen(pk) }, node.name || shortKey(pk))),
      h('span', { class: 'badge' }, node.role || 'unknown')),
    h('p', { class: 'mesh-status', title: statusText(st, node.role) }, statusDot(st), h('span', { class: 'muted' }, ` · ${timeAgo(s.lastHeard || node.last_seen)}`)),
    h('div', { class: 'mini-metrics' },
      metric('Packets today', fmtNum(s.packetsToday), 'today'),
      metric('Observers', fmtNum(observers.length), 'observers'),
      metric('Avg SNR', typeof s.avgSnr === 'number' ? `${fmtDec(s.avgSnr)} dB` : '—', 'snr'),
      metric('Avg hops', typeof s.avgHops === 'number' ? fmtDec(s.avgHops, 1) : '—', 'hops')),
    h('p', { class: 'mesh-quality' }, 'Signal: ', h('strong', { class: `q-${snrQuality(s.avgSnr)}` }, snrQuality(s.avgSnr))),
    observers.length ? h('p', { class: 'mesh-heard muted' }, 'Heard by ', observers.slice(0, 3).map((o) => o.observer_name || o.observer_id).join(', '),
      observers.length > 3 ? ` +${observers.length - 3}` : '') : h('p', { class: 'mesh-heard muted' }, 'Not heard by any observer yet'),
    h('div', { class: 'spark-box' }, canvas, h('span', { class: 'muted spark-label' }, '24 h')),
    h('div', { class: 'toolbar' }, h('a', { class: 'btn', href: `#/nodes/${pk}` }, 'Full health'),
      h('a', { class: 'btn', href: `#/packets?node=${pk}` }, 'View packets'),
      h('button', { type: 'button', class: 'link-btn', onclick: () => actions.onRemove(pk), 'aria-label': `Stop watching ${node.name || shortKey(pk)}` }, 'Remove')));
  requestAnimationFrame(() => { if (canvas.isConnected) sparklineChart(canvas, series).catch(() => {}); });
  return card;
}

/** healthPanel renders the detailed health of one node (banner, metrics, heard-by, recent packets). */
export function healthPanel(pk, hl, { claimed, onClaim }) {
  const node = hl.node || {};
  const s = hl.stats || {};
  const st = nodeStatus(s.lastHeard || node.last_seen, node.role);
  const gps = typeof node.lat === 'number' && typeof node.lon === 'number' && (node.lat !== 0 || node.lon !== 0);
  return [
    h('div', { class: 'health-head' }, h('h2', { tabindex: '-1', id: 'healthHeading' }, node.name || shortKey(pk)),
      h('span', { class: 'badge' }, node.role || 'unknown'),
      h('button', { type: 'button', class: claimed ? '' : 'primary', 'aria-pressed': String(claimed), onclick: onClaim }, claimed ? '✓ In My Mesh' : '+ Claim')),
    h('div', { class: `health-banner status-${st}` }, statusDot(st), ` — ${statusText(st, node.role)} (last heard ${timeAgo(s.lastHeard || node.last_seen)})`),
    h('div', { class: 'cards' },
      [['Transmissions', fmtNum(s.totalTransmissions), 'totalTransmissions'], ['Observations', fmtNum(s.totalObservations), 'totalObservations'],
        ['Packets today', fmtNum(s.packetsToday), 'packetsToday'], ['Avg SNR', typeof s.avgSnr === 'number' ? `${fmtDec(s.avgSnr)} dB` : '—', 'avgSnr'],
        ['Avg hops', typeof s.avgHops === 'number' ? fmtDec(s.avgHops, 1) : '—', 'avgHops']]
        .map(([l, v, k]) => h('div', { class: 'card stat-card', dataset: { stat: k } }, h('div', { class: 'stat-value' }, v), h('div', { class: 'stat-label' }, l)))),
    h('p', { class: 'mono muted key-line' }, pk, gps ? [' · ', h('a', { href: `#/map?node=${pk}` }, `${fmtDec(node.lat, 4)}, ${fmtDec(node.lon, 4)} on the map`)] : ' · no GPS position'),
    h('div', { class: 'grid-2' },
      h('section', null, h('h3', null, `Heard by (${(hl.observers || []).length})`),
        (hl.observers || []).length ? h('ul', { class: 'plain-list' }, hl.observers.map((o) => h('li', null,
          h('a', { href: `#/observers/${encodeURIComponent(o.observer_id)}` }, o.observer_name || o.observer_id),
          h('span', { class: 'muted' }, ` · ${fmtNum(o.packetCount)} pkts · SNR ${fmtUnit(o.avgSnr, 'dB')} · RSSI ${fmtUnit(o.avgRssi, 'dBm', 0)}`))))
          : h('p', { class: 'muted' }, 'No observer has heard this node yet.')),
      h('section', null, h('h3', null, 'Last packets'),
        (hl.recentPackets || []).length ? h('ul', { class: 'plain-list' }, hl.recentPackets.slice(0, 10).map((p) => h('li', null,
          typeBadge(p.payload_type, p.route_type), ' ', h('a', { href: `#/packets/${p.hash}` }, summaryText(p) || p.hash),
          h('span', { class: 'muted' }, ` · ${timeAgo(p.timestamp || p.first_seen)}`))))
          : h('p', { class: 'muted' }, 'No packets yet.'))),
    h('div', { class: 'toolbar' }, h('a', { class: 'btn', href: `#/nodes/${pk}` }, 'Open node page'),
      h('a', { class: 'btn', href: `#/packets?node=${pk}` }, 'View packets')),
  ];
}
