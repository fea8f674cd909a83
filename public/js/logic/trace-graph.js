// Trace path graph model: origin → hop prefixes by position → observers, with de-duplicated edges. DOM-free.

/**
 * buildTraceGraph lays out observations [{observer, observerName, hops:[prefix]}] as columns: column 0 is the
 * origin, column i the i-th hop, the last column the observers. Hops with the same prefix at the same position
 * share one node; an edge used by several observers is drawn once and credits all of them.
 * index is an optional node index ({prefix: Map<lowercase prefix, node[]>}) that names unambiguous hops.
 * @returns {{columns:{id:string,label:string,title:string,kind:string}[][], edges:{from:string,to:string,observers:string[]}[]}}
 */
export function buildTraceGraph(observations, index = null) {
  const maxHops = Math.max(0, ...observations.map((o) => o.hops.length));
  const columns = Array.from({ length: maxHops + 2 }, () => []);
  const nodes = new Map();
  const edges = new Map();
  const node = (col, key, label, title, kind) => {
    const id = `${col}:${key}`;
    if (!nodes.has(id)) {
      nodes.set(id, true);
      columns[col].push({ id, label, title, kind });
    }
    return id;
  };
  const edge = (from, to, observer) => {
    const k = `${from}>${to}`;
    if (!edges.has(k)) edges.set(k, { from, to, observers: [] });
    const e = edges.get(k);
    if (!e.observers.includes(observer)) e.observers.push(observer);
  };
  const origin = node(0, 'origin', 'Origin', 'The node that sent the packet', 'origin');
  for (const o of observations) {
    let prev = origin;
    o.hops.forEach((p, i) => {
      const cands = index && index.prefix ? index.prefix.get(p.toLowerCase()) || [] : [];
      const name = cands.length === 1 ? cands[0].name || p : null;
      const id = node(i + 1, p, name || (cands.length > 1 ? `${p}?` : p),
        name ? `${p}: ${name}` : cands.length > 1 ? `${p}: ${cands.length} candidate nodes` : `${p}: unknown node`, 'hop');
      edge(prev, id, o.observer);
      prev = id;
    });
    const obs = node(maxHops + 1, o.observer || '?', o.observerName || o.observer || '?', `Observer ${o.observerName || o.observer}`, 'observer');
    edge(prev, obs, o.observer);
  }
  return { columns: columns.filter((c) => c.length), edges: [...edges.values()] };
}
