// Observer detail (#/observers/<id>?days=1|3|7|30|365): stat cards, Chart.js charts (packets over
// time, packet types, unique nodes, SNR distribution) and recent packets.
import { h, replace, svg } from '../lib/dom.js';
import { getJSON, isAbort } from '../lib/api.js';
import { buildHash } from '../lib/url.js';
import { makeChart, destroyCharts } from '../lib/charts.js';
import { timeAgo, absTime, fmtNum, fmtDec, fmtDuration, observerStatus } from '../lib/format.js';
import { payloadName } from '../logic/payload.js';
import { radioText } from '../logic/node-info.js';
import { typeBadge, statusDot } from '../components/badges.js';
import { summaryText } from '../components/packet-detail.js';
import { airtimeCard } from '../components/airtime-chart.js';

const RANGES = [['1', '24h'], ['3', '3d'], ['7', '7d'], ['30', '30d'], ['365', '1y']];
const TYPE_COLORS = ['#1f6feb', '#2da44e', '#bf8700', '#8250df', '#cf222e', '#0a7ea4', '#d46a1f', '#6e7781', '#e85aad', '#3fb950', '#a371f7', '#768390'];

/** barChart renders labelled bars as an accessible SVG (kept for pages that embed small bar charts). */
export function barChart(items, label) {
  const w = 600;
  const hgt = 140;
  const max = Math.max(1, ...items.map((i) => i.count));
  const bw = items.length ? w / items.length : w;
  return svg('svg', { class: 'bar-chart', viewBox: `0 0 ${w} ${hgt + 16}`, role: 'img', 'aria-label': label, preserveAspectRatio: 'none' },
    items.map((it, i) => svg('rect', { x: i * bw + 1, y: hgt - (it.count / max) * hgt, width: Math.max(1, bw - 2), height: (it.count / max) * hgt, fill: 'currentColor' },
      svg('title', null, `${it.label}: ${it.count}`))));
}

function chartCard(title, id, total, draw) {
  const canvas = h('canvas', { id, role: 'img', 'aria-label': title });
  const card = h('section', { class: 'card obs-chart' }, h('div', { class: 'obs-chart-head' }, h('h2', null, title),
    total !== null ? h('span', { class: 'muted', dataset: { total: id } }, total) : null), h('div', { class: 'chart-box' }, canvas));
  if (draw) draw(canvas).catch((e) => card.append(h('p', { class: 'error-text' }, `Chart unavailable: ${e.message}`)));
  else card.querySelector('.chart-box').replaceChildren(h('p', { class: 'muted empty' }, 'No data in this range.'));
  return card;
}

const series = (items, key = 'count') => ({ labels: items.map((x) => x.label), data: items.map((x) => x[key]) });

/** metricsChart appends noise floor / battery history when the server has observer metrics (fail-soft). */
async function metricsChart(into, id, days, signal) {
  let m;
  try {
    const since = new Date(Date.now() - Number(days) * 86400000).toISOString();
    m = await getJSON(`/observers/${encodeURIComponent(id)}/metrics`, { since, resolution: Number(days) > 7 ? '1d' : Number(days) > 1 ? '1h' : '5m' }, { signal, quiet: true, noRetry: true });
  } catch { return; }
  const rows = (m?.metrics || []).filter((x) => (x.noise_floor !== null && x.noise_floor !== undefined) || x.battery_mv);
  if (!rows.length || signal.aborted) return;
  const labels = rows.map((x) => absTime(x.timestamp).slice(5, 16));
  into.append(chartCard('Noise floor & battery', 'obsChartMetrics', `${fmtNum(rows.length)} samples`, (cv) => makeChart(cv, (c) => ({
    type: 'line',
    data: { labels, datasets: [
      { label: 'Noise floor (dBm)', data: rows.map((x) => x.noise_floor ?? null), borderColor: c.warn, backgroundColor: c.warn, yAxisID: 'y', spanGaps: true, pointRadius: 0 },
      { label: 'Battery (mV)', data: rows.map((x) => x.battery_mv ?? null), borderColor: c.ok, backgroundColor: c.ok, yAxisID: 'y1', spanGaps: true, pointRadius: 0 }] },
    options: { responsive: true, maintainAspectRatio: false, scales: { y: { position: 'left' }, y1: { position: 'right', grid: { drawOnChartArea: false } } } },
  }))));
}

/** mount renders one observer. */
export function mount(el, ctx) {
  const ctrl = new AbortController();
  const id = ctx.params[0] || '';
  const days = RANGES.some((r) => r[0] === ctx.query.days) ? ctx.query.days : '1';
  const title = h('h1', null, 'Observer');
  const body = h('div', { class: 'observer-body' }, h('p', { class: 'muted' }, 'Loading observer…'));
  const range = h('div', { class: 'seg obs-range', role: 'group', 'aria-label': 'Time range' }, RANGES.map(([v, l]) =>
    h('a', { class: 'btn', href: buildHash(['observers', id], { days: v }, { days: '1' }), 'aria-current': v === days ? 'true' : null, dataset: { days: v } }, l)));
  replace(el, h('section', { class: 'page observer-page' }, h('p', null, h('a', { href: '#/observers' }, '← All observers')),
    h('div', { class: 'page-head' }, title, range), body));
  (async () => {
    let o;
    let th;
    try {
      [o, th] = await Promise.all([getJSON(`/observers/${encodeURIComponent(id)}`, null, { signal: ctrl.signal, quiet: true }),
        getJSON('/config/client', null, { signal: ctrl.signal, quiet: true }).then((c) => c?.healthThresholds || {}, () => ({}))]);
    } catch (e) {
      if (isAbort(e)) return;
      title.textContent = 'Observer not found';
      replace(body, h('p', { class: 'muted' }, e.message), h('p', null, h('a', { href: '#/observers' }, 'Back to all observers')));
      return;
    }
    title.textContent = o.name || o.id;
    const card = (l, v, stat, text = false) => h('div', { class: ['card', 'stat-card', text ? 'text-card' : ''], dataset: { stat } }, h('div', { class: 'stat-value' }, v), h('div', { class: 'stat-label' }, l));
    const st = observerStatus(o.last_seen, Date.now(), th);
    const charts = h('div', { class: 'obs-charts' }, h('p', { class: 'muted' }, 'Loading charts…'));
    const recent = h('div', { id: 'obsRecent' });
    replace(body,
      h('div', { class: 'cards obs-cards' }, card('Status', statusDot(st), 'status'), card('Relay', o.can_relay === undefined ? '—' : o.can_relay ? 'Relays' : 'Listener', 'relay'),
        card('Region', o.iata || '—', 'region'), card('Model', o.model || '—', 'model', true), card('Firmware', o.firmware || '—', 'firmware', true),
        card('Client', o.client_version || '—', 'client', true), card('Radio', radioText(o.radio), 'radio', true),
        card('Battery', o.battery_mv ? `${fmtNum(o.battery_mv)} mV` : '—', 'battery'), card('Uptime', o.uptime_secs ? fmtDuration(o.uptime_secs) : '—', 'uptime'),
        card('Noise floor', o.noise_floor !== null && o.noise_floor !== undefined ? `${fmtDec(o.noise_floor)} dBm` : '—', 'noise'),
        card('Total packets', fmtNum(o.packet_count), 'packet_count'), card('Packets/hour', fmtNum(o.packetsLastHour), 'packetsLastHour'),
        card('First seen', h('span', { title: absTime(o.first_seen) }, timeAgo(o.first_seen)), 'first_seen'),
        card('Last status', h('span', { title: absTime(o.last_seen) }, timeAgo(o.last_seen)), 'last_seen'),
        card('Last packet', h('span', { title: absTime(o.last_packet_at) }, timeAgo(o.last_packet_at)), 'last_packet'),
        card('Clock offset', o.clock_skew_seconds !== null && o.clock_skew_seconds !== undefined ? `${o.clock_skew_seconds} s` : '—', 'clock')),
      h('p', { class: 'toolbar' }, h('a', { class: 'btn', href: `#/packets?observer=${encodeURIComponent(o.id)}` }, 'Packets heard'),
        h('a', { class: 'btn', href: `#/nodes/${String(o.id).toLowerCase()}` }, 'View node'),
        h('a', { class: 'btn', href: buildHash(['compare'], { a: o.id }) }, 'Compare with…')),
      charts, h('h2', null, 'Recent packets'), recent);
    body.dataset.loaded = 'true';
    try {
      const a = await getJSON(`/observers/${encodeURIComponent(id)}/analytics`, { days }, { signal: ctrl.signal, quiet: true });
      const tl = series(a.timeline || []);
      const nodes = series(a.nodesTimeline || []);
      const snr = (a.snrDistribution || []).map((s) => ({ label: s.range, count: s.count }));
      const types = Object.entries(a.packetTypes || {}).map(([k, v]) => ({ label: payloadName(Number(k)), count: v })).sort((x, y) => y.count - x.count);
      const sum = (arr) => arr.reduce((s, x) => s + (Number(x) || 0), 0);
      const bar = (s, label, color) => (cv) => makeChart(cv, (c) => ({ type: 'bar', data: { labels: s.labels, datasets: [{ label, data: s.data, backgroundColor: c[color] || c.accent, maxBarThickness: 48 }] },
        options: { responsive: true, maintainAspectRatio: false, plugins: { legend: { display: false } }, scales: { y: { beginAtZero: true, ticks: { precision: 0 } } } } }));
      replace(charts,
        chartCard('Packets over time', 'obsChartPackets', `${fmtNum(sum(tl.data))} packet${sum(tl.data) === 1 ? '' : 's'}`, tl.data.length ? bar(tl, 'Packets', 'accent') : null),
        chartCard('Packet types', 'obsChartTypes', `${fmtNum(types.length)} type${types.length === 1 ? '' : 's'}`, types.length ? (cv) => makeChart(cv, (c) => ({ type: 'doughnut',
          data: { labels: types.map((t) => t.label), datasets: [{ data: types.map((t) => t.count), backgroundColor: TYPE_COLORS, borderColor: c.surface }] },
          options: { responsive: true, maintainAspectRatio: false, plugins: { legend: { position: 'right' } } } })) : null),
        chartCard('Unique nodes heard', 'obsChartNodes', null, nodes.data.length ? (cv) => makeChart(cv, (c) => ({ type: 'line',
          data: { labels: nodes.labels, datasets: [{ label: 'Nodes', data: nodes.data, borderColor: c.ok, backgroundColor: c.ok, tension: 0.25, fill: false }] },
          options: { responsive: true, maintainAspectRatio: false, plugins: { legend: { display: false } }, scales: { y: { beginAtZero: true, ticks: { precision: 0 } } } } })) : null),
        chartCard('SNR distribution', 'obsChartSnr', null, snr.length ? bar(series(snr), 'Observations', 'info') : null));
      replace(recent, (a.recentPackets || []).length ? h('div', { class: 'table-wrap' }, h('table', { class: 'data', id: 'obsRecentTable' },
        h('thead', null, h('tr', null, ['Time', 'Type', 'Summary', 'SNR', 'RSSI'].map((c) => h('th', { scope: 'col' }, c)))),
        h('tbody', null, a.recentPackets.map((p) => h('tr', null, h('td', null, h('time', { title: absTime(p.timestamp) }, timeAgo(p.timestamp))),
          h('td', null, typeBadge(p.payload_type, p.route_type)), h('td', null, h('a', { href: `#/packets/${p.hash}` }, summaryText(p) || p.hash)),
          h('td', { class: 'num' }, fmtDec(p.snr)), h('td', { class: 'num' }, fmtDec(p.rssi, 0)))))))
        : h('p', { class: 'muted' }, `No packets from this observer in the last ${RANGES.find((r) => r[0] === days)[1]}. Try a longer range.`));
      charts.dataset.loaded = 'true';
      charts.append(airtimeCard(`/observers/${encodeURIComponent(id)}/airtime`, 'observer', 'obsChartAirtime', { signal: ctrl.signal }));
      metricsChart(charts, id, days, ctrl.signal);
    } catch (e) { if (!isAbort(e)) replace(charts, h('p', { class: 'error-text' }, `Analytics unavailable: ${e.message}`)); }
  })();
  return () => { ctrl.abort(); setTimeout(destroyCharts, 0); };
}
