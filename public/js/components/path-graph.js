// SVG path graph for the trace page: columns of labelled nodes joined by observer-coloured edges.
import { h, svg } from '../lib/dom.js';
import { hashColor } from '../logic/hashcolor.js';

const COL_W = 170;
const ROW_H = 46;
const BOX_W = 136;
const BOX_H = 28;

/**
 * pathGraph renders a buildTraceGraph model; opts.dark picks edge colours for the dark theme, opts.vertical
 * stacks the columns top to bottom (phones).
 */
export function pathGraph(graph, { dark = false, vertical = false } = {}) {
  const pos = new Map();
  const rows = Math.max(1, ...graph.columns.map((c) => c.length));
  const colW = vertical ? 150 : COL_W;
  const rowH = vertical ? 64 : ROW_H;
  const across = vertical ? rows * colW : graph.columns.length * COL_W;
  const down = vertical ? graph.columns.length * rowH : rows * ROW_H + 10;
  const width = across;
  const height = down;
  graph.columns.forEach((col, ci) => {
    if (vertical) {
      const left = (width - col.length * colW) / 2;
      col.forEach((n, ri) => pos.set(n.id, { x: left + ri * colW + (colW - BOX_W) / 2, y: ci * rowH + 8, n }));
    } else {
      const top = (height - col.length * ROW_H) / 2;
      col.forEach((n, ri) => pos.set(n.id, { x: ci * COL_W + 10, y: top + ri * ROW_H + (ROW_H - BOX_H) / 2, n }));
    }
  });
  const edgeEls = graph.edges.map((e) => {
    const a = pos.get(e.from);
    const b = pos.get(e.to);
    let d;
    if (vertical) {
      const x1 = a.x + BOX_W / 2;
      const y1 = a.y + BOX_H;
      const x2 = b.x + BOX_W / 2;
      const y2 = b.y;
      const mid = (y1 + y2) / 2;
      d = `M${x1},${y1} C${x1},${mid} ${x2},${mid} ${x2},${y2}`;
    } else {
      const x1 = a.x + BOX_W;
      const y1 = a.y + BOX_H / 2;
      const x2 = b.x;
      const y2 = b.y + BOX_H / 2;
      const mid = (x1 + x2) / 2;
      d = `M${x1},${y1} C${mid},${y1} ${mid},${y2} ${x2},${y2}`;
    }
    return svg('path', { d, fill: 'none', class: 'pg-edge', stroke: hashColor(e.observers[0], dark), 'stroke-width': Math.min(6, 1.5 + e.observers.length) },
      svg('title', null, `${e.observers.length} observer${e.observers.length > 1 ? 's' : ''}`));
  });
  const nodeEls = [...pos.values()].map(({ x, y, n }) => svg('g', { class: `pg-node pg-${n.kind}`, transform: `translate(${x},${y})` },
    svg('title', null, n.title),
    svg('rect', { width: BOX_W, height: BOX_H, rx: 6 }),
    svg('text', { x: BOX_W / 2, y: BOX_H / 2 + 4, 'text-anchor': 'middle' }, n.label.length > 18 ? `${n.label.slice(0, 17)}…` : n.label)));
  const hops = graph.columns.length - 2;
  return h('div', { class: 'path-graph-wrap' },
    svg('svg', { class: 'path-graph', width, height, viewBox: `0 0 ${width} ${height}`, role: 'img',
      'aria-label': `Path graph: ${Math.max(0, hops)} hop columns, ${graph.edges.length} links` }, edgeEls, nodeEls));
}
