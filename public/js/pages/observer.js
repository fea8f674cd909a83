// Observer detail (#/observers/<id>?days=): stat cards, timeline bars, packet types, recent packets.
import { h, replace, svg } from '../lib/dom.js';
import { getJSON, isAbort } from '../lib/api.js';
import { buildHash } from '../lib/url.js';
import { timeAgo, absTime, fmtNum, fmtDec, fmtDuration, observerStatus } from '../lib/format.js';
import { payloadName } from '../logic/payload.js';
import { typeBadge, statusDot } from '../components/badges.js';
import { summaryText } from '../components/packet-detail.js';

/** barChart renders labelled bars as an accessible SVG. */
export function barChart(items, label) {
  const w = 600;
  const hgt = 140;
  const max = Math.max(1, ...items.map((i) => i.count));
  const bw = items.length ? w / items.length : w;
  return svg('svg', { class: 'bar-chart', viewBox: `0 0 ${w} ${hgt + 16}`, role: 'img', 'aria-label': label, preserveAspectRatio: 'none' },
    items.map((it, i) => svg('rect', { x: i * bw + 1, y: hgt - (it.count / max) * hgt, width: Math.max(1, bw - 2), height: (it.count / max) * hgt, fill: 'currentColor' },
      svg('title', null, `${it.label}: ${it.count}`))));
}

/** mount renders one observer. */
export function mount(el, ctx) {
  const ctrl = new AbortController();
  const id = ctx.params[0] || '';
  const days = ['1', '3', '7', '30'].includes(ctx.query.days) ? ctx.query.days : '1';
  const title = h('h1', null, 'Observer');
  const body = h('div', null, h('p', { class: 'muted' }, 'Loading observer…'));
  const range = h('div', { class: 'toolbar', role: 'group', 'aria-label': 'Range' }, [['1', '24h'], ['3', '3d'], ['7', '7d'], ['30', '30d']].map(([v, l]) =>
    h('a', { class: 'btn', href: buildHash(['observers', id], { days: v }, { days: '1' }), 'aria-current': v === days ? 'true' : null }, l)));
  replace(el, h('section', { class: 'page observer-page' }, h('p', null, h('a', { href: '#/observers' }, '← All observers')), title, range, body));
  (async () => {
    let o;
    try { o = await getJSON(`/observers/${encodeURIComponent(id)}`, null, { signal: ctrl.signal, quiet: true }); } catch (e) {
      if (isAbort(e)) return;
      title.textContent = 'Observer not found';
      replace(body, h('p', { class: 'muted' }, e.message));
      return;
    }
    title.textContent = o.name || o.id;
    const card = (l, v) => h('div', { class: 'card stat-card' }, h('div', { class: 'stat-value' }, v), h('div', { class: 'stat-label' }, l));
    const st = observerStatus(o.last_seen);
    const charts = h('div', { class: 'grid-2' }, h('p', { class: 'muted' }, 'Loading analytics…'));
    const recent = h('div');
    replace(body,
      h('div', { class: 'cards' }, card('Status', statusDot(st)), card('Region', o.iata || '—'), card('Total packets', fmtNum(o.packet_count)),
        card('Packets/hour', fmtNum(o.packetsLastHour)), card('Firmware', o.firmware || '—'), card('Client', o.client_version || '—'),
        card('Radio', o.radio || '—'), card('Battery', o.battery_mv ? `${o.battery_mv} mV` : '—'), card('Uptime', o.uptime_secs ? fmtDuration(o.uptime_secs) : '—'),
        card('Noise floor', o.noise_floor !== null && o.noise_floor !== undefined ? `${fmtDec(o.noise_floor)} dBm` : '—'),
        card('First seen', absTime(o.first_seen)), card('Last status', timeAgo(o.last_seen)), card('Last packet', timeAgo(o.last_packet_at)),
        card('Clock offset', o.clock_skew_seconds !== null && o.clock_skew_seconds !== undefined ? `${o.clock_skew_seconds} s` : '—')),
      h('p', null, h('a', { href: `#/packets?observer=${encodeURIComponent(o.id)}` }, 'Packets heard by this observer'),
        ' · ', h('a', { href: `#/nodes/${String(o.id).toLowerCase()}` }, 'View node')),
      charts, h('h2', null, 'Recent packets'), recent);
    body.dataset.loaded = 'true';
    try {
      const a = await getJSON(`/observers/${encodeURIComponent(id)}/analytics`, { days }, { signal: ctrl.signal, quiet: true });
      const types = Object.entries(a.packetTypes || {}).map(([k, v]) => ({ label: payloadName(k), count: v })).sort((x, y) => y.count - x.count);
      replace(charts,
        h('section', { class: 'card' }, h('h2', null, 'Packets over time'), barChart(a.timeline || [], 'Packets over time')),
        h('section', { class: 'card' }, h('h2', null, 'Unique nodes heard'), barChart(a.nodesTimeline || [], 'Unique nodes per bucket')),
        h('section', { class: 'card' }, h('h2', null, 'Packet types'), h('ul', { class: 'plain-list' }, types.map((t) => h('li', null, `${t.label}: ${fmtNum(t.count)}`)))),
        h('section', { class: 'card' }, h('h2', null, 'SNR distribution'), barChart((a.snrDistribution || []).map((s) => ({ label: s.range, count: s.count })), 'SNR distribution')));
      replace(recent, h('ul', { class: 'plain-list' }, (a.recentPackets || []).map((p) => h('li', null, typeBadge(p.payload_type, p.route_type), ' ',
        h('a', { href: `#/packets/${p.hash}` }, summaryText(p) || p.hash), h('span', { class: 'muted' }, ` · ${timeAgo(p.timestamp)} · SNR ${fmtDec(p.snr)}`)))));
    } catch (e) { if (!isAbort(e)) replace(charts, h('p', { class: 'muted' }, `Analytics unavailable: ${e.message}`)); }
  })();
  return () => ctrl.abort();
}
