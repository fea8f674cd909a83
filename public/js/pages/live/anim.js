// Packet animation on a canvas over the Live map: a pulse at the sender, then a head travelling hop
// by hop to each observer leaving a fading contrail. One requestAnimationFrame loop runs only while
// something is in flight, and the number of in-flight animations is bounded (oldest dropped).

const SEG_MS = 320;
const TRAIL_MS = 1400;
const PULSE_MS = 700;

/** MAX_INFLIGHT bounds concurrent animations so 20+ packets/s stay smooth. */
export const MAX_INFLIGHT = 80;

/**
 * animator(map, canvas) returns {add(paths, color, {hopMs, hash}), clear(), active(), started(), destroy()}.
 * paths is a list of LatLng arrays (one per observer), all starting at the sender. hopMs (realistic
 * timing) replaces the fixed segment time; the plan of the last animation (hash, hop time, start of
 * each hop in ms after the pulse) is written to the canvas's data-plan-* attributes.
 */
export function animator(map, canvas, { onCount } = {}) {
  const ctx = canvas.getContext('2d');
  const anims = [];
  let raf = 0;
  let started = 0;
  let dpr = 1;
  let dead = false;
  const reduced = window.matchMedia?.('(prefers-reduced-motion: reduce)').matches;

  function resize() {
    const s = map.getSize();
    dpr = window.devicePixelRatio || 1;
    canvas.width = Math.round(s.x * dpr);
    canvas.height = Math.round(s.y * dpr);
    canvas.style.width = `${s.x}px`;
    canvas.style.height = `${s.y}px`;
  }

  function drawAnim(a, now) {
    const age = now - a.t0;
    const pts = a.paths.map((p) => p.map((ll) => map.latLngToContainerPoint(ll)));
    const first = pts[0]?.[0];
    if (first && age < PULSE_MS) {
      const k = age / PULSE_MS;
      ctx.globalAlpha = 1 - k;
      ctx.strokeStyle = a.color;
      ctx.lineWidth = 2;
      ctx.beginPath();
      ctx.arc(first.x, first.y, 4 + k * 18, 0, Math.PI * 2);
      ctx.stroke();
    }
    for (const p of pts) {
      if (p.length < 2) continue;
      const segMs = a.seg;
      const travel = reduced ? (p.length - 1) * segMs : Math.min(age, (p.length - 1) * segMs);
      const seg = Math.min(p.length - 2, Math.floor(travel / segMs));
      const frac = Math.min(1, (travel - seg * segMs) / segMs);
      const done = (p.length - 1) * segMs;
      const fade = age > done ? Math.max(0, 1 - (age - done) / TRAIL_MS) : 1;
      ctx.globalAlpha = 0.85 * fade;
      ctx.strokeStyle = a.color;
      ctx.lineWidth = 2.5;
      ctx.beginPath();
      ctx.moveTo(p[0].x, p[0].y);
      for (let i = 1; i <= seg; i++) ctx.lineTo(p[i].x, p[i].y);
      const hx = p[seg].x + (p[seg + 1].x - p[seg].x) * frac;
      const hy = p[seg].y + (p[seg + 1].y - p[seg].y) * frac;
      ctx.lineTo(hx, hy);
      ctx.stroke();
      if (age < done) {
        ctx.globalAlpha = 1;
        ctx.fillStyle = a.color;
        ctx.beginPath();
        ctx.arc(hx, hy, 4, 0, Math.PI * 2);
        ctx.fill();
      }
    }
  }

  function frame() {
    raf = 0;
    const now = performance.now();
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    ctx.clearRect(0, 0, canvas.width, canvas.height);
    for (let i = anims.length - 1; i >= 0; i--) if (now - anims[i].t0 > anims[i].life) anims.splice(i, 1);
    for (const a of anims) drawAnim(a, now);
    ctx.globalAlpha = 1;
    onCount?.(anims.length, started);
    if (anims.length) raf = requestAnimationFrame(frame);
  }

  const kick = () => { if (!raf && !dead) raf = requestAnimationFrame(frame); };
  resize();
  map.on('resize', resize);
  map.on('move zoom', kick);
  return {
    add(paths, color, { hopMs = 0, hash = '' } = {}) {
      const usable = paths.filter((p) => p.length >= 1);
      if (!usable.length) return false;
      const longest = Math.max(...usable.map((p) => p.length - 1));
      const seg = hopMs > 0 ? hopMs : SEG_MS;
      // Hops run in path order: hop i starts when hop i-1 has been received in full.
      Object.assign(canvas.dataset, { planHash: hash, planHopMs: String(Math.round(seg)), planRealistic: String(hopMs > 0),
        planStarts: Array.from({ length: longest }, (_, i) => Math.round(i * seg)).join(',') });
      anims.push({ paths: usable, color, seg, t0: performance.now(), life: Math.max(PULSE_MS, longest * seg + TRAIL_MS) });
      while (anims.length > MAX_INFLIGHT) anims.shift();
      started++;
      kick();
      return true;
    },
    clear() { anims.length = 0; kick(); },
    active: () => anims.length,
    started: () => started,
    destroy() { dead = true; anims.length = 0; if (raf) cancelAnimationFrame(raf); map.off('resize', resize); map.off('move zoom', kick); },
  };
}
