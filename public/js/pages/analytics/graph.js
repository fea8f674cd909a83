// Neighbor Graph tab: the cached full edge set (/analytics/neighbor-graph?min_count=1&min_score=0) drawn as an
// interactive force-directed graph on a canvas. Min-count and min-score sliders filter client-side, so moving
// them never re-queries the server. Drag to pan, wheel or +/- to zoom, arrow keys to pan.
import { h, replace } from '../../lib/dom.js';
import { themeColors } from '../../lib/charts.js';
import { fmtDec } from '../../lib/format.js';
import { add, stat, num, empty } from '../../components/analytics-kit.js';
import { layoutStep, filterGraph } from './graph-layout.js';

const ROLE_COLORS = { repeater: '#1f6feb', room: '#8250df', companion: '#2da44e', sensor: '#bf8700' };

/** render draws the neighbor-graph tab into box and returns its cleanup. */
export async function render(box, { get }) {
  const g = await get('/analytics/neighbor-graph', { min_count: 1, min_score: 0, window: null });
  const minCount = h('input', { id: 'ngMinCount', type: 'range', min: '1', max: '20', step: '1', value: '1', 'aria-label': 'Minimum edge count' });
  const minScore = h('input', { id: 'ngMinScore', type: 'range', min: '0', max: '1', step: '0.05', value: '0', 'aria-label': 'Minimum edge score' });
  const countOut = h('output', { for: 'ngMinCount' }, '1');
  const scoreOut = h('output', { for: 'ngMinScore' }, '0.00');
  const stats = h('div', { id: 'ngStats', class: 'cards an-cards' });
  const canvas = h('canvas', { id: 'ngCanvas', class: 'an-graph', tabindex: '0', role: 'img', 'aria-label': 'Neighbour graph' });
  add(box, h('div', { class: 'an-graph-controls' },
    h('label', null, 'Min count ', minCount, ' ', countOut), h('label', null, 'Min score ', minScore, ' ', scoreOut)), stats);
  if (!(g.edges || []).length) { add(box, empty('No neighbour edges yet.')); return null; }
  add(box, canvas, h('p', { class: 'muted an-help' }, 'Drag to pan, scroll or +/− to zoom, arrow keys to pan. Node colour = role; dashed = ambiguous edge.'));
  const view = { x: 0, y: 0, k: 1 };
  let sim = null;
  let raf = 0;
  let ticks = 0;
  const rebuild = () => {
    countOut.textContent = minCount.value;
    scoreOut.textContent = Number(minScore.value).toFixed(2);
    const prev = new Map((sim?.nodes || []).map((n) => [n.id, n]));
    sim = filterGraph(g, Number(minCount.value), Number(minScore.value), prev);
    replace(stats, stat('Nodes', num(sim.nodes.length), 'ngNodes'), stat('Edges', num(sim.edges.length), 'ngEdges'),
      stat('Ambiguous', num(sim.edges.filter((e) => e.ambiguous).length), 'ngAmbiguous'), stat('Avg cluster', fmtDec(g.stats?.avg_cluster_size), 'ngCluster'));
    ticks = 0;
    if (!raf) raf = requestAnimationFrame(frame);
  };
  const draw = () => {
    const dpr = window.devicePixelRatio || 1;
    const w = canvas.clientWidth || 600;
    const ht = canvas.clientHeight || 480;
    if (canvas.width !== Math.round(w * dpr)) { canvas.width = Math.round(w * dpr); canvas.height = Math.round(ht * dpr); }
    const ctx = canvas.getContext('2d');
    const c = themeColors();
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    ctx.clearRect(0, 0, w, ht);
    ctx.translate(w / 2 + view.x, ht / 2 + view.y);
    ctx.scale(view.k, view.k);
    for (const e of sim.edges) {
      ctx.strokeStyle = c.grid;
      ctx.globalAlpha = 0.35 + 0.65 * Math.min(1, e.score);
      ctx.lineWidth = Math.min(4, 0.5 + Math.log2(1 + e.weight)) / view.k;
      ctx.setLineDash(e.ambiguous ? [4 / view.k, 3 / view.k] : []);
      ctx.beginPath(); ctx.moveTo(e.s.x, e.s.y); ctx.lineTo(e.t.x, e.t.y); ctx.stroke();
    }
    ctx.setLineDash([]);
    ctx.globalAlpha = 1;
    for (const n of sim.nodes) {
      ctx.fillStyle = n.prefix ? c.muted : (ROLE_COLORS[String(n.role || '').toLowerCase()] || c.muted);
      ctx.beginPath(); ctx.arc(n.x, n.y, (3 + Math.min(6, n.degree)) / Math.sqrt(view.k), 0, Math.PI * 2); ctx.fill();
    }
    if (view.k > 1.6) {
      ctx.fillStyle = c.text;
      ctx.font = `${11 / view.k}px sans-serif`;
      for (const n of sim.nodes) ctx.fillText(n.label, n.x + 6 / view.k, n.y + 3 / view.k);
    }
  };
  const frame = () => {
    raf = 0;
    if (!canvas.isConnected && ticks > 0) return;
    if (ticks < 300) { layoutStep(sim, 1 - ticks / 300); ticks++; }
    draw();
    if (ticks < 300) raf = requestAnimationFrame(frame);
  };
  const redraw = () => { if (!raf) raf = requestAnimationFrame(frame); };
  let drag = null;
  canvas.addEventListener('pointerdown', (e) => { drag = { x: e.clientX, y: e.clientY }; canvas.setPointerCapture(e.pointerId); });
  canvas.addEventListener('pointermove', (e) => {
    if (!drag) return;
    view.x += e.clientX - drag.x; view.y += e.clientY - drag.y; drag = { x: e.clientX, y: e.clientY }; redraw();
  });
  canvas.addEventListener('pointerup', () => { drag = null; });
  canvas.addEventListener('wheel', (e) => { e.preventDefault(); view.k = Math.max(0.2, Math.min(8, view.k * (e.deltaY < 0 ? 1.15 : 1 / 1.15))); redraw(); }, { passive: false });
  canvas.addEventListener('keydown', (e) => {
    const step = 40;
    const act = { ArrowLeft: () => { view.x += step; }, ArrowRight: () => { view.x -= step; }, ArrowUp: () => { view.y += step; }, ArrowDown: () => { view.y -= step; },
      '+': () => { view.k = Math.min(8, view.k * 1.2); }, '=': () => { view.k = Math.min(8, view.k * 1.2); }, '-': () => { view.k = Math.max(0.2, view.k / 1.2); } }[e.key];
    if (act) { e.preventDefault(); act(); redraw(); }
  });
  minCount.addEventListener('input', rebuild);
  minScore.addEventListener('input', rebuild);
  window.addEventListener('theme-refresh', redraw);
  rebuild();
  return () => { cancelAnimationFrame(raf); raf = 0; window.removeEventListener('theme-refresh', redraw); };
}
