// Pure force-directed layout for the neighbour graph (no DOM): filtering the cached edge set and one
// simulation step (pairwise repulsion, spring attraction along edges, gravity to the centre).

/**
 * filterGraph keeps edges with weight >= minCount and score >= minScore and the nodes they touch.
 * prev (id → node) keeps positions of nodes that stay, so slider moves do not scramble the layout.
 */
export function filterGraph(g, minCount, minScore, prev = new Map()) {
  const meta = new Map((g.nodes || []).map((n) => [n.pubkey, n]));
  const nodes = new Map();
  const node = (id) => {
    if (!nodes.has(id)) {
      const p = prev.get(id);
      const m = meta.get(id);
      const a = nodes.size * 2.399963;
      const r = 12 * Math.sqrt(nodes.size + 1);
      nodes.set(id, { id, x: p ? p.x : r * Math.cos(a), y: p ? p.y : r * Math.sin(a), vx: 0, vy: 0, degree: 0,
        role: m?.role || '', prefix: id.startsWith('prefix:'), label: m?.name || id.replace('prefix:', '').slice(0, 8) });
    }
    return nodes.get(id);
  };
  const edges = [];
  for (const e of g.edges || []) {
    if (e.weight < minCount || e.score < minScore) continue;
    const s = node(e.source);
    const t = node(e.target);
    s.degree++; t.degree++;
    edges.push({ s, t, weight: e.weight, score: e.score, ambiguous: Boolean(e.ambiguous) });
  }
  return { nodes: [...nodes.values()], edges };
}

/** layoutStep advances the simulation once; alpha (1 → 0) cools the movement. */
export function layoutStep(sim, alpha) {
  const ns = sim.nodes;
  const rep = 900;
  for (let i = 0; i < ns.length; i++) {
    const a = ns[i];
    for (let j = i + 1; j < ns.length; j++) {
      const b = ns[j];
      let dx = a.x - b.x;
      let dy = a.y - b.y;
      let d2 = dx * dx + dy * dy;
      if (d2 < 0.01) { dx = Math.random() - 0.5; dy = Math.random() - 0.5; d2 = 0.5; }
      if (d2 > 250000) continue;
      const f = rep / d2;
      a.vx += dx * f; a.vy += dy * f; b.vx -= dx * f; b.vy -= dy * f;
    }
  }
  for (const e of sim.edges) {
    const dx = e.t.x - e.s.x;
    const dy = e.t.y - e.s.y;
    const d = Math.sqrt(dx * dx + dy * dy) || 1;
    const f = (d - 40) * 0.02;
    e.s.vx += (dx / d) * f; e.s.vy += (dy / d) * f; e.t.vx -= (dx / d) * f; e.t.vy -= (dy / d) * f;
  }
  for (const n of ns) {
    n.vx -= n.x * 0.005; n.vy -= n.y * 0.005;
    const sp = Math.sqrt(n.vx * n.vx + n.vy * n.vy);
    const cap = 20 * alpha + 0.5;
    if (sp > cap) { n.vx *= cap / sp; n.vy *= cap / sp; }
    n.x += n.vx * alpha; n.y += n.vy * alpha;
    n.vx *= 0.6; n.vy *= 0.6;
  }
}
