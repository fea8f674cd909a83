// Hash Sizes tab: path hash-size distribution overall, among repeaters, per hour, and multi-byte adopters.
import { h } from '../../lib/dom.js';
import { timeAgo } from '../../lib/format.js';
import { add, stat, chart, bar, num, table, section, nodeLink } from '../../components/analytics-kit.js';

/** render draws the hash-sizes tab into box. */
export async function render(box, { get }) {
  const s = await get('/analytics/hash-sizes');
  const d = s.distribution || {};
  const r = s.distributionByRepeaters || {};
  const hourly = s.hourly || [];
  add(box, h('div', { class: 'cards an-cards' }, stat('Paths counted', num(s.total), 'total'),
    ...['1', '2', '3'].map((k) => stat(`${k}-byte hashes`, num(d[k] || 0), `size${k}`)), stat('Attribution', s.attributionMethod || '—', 'method')));
  add(box, h('div', { class: 'an-grid' },
    chart('Hash size (all paths)', 'hsAll', (s.total || 0) > 0, (c) => bar(['1 byte', '2 bytes', '3 bytes'], ['1', '2', '3'].map((k) => d[k] || 0), c.accent)),
    chart('Hash size by repeaters', 'hsRep', Object.values(r).some((v) => v > 0), (c) => bar(['1 byte', '2 bytes', '3 bytes'], ['1', '2', '3'].map((k) => r[k] || 0), c.info)),
    chart('Hash sizes per hour', 'hsHourly', hourly.length > 0, (c) => ({ type: 'bar',
      data: { labels: hourly.map((x) => x.hour.slice(5).replace('T', ' ')), datasets: [['1', c.accent], ['2', c.warn], ['3', c.bad]].map(([k, col]) => ({ label: `${k} byte`, data: hourly.map((x) => x[k] || 0), backgroundColor: col })) },
      options: { plugins: { legend: { display: true } }, scales: { x: { stacked: true }, y: { stacked: true, beginAtZero: true } } } }))),
  h('div', { class: 'an-grid' },
    section('Multi-byte nodes', table(['Node', 'Role', 'Hash size', 'Packets', 'Last seen'], (s.multiByteNodes || []).map((n) =>
      [nodeLink(n.pubkey, n.name), n.role || '—', num(n.hashSize), num(n.packets), timeAgo(n.lastSeen)]))),
    section('Most-seen hops', table(['Hop', 'Size', 'Node', 'Count'], (s.topHops || []).slice(0, 20).map((x) =>
      [h('span', { class: 'mono' }, x.hex), num(x.size), nodeLink(x.pubkey, x.name), num(x.count)])))));
}
