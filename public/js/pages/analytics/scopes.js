// Scopes tab: transport-scope (region code) statistics: totals and the unscoped share (/api/scope-stats),
// traffic per scope over time and the repeaters forwarding each scope most (/api/scope-stats/breakdown).
import { h } from '../../lib/dom.js';
import { add, stat, chart, num, table, section, nodeLink, PALETTE } from '../../components/analytics-kit.js';
import { UNSCOPED } from '../../lib/definitions.js';

const WINDOWS = ['1h', '24h', '7d'];
const SERIES_MAX = 8; // scopes drawn as lines; the table lists every scope

/** unscopedShare is the unscoped part of every packet counted, as a percentage string ('—' without packets). */
export function unscopedShare(sum) {
  const all = (sum.scoped || 0) + (sum.unknownScope || 0) + (sum.unscoped || 0);
  return all ? `${((100 * (sum.unscoped || 0)) / all).toFixed(1)} %` : '—';
}

const bucketLabel = (t) => String(t).slice(5, 16).replace('T', ' ');

/** render draws the scopes tab into box. */
export async function render(box, { get, query }) {
  const win = WINDOWS.includes(query.scopeWindow) ? query.scopeWindow : '24h';
  const [s, b] = await Promise.all([get('/scope-stats', { window: win, region: null }), get('/scope-stats/breakdown', { window: win, region: null })]);
  const sum = s.summary || {};
  const ts = s.timeSeries || [];
  const scopes = b.scopes || [];
  const buckets = b.buckets || [];
  const scopedTotal = scopes.reduce((a, x) => a + x.total, 0);
  add(box, h('div', { class: 'cards an-cards' }, stat('Transport packets', num(sum.transportTotal), 'transport'), stat('Scoped', num(sum.scoped), 'scoped'),
    stat('Unknown scope', num(sum.unknownScope), 'unknown'), stat('Unscoped', num(sum.unscoped), 'unscoped', UNSCOPED), stat('Unscoped share', unscopedShare(sum), 'unscopedShare')));
  add(box, chart(`Scoped vs unscoped (${win})`, 'scopeSeries', ts.some((x) => x.scoped + x.unscoped > 0), (c) => ({ type: 'bar',
    data: { labels: ts.map((x) => bucketLabel(x.t)), datasets: [{ label: 'Scoped', data: ts.map((x) => x.scoped), backgroundColor: c.ok },
      { label: 'Unscoped', data: ts.map((x) => x.unscoped), backgroundColor: c.muted }] },
    options: { plugins: { legend: { display: true } }, scales: { x: { stacked: true }, y: { stacked: true, beginAtZero: true } } } })),
  chart(`Traffic per scope (${win})`, 'scopePerScope', scopes.length > 0, () => ({ type: 'line',
    data: { labels: buckets.map(bucketLabel), datasets: scopes.slice(0, SERIES_MAX).map((x, i) => ({ label: x.name, data: x.counts,
      borderColor: PALETTE[i % PALETTE.length], backgroundColor: PALETTE[i % PALETTE.length], tension: 0.2, pointRadius: 0 })) },
    options: { plugins: { legend: { display: true } }, scales: { y: { beginAtZero: true } } } })),
  section('By region scope', h('div', { id: 'scopeTotals' }, table(['Scope', 'Packets', 'Share of named scopes'],
    scopes.map((x) => ({ key: x.name, cells: [x.name, num(x.total), scopedTotal ? `${((100 * x.total) / scopedTotal).toFixed(1)} %` : '—'] })),
    { empty: 'No packets scoped to a listed region in this window. Regions are named from hashRegions in config.json.' }))),
  section(`Top transporting repeaters per scope (last ${b.repeaterWindow || '7d'})`,
    h('p', { class: 'muted' }, 'Distinct packets of each scope a repeater was seen forwarding, credited only through hops that name one known node.'),
    h('div', { id: 'scopeTopRepeaters' }, table(['Scope', 'Repeater', 'Packets forwarded'],
      (b.topRepeaters || []).flatMap((g) => g.repeaters.map((r, i) => ({ key: `${g.scope} ${r.public_key}`,
        cells: [i === 0 ? g.scope : '', nodeLink(r.public_key, r.name), num(r.count)] }))),
      { empty: 'No repeater was seen forwarding a named scope through an unambiguous hop yet.' }))));
}
