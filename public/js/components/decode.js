// Bring-your-own-packet decoding: POST /api/decode, decoded summary + hex breakdown, as a panel or a modal dialog.
import { h, replace } from '../lib/dom.js';
import { postJSON } from '../lib/api.js';
import { normalizeHex } from '../logic/bytes.js';
import { hexDumpPane } from './hexdump.js';

/** renderDecoded fills out with the decoded header/path/payload of resp and the byte breakdown of hex. */
export function renderDecoded(out, hex, resp) {
  const d = resp.decoded || {};
  const p = d.payload || {};
  const rows = [
    ['Payload type', `${d.header?.payloadTypeName || '?'} (${d.header?.payloadType ?? '?'})`],
    ['Route', d.header?.routeTypeName || '?'],
    ['Version', String(d.header?.payloadVersion ?? '—')],
    ['Path', (d.path?.hops || []).length ? `${d.path.hops.length} hops: ${d.path.hops.join(' → ')}` : '— (direct)'],
    ['Hash size', d.path?.hashSize ? `${d.path.hashSize} byte${d.path.hashSize > 1 ? 's' : ''}` : '—'],
  ];
  if (p.name) rows.push(['Name', p.name]);
  if (p.pubKey) rows.push(['Public key', p.pubKey]);
  if (p.signatureValid !== undefined) rows.push(['Signature', p.signatureValid ? 'valid' : 'INVALID']);
  if (p.lat !== undefined && p.lat !== null) rows.push(['Location', `${p.lat}, ${p.lon}`]);
  if (p.channel) rows.push(['Channel', p.channel]);
  if (p.text) rows.push(['Text', p.text]);
  if (p.error) rows.push(['Decoder note', p.error]);
  replace(out, h('div', { class: 'decode-result', dataset: { loaded: 'true' } },
    h('h3', null, `${d.header?.payloadTypeName || '?'} via ${d.header?.routeTypeName || '?'}`),
    h('dl', { class: 'kv' }, rows.map(([k, v]) => [h('dt', null, k), h('dd', { class: k === 'Public key' ? 'mono' : null }, v)])),
    h('h3', null, 'Bytes'), hexDumpPane(hex).el,
    h('details', { class: 'decoded-section' }, h('summary', null, 'Decoded JSON'), h('pre', { class: 'mono code-block' }, JSON.stringify(d, null, 2)))));
}

/** decodeInto validates hex, posts it to /api/decode and renders the result or an error into out. */
export async function decodeInto(out, text) {
  const clean = normalizeHex(text);
  if (!clean) { replace(out, h('p', { class: 'error-text', role: 'alert' }, 'Enter an even number of hex characters (spaces are ignored).')); return false; }
  replace(out, h('p', { class: 'muted' }, 'Decoding…'));
  try {
    renderDecoded(out, clean, await postJSON('/decode', { hex: clean }, { quiet: true }));
    return true;
  } catch (e) {
    replace(out, h('p', { class: 'error-text', role: 'alert' }, `Decode failed: ${e.message}`));
    return false;
  }
}

/** openDecodeDialog shows the BYOP modal: focus-trapped, Esc closes, Ctrl/Cmd+Enter decodes, focus restored. */
export function openDecodeDialog() {
  const prev = document.activeElement;
  const ta = h('textarea', { id: 'byopInput', rows: 4, spellcheck: 'false', 'aria-label': 'Packet hex', placeholder: 'Paste raw packet hex, e.g. 11 00 …' });
  const out = h('div', { id: 'byopOutput', 'aria-live': 'polite' });
  const go = () => decodeInto(out, ta.value);
  const close = () => { overlay.remove(); document.removeEventListener('keydown', onKey, true); if (prev && prev.focus) prev.focus(); };
  const dlg = h('div', { class: 'modal card', role: 'dialog', 'aria-modal': 'true', 'aria-labelledby': 'byopTitle' },
    h('div', { class: 'modal-head' }, h('h2', { id: 'byopTitle' }, 'Decode a packet (BYOP)'),
      h('button', { type: 'button', class: 'detail-close', 'aria-label': 'Close', onclick: close }, '✕')),
    h('p', { class: 'muted' }, 'Paste the hex of a packet your radio captured. It is decoded by the server and not stored.'),
    ta, h('div', { class: 'toolbar' }, h('button', { type: 'button', class: 'primary', id: 'byopDecode', onclick: go }, 'Decode'),
      h('span', { class: 'muted' }, 'Ctrl+Enter')), out);
  const overlay = h('div', { class: 'modal-overlay', onmousedown: (e) => { if (e.target === overlay) close(); } }, dlg);
  function onKey(e) {
    if (e.key === 'Escape') { e.preventDefault(); e.stopPropagation(); close(); return; }
    if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) { e.preventDefault(); go(); return; }
    if (e.key !== 'Tab') return;
    const f = [...dlg.querySelectorAll('button, textarea, summary, a[href], input, select')].filter((x) => !x.disabled && x.offsetParent !== null);
    if (!f.length) return;
    if (e.shiftKey && document.activeElement === f[0]) { e.preventDefault(); f[f.length - 1].focus(); } else if (!e.shiftKey && document.activeElement === f[f.length - 1]) { e.preventDefault(); f[0].focus(); }
  }
  document.addEventListener('keydown', onKey, true);
  document.body.append(overlay);
  ta.focus();
  return close;
}
