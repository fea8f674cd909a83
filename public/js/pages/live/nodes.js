// Node layer of the Live map: every located node and observer drawn on one canvas by role shape and
// colour (stale ones faded), recently active senders highlighted, "as of" a replay time, with a
// click hit-test that reports the nearest node.
import { drawShape, roleColor } from '../../components/map/shapes.js';
import { toMs } from '../../lib/format.js';

/** nodeLayer(map, canvas, {colors, onPick}) returns {set(items), asOf(t), flash(key), visible(), destroy()}. */
export function nodeLayer(map, canvas, { colors, onPick }) {
  const ctx = canvas.getContext('2d');
  let items = [];
  let asOf = null;
  let dpr = 1;
  let queued = 0;
  let dead = false;
  const hot = new Map();

  const shown = () => (asOf === null ? items : items.filter((it) => {
    const f = toMs(it.raw.first_seen);
    return f === null || f <= asOf;
  }));

  function draw() {
    queued = 0;
    if (dead) return;
    const s = map.getSize();
    dpr = window.devicePixelRatio || 1;
    if (canvas.width !== Math.round(s.x * dpr) || canvas.height !== Math.round(s.y * dpr)) {
      canvas.width = Math.round(s.x * dpr);
      canvas.height = Math.round(s.y * dpr);
      canvas.style.width = `${s.x}px`;
      canvas.style.height = `${s.y}px`;
    }
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    ctx.clearRect(0, 0, s.x, s.y);
    const now = performance.now();
    for (const [k, t] of hot) if (now - t > 4000) hot.delete(k);
    const list = shown();
    canvas.dataset.count = String(list.length);
    for (const it of list) {
      const p = map.latLngToContainerPoint([it.lat, it.lon]);
      if (p.x < -10 || p.y < -10 || p.x > s.x + 10 || p.y > s.y + 10) continue;
      const heat = hot.get(it.key);
      const warm = heat && now - heat < 4000;
      ctx.globalAlpha = it.stale && !warm ? 0.35 : 1;
      drawShape(ctx, it.role, p.x, p.y, warm ? 8 : it.kind === 'observer' ? 7 : 5.5);
      ctx.fillStyle = roleColor(it.role, colors);
      ctx.fill();
      ctx.lineWidth = warm ? 2 : 1;
      ctx.strokeStyle = warm ? '#fde047' : 'rgba(255,255,255,.85)';
      ctx.stroke();
    }
    ctx.globalAlpha = 1;
    if (hot.size) schedule();
  }
  function schedule() {
    if (!queued && !dead) queued = requestAnimationFrame(draw);
  }
  function pick(e) {
    let best = null;
    let bestD = 14 * 14;
    for (const it of shown()) {
      const p = map.latLngToContainerPoint([it.lat, it.lon]);
      const d = (p.x - e.containerPoint.x) ** 2 + (p.y - e.containerPoint.y) ** 2;
      if (d < bestD) { best = it; bestD = d; }
    }
    if (best) onPick(best);
  }
  map.on('move zoom resize viewreset', schedule);
  map.on('click', pick);
  return {
    set(list) { items = list; schedule(); },
    asOf(t) { asOf = t; schedule(); },
    flash(key) { if (key) { hot.set(key, performance.now()); schedule(); } },
    visible: () => shown().length,
    destroy() { dead = true; if (queued) cancelAnimationFrame(queued); map.off('move zoom resize viewreset', schedule); map.off('click', pick); },
  };
}
