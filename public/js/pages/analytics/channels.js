// Channels tab: per-channel table, messages over time per channel, top senders.
import { h } from '../../lib/dom.js';
import { timeAgo } from '../../lib/format.js';
import { add, stat, chart, num, table, section, PALETTE } from '../../components/analytics-kit.js';

/** render draws the channels tab into box. */
export async function render(box, { get }) {
  const c = await get('/analytics/channels');
  const tl = c.channelTimeline || [];
  const hours = [...new Set(tl.map((x) => x.hour))].sort();
  const names = [...new Set(tl.map((x) => x.channel))];
  const senders = (c.topSenders || []).slice(0, 15);
  add(box, h('div', { class: 'cards an-cards' }, stat('Active channels', num(c.activeChannels), 'active'), stat('Decryptable', num(c.decryptable), 'decryptable'),
    stat('Messages', num((c.channels || []).reduce((a, x) => a + x.messages, 0)), 'messages')));
  add(box, h('div', { class: 'an-grid' },
    chart('Messages per channel over time', 'chTimeline', tl.length > 0, () => ({ type: 'bar',
      data: { labels: hours.map((x) => x.slice(5).replace('T', ' ')), datasets: names.map((n, i) => ({ label: n, backgroundColor: PALETTE[i % PALETTE.length],
        data: hours.map((hr) => tl.find((x) => x.hour === hr && x.channel === n)?.count || 0) })) },
      options: { plugins: { legend: { display: true } }, scales: { x: { stacked: true }, y: { stacked: true, beginAtZero: true } } } })),
    chart('Top senders', 'chSenders', senders.length > 0, (k) => ({ type: 'bar',
      data: { labels: senders.map((s) => s.name), datasets: [{ label: 'Messages', data: senders.map((s) => s.count), backgroundColor: k.accent }] },
      options: { indexAxis: 'y' } }))),
  section('Channels', table(['Channel', 'Messages', 'Senders', 'Encrypted', 'Last activity'], (c.channels || []).map((x) =>
    [x.name || x.hash, num(x.messages), num(x.senders), x.encrypted ? 'yes' : 'no', timeAgo(x.lastActivity)]))));
}
