// Matrix / Rain mode of the Live map: each packet's hash falls down the map as a column of glyphs
// on its own canvas, over a dimmed map. With prefers-reduced-motion the columns do not fall: they are
// drawn in place and fade out. One requestAnimationFrame loop runs only while columns are alive.

const FALL_PX_S = 140;
const LIFE_MS = 6000;
const MAX_COLUMNS = 60;
const GLYPH_PX = 16;

/** matrixRain(canvas) returns {setOn(on), drop(hash, color), destroy()}; data-columns counts columns dropped. */
export function matrixRain(canvas) {
  const ctx = canvas.getContext('2d');
  const reduced = Boolean(window.matchMedia?.('(prefers-reduced-motion: reduce)').matches);
  const cols = [];
  let on = false;
  let raf = 0;
  let dropped = 0;
  canvas.dataset.motion = reduced ? 'reduced' : 'full';
  canvas.dataset.columns = '0';

  function size() {
    const r = canvas.parentElement.getBoundingClientRect();
    const dpr = window.devicePixelRatio || 1;
    if (canvas.width !== Math.round(r.width * dpr) || canvas.height !== Math.round(r.height * dpr)) {
      canvas.width = Math.round(r.width * dpr);
      canvas.height = Math.round(r.height * dpr);
      canvas.style.width = `${r.width}px`;
      canvas.style.height = `${r.height}px`;
    }
    return { w: r.width, h: r.height, dpr };
  }
  function frame() {
    raf = 0;
    if (!on) return;
    const { w, h, dpr } = size();
    const now = performance.now();
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    ctx.clearRect(0, 0, w, h);
    ctx.fillStyle = 'rgba(0, 10, 0, .45)';
    ctx.fillRect(0, 0, w, h);
    ctx.font = `${GLYPH_PX - 2}px ui-monospace, monospace`;
    ctx.textAlign = 'center';
    for (let i = cols.length - 1; i >= 0; i--) if (now - cols[i].t0 > LIFE_MS) cols.splice(i, 1);
    for (const c of cols) {
      const age = now - c.t0;
      const x = (c.x * w) | 0;
      const head = reduced ? c.glyphs.length * GLYPH_PX : (age / 1000) * FALL_PX_S;
      const fade = reduced ? 1 - age / LIFE_MS : 1;
      c.glyphs.forEach((g, j) => {
        const y = head - j * GLYPH_PX;
        if (y < 0 || y > h + GLYPH_PX) return;
        ctx.globalAlpha = Math.max(0, fade * (1 - j / c.glyphs.length));
        ctx.fillStyle = j === 0 ? '#eafff0' : c.color;
        ctx.fillText(g, x, y);
      });
    }
    ctx.globalAlpha = 1;
    if (cols.length && !reduced) raf = requestAnimationFrame(frame);
    else if (cols.length) raf = requestAnimationFrame(() => setTimeout(frame, 500));
  }
  const kick = () => { if (!raf && on) raf = requestAnimationFrame(frame); };
  return {
    setOn(v) {
      on = Boolean(v);
      canvas.hidden = !on;
      if (!on) { cols.length = 0; ctx.clearRect(0, 0, canvas.width, canvas.height); }
      else kick();
    },
    drop(hash, color) {
      if (!on || !hash) return;
      const glyphs = String(hash).toUpperCase().replace(/[^0-9A-F]/g, '').split('');
      if (!glyphs.length) return;
      // The column's place comes from the hash, so one packet seen twice falls in the same column.
      cols.push({ glyphs, color: color || '#22c55e', x: 0.03 + 0.94 * (parseInt(glyphs.slice(0, 6).join(''), 16) / 0xffffff), t0: performance.now() });
      while (cols.length > MAX_COLUMNS) cols.shift();
      dropped++;
      canvas.dataset.columns = String(dropped);
      kick();
    },
    destroy() { on = false; if (raf) cancelAnimationFrame(raf); cols.length = 0; },
  };
}
