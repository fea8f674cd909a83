// Node analytics (#/nodes/<pk>/analytics?days=1|7|30|365): stat cards, Chart.js activity timeline,
// SNR trend and distribution, packet types, hop counts, observer coverage, battery, a peer network graph
// (the node's neighbours from the neighbour graph) and an hour-by-weekday heatmap.
import { h, replace } from '../lib/dom.js';
import { getJSON, isAbort } from '../lib/api.js';
import { buildHash } from '../lib/url.js';
import { destroyCharts } from '../lib/charts.js';
import { fmtDec, fmtDuration, timeAgo } from '../lib/format.js';
import { payloadName } from '../logic/payload.js';
import { LONGEST_SILENCE } from '../lib/definitions.js';
import { add, analyticsCSS, stat, chart, bar, num, table, section, nodeLink, PALETTE } from '../components/analytics-kit.js';

const RANGES = [['1', '24h'], ['7', '7d'], ['30', '30d'], ['365', 'All']];
const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];

/** snrBins counts SNR values into 2 dB bins. */
export function snrBins(values) {
  const m = new Map();
  for (const v of values) {
    if (v === null || v === undefined || !Number.isFinite(v)) continue;
    const b = Math.floor(v / 2) * 2;
    m.set(b, (m.get(b) || 0) + 1);
  }
  return [...m.entries()].sort((a, b) => a[0] - b[0]).map(([b, c]) => ({ label: `${b}…${b + 2}`, count: c }));
}

function heatmap(cells) {
  const max = Math.max(1, ...cells.map((c) => c.count));
  const at = new Map(cells.map((c) => [`${c.dayOfWeek}-${c.hour}`, c.count]));
  const grid = h('div', { class: 'na-heatmap', role: 'grid', 'aria-label': 'Packets by weekday and hour (UTC)' }, h('div', { class: 'hm-head' }, ''));
  for (let hr = 0; hr < 24; hr++) grid.append(h('div', { class: 'hm-head' }, hr % 3 === 0 ? String(hr) : ''));
  DAYS.forEach((d, di) => {
    grid.append(h('div', { class: 'hm-head' }, d));
    for (let hr = 0; hr < 24; hr++) {
      const n = at.get(`${di}-${hr}`) || 0;
      grid.append(h('div', { class: `hm-cell${n ? '' : ' zero'}`, role: 'gridcell', title: `${d} ${hr}:00 — ${n} packets`,
        style: n ? { opacity: String(0.2 + 0.8 * (n / max)) } : null }));
    }
  });
  return grid;
}

function peerGraph(pk, neighbors) {
  const size = 320;
  const cv = h('canvas', { id: 'naPeerGraph', width: String(size), height: String(size), role: 'img', 'aria-label': 'Peer network: this node and its neighbours' });
  const list = neighbors.slice(0, 24);
  requestAnimationFrame(() => {
    const ctx = cv.getContext('2d');
    const cs = getComputedStyle(document.documentElement);
    const col = (n, fb) => cs.getPropertyValue(n).trim() || fb;
    const c = size / 2;
    ctx.clearRect(0, 0, size, size);
    list.forEach((n, i) => {
      const a = (i / list.length) * Math.PI * 2;
      const r = 60 + 80 * (1 - Math.min(1, n.score || 0));
      const x = c + r * Math.cos(a);
      const y = c + r * Math.sin(a);
      ctx.strokeStyle = col('--border', '#ccc');
      ctx.lineWidth = 1 + Math.min(4, Math.log2(1 + n.count));
      ctx.beginPath(); ctx.moveTo(c, c); ctx.lineTo(x, y); ctx.stroke();
      ctx.fillStyle = n.ambiguous ? col('--warn', '#b80') : PALETTE[i % PALETTE.length];
      ctx.beginPath(); ctx.arc(x, y, 6, 0, Math.PI * 2); ctx.fill();
      ctx.fillStyle = col('--text', '#222');
      ctx.font = '10px sans-serif';
      ctx.fillText(String(n.name || n.prefix || '').slice(0, 14), x + 8, y + 3);
    });
    ctx.fillStyle = col('--accent', '#16f');
    ctx.beginPath(); ctx.arc(c, c, 9, 0, Math.PI * 2); ctx.fill();
  });
  return h('div', null, cv, table(['Neighbour', 'Count', 'Score', 'Last seen'], neighbors.slice(0, 15).map((n) =>
    [nodeLink(n.pubkey, n.name || n.prefix), num(n.count), fmtDec(n.score, 2), timeAgo(n.last_seen)]), { empty: `No neighbours known for ${pk.slice(0, 8)}.` }));
}

/** mount renders one node's analytics. */
export function mount(el, ctx) {
  analyticsCSS();
  const ctrl = new AbortController();
  const pk = ctx.params[0] || '';
  const days = RANGES.some((r) => r[0] === ctx.query.days) ? ctx.query.days : '7';
  const body = h('div', { id: 'nodeAnalyticsBody', class: 'an-tab', dataset: { loaded: 'false' } }, h('p', { class: 'muted' }, 'Loading node analytics…'));
  const title = h('h1', null, 'Node analytics');
  const range = h('div', { class: 'seg', role: 'group', 'aria-label': 'Time range' }, RANGES.map(([v, l]) =>
    h('a', { class: 'btn', href: buildHash(['nodes', pk, 'analytics'], { days: v }, { days: '7' }), 'aria-current': v === days ? 'true' : null, dataset: { days: v } }, l)));
  replace(el, h('section', { class: 'page node-analytics-page' }, h('p', null, h('a', { href: `#/nodes/${encodeURIComponent(pk)}` }, '← Node detail')),
    h('div', { class: 'page-head an-head' }, title, range), body));
  const opt = { signal: ctrl.signal, quiet: true };
  const run = async () => {
    let a;
    try { a = await getJSON(`/nodes/${encodeURIComponent(pk)}/analytics`, { days }, opt); } catch (e) {
      if (!isAbort(e)) { replace(body, h('p', { class: 'error-text' }, e.status === 404 ? 'Node not found.' : `Analytics unavailable: ${e.message}`)); body.dataset.loaded = 'error'; }
      return;
    }
    const [battery, neighbors] = await Promise.all([
      getJSON(`/nodes/${encodeURIComponent(pk)}/battery`, { days }, opt).catch(() => null),
      getJSON(`/nodes/${encodeURIComponent(pk)}/neighbors`, null, opt).then((n) => n.neighbors || [], () => [])]);
    if (ctrl.signal.aborted) return;
    title.textContent = `Node analytics — ${a.node?.name || pk.slice(0, 8)}`;
    const s = a.computedStats || {};
    const tl = a.activityTimeline || [];
    const snr = a.snrTrend || [];
    const types = a.packetTypeBreakdown || [];
    const hops = a.hopDistribution || [];
    const cov = a.observerCoverage || [];
    const bs = battery?.samples || [];
    const bins = snrBins(snr.map((x) => x.snr));
    replace(body, h('div', { class: 'cards an-cards' },
      stat('Availability', `${fmtDec(s.availabilityPct)} %`, 'availability'), stat('Signal grade', s.signalGrade || '—', 'grade'),
      stat('Packets / day', fmtDec(s.avgPacketsPerDay), 'perDay'), stat('Observers', num(s.uniqueObservers), 'observers'),
      stat('Relay %', `${fmtDec(s.relayPct)} %`, 'relay'), stat('Longest silence', fmtDuration((s.longestSilenceMs || 0) / 1000), 'silence', LONGEST_SILENCE)));
    add(body, h('div', { class: 'an-grid' },
      chart('Activity timeline', 'naActivity', tl.length > 0, (c) => bar(tl.map((x) => x.bucket.slice(5, 16).replace('T', ' ')), tl.map((x) => x.count), c.accent, { label: 'Packets' })),
      chart('SNR trend', 'naSnrTrend', snr.length > 0, (c) => ({ type: 'line',
        data: { labels: snr.map((x) => String(x.timestamp).slice(5, 16).replace('T', ' ')), datasets: [{ label: 'SNR', data: snr.map((x) => x.snr), borderColor: c.ok, pointRadius: 1, showLine: false }] } })),
      chart('SNR distribution (dB)', 'naSnrDist', bins.length > 0, (c) => bar(bins.map((b) => b.label), bins.map((b) => b.count), c.info)),
      chart('Packet types', 'naTypes', types.length > 0, () => ({ type: 'doughnut',
        data: { labels: types.map((t) => payloadName(t.payload_type)), datasets: [{ data: types.map((t) => t.count), backgroundColor: PALETTE }] },
        options: { plugins: { legend: { display: true, position: 'right' } } } })),
      chart('Hop counts', 'naHops', hops.some((x) => x.count > 0), (c) => bar(hops.map((x) => x.hops), hops.map((x) => x.count), c.warn)),
      chart('Battery (mV)', 'naBattery', bs.length > 0, (c) => ({ type: 'line',
        data: { labels: bs.map((x) => x.timestamp.slice(5, 16).replace('T', ' ')), datasets: [{ label: `Battery (${battery?.status || 'unknown'})`, data: bs.map((x) => x.battery_mv), borderColor: c.ok, pointRadius: 1 }] } }))),
    h('div', { class: 'an-grid' },
      section('Hourly activity (UTC)', heatmap(a.uptimeHeatmap || [])),
      section('Peer network', peerGraph(pk, neighbors))),
    section('Observer coverage', table(['Observer', 'Packets', 'Avg SNR', 'Avg RSSI', 'Last seen'], cov.map((o) =>
      [h('a', { href: `#/observers/${encodeURIComponent(o.observer_id)}` }, o.observer_name || o.observer_id), num(o.packetCount), fmtDec(o.avgSnr), fmtDec(o.avgRssi), timeAgo(o.lastSeen)]))),
    section('Peer interactions', table(['Peer', 'Messages', 'Last contact'], (a.peerInteractions || []).map((p) => [nodeLink(p.peer_key, p.peer_name), num(p.messageCount), timeAgo(p.lastContact)]),
      { empty: 'No direct-message peers seen for this node.' })));
    body.dataset.loaded = 'true';
  };
  run().catch((e) => {
    if (isAbort(e) || ctrl.signal.aborted) return;
    replace(body, h('p', { class: 'error-text' }, `Analytics unavailable: ${e.message}`));
    body.dataset.loaded = 'error';
  });
  return () => { ctrl.abort(); destroyCharts(el); };
}
