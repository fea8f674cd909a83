// Retro 7-segment LCD clock on a canvas showing the playback time (HH:MM:SS, local time).

// Segments a..g per digit, as bit masks (a=1, b=2, c=4, d=8, e=16, f=32, g=64).
const DIGITS = [0x3f, 0x06, 0x5b, 0x4f, 0x66, 0x6d, 0x7d, 0x07, 0x7f, 0x6f];

function segments(x, y, w, hgt, t) {
  const m = hgt / 2;
  return [
    [x + t, y, w - 2 * t, t], [x + w - t, y + t, t, m - 1.5 * t], [x + w - t, y + m + t / 2, t, m - 1.5 * t],
    [x + t, y + hgt - t, w - 2 * t, t], [x, y + m + t / 2, t, m - 1.5 * t], [x, y + t, t, m - 1.5 * t], [x + t, y + m - t / 2, w - 2 * t, t],
  ];
}

/** lcdText formats ms as "HH:MM:SS" in local time ("--:--:--" when null). */
export function lcdText(ms) {
  if (ms === null || ms === undefined || Number.isNaN(ms)) return '--:--:--';
  const d = new Date(ms);
  return [d.getHours(), d.getMinutes(), d.getSeconds()].map((n) => String(n).padStart(2, '0')).join(':');
}

/** drawLCD paints text (digits, ':' and '-') on the canvas; lit segments in on, unlit in off. */
export function drawLCD(canvas, text, { on = '#7CFC00', off = 'rgba(124,252,0,.09)', bg = '#07140a' } = {}) {
  const dpr = window.devicePixelRatio || 1;
  const cw = canvas.clientWidth || 120;
  const ch = canvas.clientHeight || 28;
  if (canvas.width !== Math.round(cw * dpr)) { canvas.width = Math.round(cw * dpr); canvas.height = Math.round(ch * dpr); }
  const ctx = canvas.getContext('2d');
  ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
  ctx.fillStyle = bg;
  ctx.fillRect(0, 0, cw, ch);
  const pad = 4;
  const hgt = ch - 2 * pad;
  const digits = [...text].filter((c) => c !== ':').length;
  const colons = text.length - digits;
  const dw = Math.min(hgt * 0.55, (cw - 2 * pad - colons * 6) / (digits * 1.25));
  const t = Math.max(1.5, dw * 0.16);
  let x = pad;
  for (const c of text) {
    if (c === ':') {
      ctx.fillStyle = on;
      ctx.fillRect(x + 1.5, pad + hgt * 0.28, t, t);
      ctx.fillRect(x + 1.5, pad + hgt * 0.66, t, t);
      x += 6;
      continue;
    }
    const mask = c === '-' ? 0x40 : DIGITS[Number(c)] ?? 0;
    segments(x, pad, dw, hgt, t).forEach((r, i) => {
      ctx.fillStyle = mask & (1 << i) ? on : off;
      ctx.fillRect(...r);
    });
    x += dw * 1.25;
  }
  canvas.dataset.text = text;
}
