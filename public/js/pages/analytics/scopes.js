// Scopes tab: transport-scope (region code) statistics for transport-routed packets.
import { h } from '../../lib/dom.js';
import { add, stat, chart, num, table, section } from './common.js';
import { UNSCOPED } from '../../lib/definitions.js';

const WINDOWS = ['1h', '24h', '7d'];

/** render draws the scopes tab into box. */
export async function render(box, { get, query }) {
  const win = WINDOWS.includes(query.scopeWindow) ? query.scopeWindow : '24h';
  const s = await get('/scope-stats', { window: win, region: null });
  const sum = s.summary || {};
  const ts = s.timeSeries || [];
  add(box, h('div', { class: 'cards an-cards' }, stat('Transport packets', num(sum.transportTotal), 'transport'), stat('Scoped', num(sum.scoped), 'scoped'),
    stat('Unknown scope', num(sum.unknownScope), 'unknown'), stat('Unscoped', num(sum.unscoped), 'unscoped', UNSCOPED)));
  add(box, chart(`Scoped vs unscoped (${win})`, 'scopeSeries', ts.some((b) => b.scoped + b.unscoped > 0), (c) => ({ type: 'bar',
    data: { labels: ts.map((b) => b.t.slice(5, 16).replace('T', ' ')), datasets: [{ label: 'Scoped', data: ts.map((b) => b.scoped), backgroundColor: c.ok },
      { label: 'Unscoped', data: ts.map((b) => b.unscoped), backgroundColor: c.muted }] },
    options: { plugins: { legend: { display: true } }, scales: { x: { stacked: true }, y: { stacked: true, beginAtZero: true } } } })),
  section('By region scope', table(['Scope', 'Packets'], (s.byRegion || []).map((r) => [r.name, num(r.count)]), { empty: 'No scoped transport packets in this window.' })));
}
