// Clock Skew tab: fleet clock-skew table (worst first), severity counts and observer receive-clock offsets.
import { h } from '../../lib/dom.js';
import { fmtDuration, fmtDec } from '../../lib/format.js';
import { add, stat, chart, num, table, section, nodeLink } from '../../components/analytics-kit.js';

const SEVS = ['ok', 'warning', 'critical', 'absurd', 'no_clock', 'bimodal_clock'];

/** signedDuration renders seconds as ±duration. */
export function signedDuration(sec) {
  if (sec === null || sec === undefined) return '—';
  return `${sec < 0 ? '−' : '+'}${fmtDuration(Math.abs(sec))}`;
}

/** render draws the clock-skew tab into box. */
export async function render(box, { get }) {
  const [nodes, observers] = await Promise.all([get('/nodes/clock-skew', { window: null }), get('/observers/clock-skew', { window: null })]);
  const counts = SEVS.map((s) => nodes.filter((n) => n.severity === s).length);
  add(box, h('div', { class: 'cards an-cards' }, stat('Nodes with clock data', num(nodes.length), 'nodes'),
    ...SEVS.map((s, i) => stat(s.replace('_', ' '), num(counts[i]), `sev-${s}`))));
  add(box, chart('Nodes by clock severity', 'clockSev', nodes.length > 0, (c) => ({ type: 'bar',
    data: { labels: SEVS, datasets: [{ label: 'Nodes', data: counts, backgroundColor: [c.ok, c.warn, c.bad, '#8250df', c.muted, c.info] }] },
    options: { scales: { y: { beginAtZero: true } } } })),
  section('Nodes (worst first)', table(['Node', 'Role', 'Severity', 'Recent median', 'Drift / day', 'Samples', 'Good %', 'Calibrated'],
    nodes.slice(0, 200).map((n) => [nodeLink(n.pubkey, n.nodeName), n.nodeRole || '—', h('span', { class: `an-badge sev-${n.severity}` }, n.severity),
      signedDuration(n.recentMedianSkewSec), signedDuration(n.driftPerDaySec), num(n.sampleCount), `${fmtDec((n.goodFraction || 0) * 100, 0)} %`, n.calibrated ? 'yes' : 'no']))),
  section('Observer receive-clock offsets', table(['Observer', 'Offset', 'Samples'], observers.map((o) =>
    [h('a', { href: `#/observers/${encodeURIComponent(o.observerID)}` }, o.observerID), signedDuration(o.offsetSec), num(o.samples)]))));
}
