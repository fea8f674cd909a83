// Distance tab: link distance summary, distribution, by link class, over time, longest links and paths.
import { h } from '../../lib/dom.js';
import { fmtDec, timeAgo } from '../../lib/format.js';
import { add, stat, chart, bar, histBars, num, table, section, nodeLink } from '../../components/analytics-kit.js';

/** render draws the distance tab into box. */
export async function render(box, { get }) {
  const d = await get('/analytics/distance', { window: null });
  const s = d.summary || {};
  const hist = histBars(Array.isArray(d.distHistogram) ? null : d.distHistogram, 1);
  const over = d.distOverTime || [];
  const cats = Object.entries(d.catStats || {});
  add(box, h('div', { class: 'cards an-cards' }, stat('Hops measured', num(s.totalHops), 'hops'), stat('Paths', num(s.totalPaths), 'paths'),
    stat('Average', `${fmtDec(s.avgDist)} km`, 'avg'), stat('Longest', `${fmtDec(s.maxDist)} km`, 'max')));
  add(box, h('div', { class: 'an-grid' },
    chart('Hop distance distribution (km)', 'distHist', hist.counts.length > 0, (c) => bar(hist.labels, hist.counts, c.accent)),
    chart('Average distance by link class', 'distCats', cats.some(([, v]) => v.count > 0), (c) => bar(cats.map(([k]) => k), cats.map(([, v]) => v.avg), c.info, { label: 'Avg km' })),
    chart('Average hop distance over time', 'distOver', over.length > 0, (c) => ({ type: 'line',
      data: { labels: over.map((x) => x.hour.slice(5).replace('T', ' ')), datasets: [{ label: 'Avg km', data: over.map((x) => x.avg), borderColor: c.ok, pointRadius: 1 }] } }))),
  section('Longest links', table(['From', 'To', 'Class', 'Distance', 'Best SNR', 'Seen'], (d.topHops || []).slice(0, 25).map((x) =>
    [nodeLink(x.fromPk, x.fromName), nodeLink(x.toPk, x.toName), x.type, `${fmtDec(x.dist)} km`, fmtDec(x.bestSnr), timeAgo(x.timestamp)]))),
  section('Longest paths', table(['Packet', 'Hops', 'Total', 'Seen'], (d.topPaths || []).slice(0, 15).map((p) =>
    [h('a', { href: `#/packet/${encodeURIComponent(p.hash)}`, class: 'mono' }, p.hash.slice(0, 8)), num(p.hopCount), `${fmtDec(p.totalDist)} km`, timeAgo(p.timestamp)]))));
}
