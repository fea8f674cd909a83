// Shared loader of the fleet tabs (Nodes, My Repeaters, Prefix Tool): every /api/nodes row, paged.
const PAGE = 2000;

/** allNodes pages through /nodes (region applies) and returns {nodes, total}. */
export async function allNodes(get) {
  const nodes = [];
  let total = 0;
  for (let offset = 0; offset < 50 * PAGE; offset += PAGE) {
    const r = await get('/nodes', { limit: PAGE, offset, window: null });
    nodes.push(...(r.nodes || []));
    total = r.total ?? nodes.length;
    if (!r.nodes || r.nodes.length < PAGE) break;
  }
  return { nodes, total };
}

/** top returns the n rows with the largest key(row) (null/undefined keys dropped), ties by name. */
export function top(rows, key, n = 10) {
  return rows.filter((r) => key(r) !== null && key(r) !== undefined && !Number.isNaN(key(r)))
    .sort((a, b) => key(b) - key(a) || String(a.name || '').localeCompare(String(b.name || '')))
    .slice(0, n);
}
