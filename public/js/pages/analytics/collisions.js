// Hash Collisions tab: the 1-byte prefix matrix (16×16 cells coloured by how many repeaters share the
// prefix and how far apart they are), collision lists per hash size with severity, inconsistent sizes.
import { h } from '../../lib/dom.js';
import { fmtDec } from '../../lib/format.js';
import { add, stat, num, table, section, nodeLink, empty } from '../../components/analytics-kit.js';

const SEVERITY = { local: 'bad', regional: 'warn', distant: 'ok', incomplete: 'muted', unknown: 'muted' };

/** severityOf grades one prefix for the matrix: free, single, or a collision by classification. */
function severityOf(cell, byPrefix) {
  if (!cell || cell.length === 0) return 'free';
  if (cell.length === 1) return 'single';
  return byPrefix.get(cell[0]?.public_key?.slice(0, 2))?.classification || 'unknown';
}

function matrix(size1) {
  const cells = size1.one_byte_cells || {};
  const byPrefix = new Map((size1.collisions || []).map((c) => [c.prefix.toLowerCase(), c]));
  const grid = h('div', { class: 'an-matrix', role: 'grid', 'aria-label': '1-byte prefix collision matrix' });
  grid.append(h('div', { class: 'an-mx-head' }, ''));
  for (let x = 0; x < 16; x++) grid.append(h('div', { class: 'an-mx-head' }, x.toString(16).toUpperCase()));
  for (let y = 0; y < 16; y++) {
    grid.append(h('div', { class: 'an-mx-head' }, `${y.toString(16).toUpperCase()}_`));
    for (let x = 0; x < 16; x++) {
      const key = (y * 16 + x).toString(16).padStart(2, '0').toUpperCase();
      const nodes = cells[key] || cells[key.toLowerCase()] || [];
      const sev = severityOf(nodes, byPrefix);
      const title = `${key}: ${nodes.length} repeater${nodes.length === 1 ? '' : 's'}${nodes.length > 1 ? ` (${sev})` : ''}`;
      grid.append(h('div', { class: `an-mx-cell sev-${sev}`, role: 'gridcell', title, 'aria-label': title, dataset: { prefix: key, count: String(nodes.length) } },
        nodes.length > 1 ? String(nodes.length) : ''));
    }
  }
  return h('div', null, grid, h('p', { class: 'an-legend' }, ['free', 'single', 'local', 'regional', 'distant', 'incomplete'].map((s) =>
    h('span', { class: `an-key sev-${s}` }, s))));
}

/** render draws the collisions tab into box. */
export async function render(box, { get }) {
  const c = await get('/analytics/hash-collisions', { window: null });
  const by = c.by_size || {};
  add(box, h('div', { class: 'cards an-cards' }, ...['1', '2', '3'].map((k) => stat(`${k}-byte collisions`, num(by[k]?.stats?.collision_count || 0), `coll${k}`)),
    stat('1-byte space used', `${fmtDec(by['1']?.stats?.pct_used)} %`, 'pctUsed'), stat('Inconsistent sizes', num((c.inconsistent_nodes || []).length), 'inconsistent')));
  add(box, section('1-byte prefix matrix', by['1'] ? matrix(by['1']) : empty()));
  for (const k of ['1', '2', '3']) {
    const list = by[k]?.collisions || [];
    add(box, section(`${k}-byte collisions`, table(['Prefix', 'Severity', 'Nodes', 'Max distance', 'With GPS'], list.slice(0, 50).map((x) => [
      h('span', { class: 'mono' }, x.prefix), h('span', { class: `an-badge sev-${x.classification}`, dataset: { sev: SEVERITY[x.classification] || 'muted' } }, x.classification),
      h('span', null, (x.nodes || []).map((n, i) => [i ? ', ' : '', nodeLink(n.public_key, n.name)])), `${fmtDec(x.max_dist_km)} km`, num(x.with_coords)]),
    { empty: 'No collisions at this size.' })));
  }
  add(box, section('Nodes using inconsistent hash sizes', table(['Node', 'Role', 'Sizes seen'], (c.inconsistent_nodes || []).map((n) =>
    [nodeLink(n.public_key, n.name), n.role || '—', (n.hash_sizes_seen || [n.hash_size]).join(', ')]))));
}
