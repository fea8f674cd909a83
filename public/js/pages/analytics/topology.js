// Topology tab: hop counts, most-seen repeaters and pairs, hops vs SNR, per-observer reach.
import { h } from '../../lib/dom.js';
import { HOP_STATS } from '../../lib/definitions.js';
import { fmtDec } from '../../lib/format.js';
import { add, stat, chart, bar, num, table, nodeLink, section } from '../../components/analytics-kit.js';

/** render draws the topology tab into box. */
export async function render(box, { get }) {
  const t = await get('/analytics/topology');
  const hops = t.hopDistribution || [];
  const hvs = t.hopsVsSnr || [];
  add(box, h('div', { class: 'cards an-cards' }, stat('Known nodes', num(t.uniqueNodes), 'uniqueNodes'),
    stat('Avg hops', fmtDec(t.avgHops), 'avgHops', HOP_STATS), stat('Median hops', fmtDec(t.medianHops), 'medianHops'), stat('Max hops', num(t.maxHops), 'maxHops')));
  add(box, h('div', { class: 'an-grid' },
    chart('Hop count distribution', 'topoHops', hops.length > 0, (c) => bar(hops.map((x) => String(x.hops)), hops.map((x) => x.count), c.accent)),
    chart('Average SNR by hop count', 'topoHopsSnr', hvs.length > 0, (c) => bar(hvs.map((x) => String(x.hops)), hvs.map((x) => x.avgSnr), c.ok, { label: 'Avg SNR' }))));
  const reach = Object.entries(t.perObserverReach || {}).map(([id, r]) => [r.observer_name || id,
    ...[1, 2, 3].map((n) => num((r.rings || []).find((x) => x.hops === n)?.nodes?.length || 0))]);
  add(box, h('div', { class: 'an-grid' },
    section('Top repeaters', table(['Hop', 'Node', 'Packets'], (t.topRepeaters || []).slice(0, 20).map((r) => [h('span', { class: 'mono' }, r.hop), nodeLink(r.pubkey, r.name), num(r.count)]))),
    section('Top hop pairs', table(['From', 'To', 'Count'], (t.topPairs || []).slice(0, 20).map((p) => [nodeLink(p.pubkeyA, p.nameA || p.hopA), nodeLink(p.pubkeyB, p.nameB || p.hopB), num(p.count)]))),
    section('Reach per observer (distinct nodes at 1/2/3 hops)', table(['Observer', '1 hop', '2 hops', '3 hops'], reach)),
    section('Nodes heard by several observers', table(['Node', 'Observers', 'Nearest (hops)'], (t.multiObsNodes || []).slice(0, 20).map((n) => [nodeLink(n.pubkey, n.name || n.hop),
      num((n.observers || []).length), num(Math.min(...(n.observers || []).map((o) => o.minDist))) ])))));
}
