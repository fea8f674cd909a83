// Route Patterns tab: frequent 2/3/4/5–8-hop subpaths (one bulk request); a row opens its detail.
import { h, replace } from '../../lib/dom.js';
import { fmtDec, timeAgo } from '../../lib/format.js';
import { add, num, table, section, nodeLink, empty } from '../../components/analytics-kit.js';

const GROUPS = '2-2:50,3-3:30,4-4:20,5-8:15';
const TITLES = ['Pairs (2 hops)', 'Triples (3 hops)', 'Quads (4 hops)', 'Long runs (5–8 hops)'];

/** render draws the route-patterns tab into box. */
export async function render(box, { get }) {
  const res = await get('/analytics/subpaths-bulk', { groups: GROUPS });
  const detail = h('div', { id: 'subpathDetail', class: 'an-detail' });
  const open = async (hops) => {
    replace(detail, h('p', { class: 'muted' }, 'Loading detail…'));
    try {
      const d = await get('/analytics/subpath-detail', { hops: hops.join(','), window: null });
      if (d.error) { replace(detail, empty(d.error)); return; }
      replace(detail, section(`Route ${hops.join(' → ')}`,
        h('dl', { class: 'kv' }, h('dt', null, 'Transmissions'), h('dd', null, num(d.totalMatches)), h('dt', null, 'First / last seen'),
          h('dd', null, `${timeAgo(d.firstSeen)} / ${timeAgo(d.lastSeen)}`), h('dt', null, 'Avg SNR'), h('dd', null, fmtDec(d.signal?.avgSnr))),
        table(['Hop', 'Node'], (d.nodes || []).map((n) => [h('span', { class: 'mono' }, n.hop), nodeLink(n.pubkey, n.name)])),
        table(['Observer', 'Count'], (d.observers || []).map((o) => [o.name, num(o.count)]))));
    } catch (e) { replace(detail, h('p', { class: 'error-text' }, e.message)); }
  };
  if (res.error) { add(box, empty(res.error)); return; }
  (res.results || []).forEach((g, i) => {
    add(box, section(`${TITLES[i]} — ${num(g.totalPaths)} paths`, table(['Route', 'Count', '%', ''], (g.subpaths || []).map((s) => [s.path, num(s.count), `${fmtDec(s.pct)} %`,
      h('button', { type: 'button', class: 'btn btn-sm', onclick: () => open(s.rawHops) }, 'Detail')]))));
  });
  add(box, detail);
}
