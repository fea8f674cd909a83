// QR codes drawn as SVG from qrcode-generator (npm, served under /vendor). Used for node contact and
// channel share codes.
import { svg, h } from '../lib/dom.js';

let lib = null;

async function qrLib() {
  if (!lib) lib = import('/vendor/qrcode-generator/dist/qrcode.mjs').then((m) => m.default);
  return lib;
}

/**
 * qrCode resolves to an SVG element encoding text (error correction M), or a text fallback when the
 * library cannot load. label is the accessible name.
 */
export async function qrCode(text, label, size = 168) {
  try {
    const qrcode = await qrLib();
    const qr = qrcode(0, 'M');
    qr.addData(text);
    qr.make();
    const n = qr.getModuleCount();
    const q = 4;
    const parts = [];
    for (let r = 0; r < n; r++) {
      for (let c = 0; c < n; c++) if (qr.isDark(r, c)) parts.push(`M${c + q} ${r + q}h1v1h-1z`);
    }
    return svg('svg', { class: 'qr', width: size, height: size, viewBox: `0 0 ${n + 2 * q} ${n + 2 * q}`, role: 'img', 'aria-label': label, 'shape-rendering': 'crispEdges' },
      svg('rect', { width: n + 2 * q, height: n + 2 * q, fill: '#fff' }), svg('path', { d: parts.join(''), fill: '#000' }));
  } catch (e) {
    return h('p', { class: 'muted' }, `QR code unavailable (${e.message}).`);
  }
}

/** copyText copies to the clipboard and flashes the button label; falls back to a selection prompt-free copy. */
export async function copyText(text, btn) {
  let ok;
  try { await navigator.clipboard.writeText(text); ok = true; } catch {
    const ta = h('textarea', { class: 'sr-only', readonly: true }, text);
    document.body.append(ta);
    ta.select();
    try { ok = document.execCommand('copy'); } catch { ok = false; }
    ta.remove();
  }
  if (btn) {
    const prev = btn.dataset.label || (btn.dataset.label = btn.textContent);
    btn.textContent = ok ? 'Copied ✓' : 'Copy failed';
    setTimeout(() => { btn.textContent = prev; }, 1500);
  }
  return ok;
}
