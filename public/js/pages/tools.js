// Tools (#/tools): packet decoder (POST /api/decode) with hex breakdown, and a trace launcher.
import { h, replace } from '../lib/dom.js';
import { postJSON } from '../lib/api.js';
import { normalizeHex } from '../logic/bytes.js';
import { hexDumpPane } from '../components/hexdump.js';

/** mount renders the tools landing page. */
export function mount(el) {
  const hex = h('textarea', { id: 'decodeInput', rows: 4, spellcheck: 'false', placeholder: 'Paste a raw packet in hex, e.g. 11 00 …', 'aria-label': 'Packet hex' });
  const out = h('div', { id: 'decodeOutput', 'aria-live': 'polite' });
  const decodeBtn = h('button', { type: 'button', class: 'primary', id: 'decodeBtn' }, 'Decode');
  const traceIn = h('input', { id: 'traceHashInput', type: 'search', placeholder: 'Packet hash (16 hex)', 'aria-label': 'Packet hash to trace' });
  async function decode() {
    const clean = normalizeHex(hex.value);
    if (!clean) { replace(out, h('p', { class: 'error-text' }, 'Enter an even number of hex characters.')); return; }
    replace(out, h('p', { class: 'muted' }, 'Decoding…'));
    try {
      const r = await postJSON('/decode', { hex: clean }, { quiet: true });
      const d = r.decoded || {};
      replace(out, h('div', { class: 'card' },
        h('h2', null, `${d.header?.payloadTypeName || '?'} via ${d.header?.routeTypeName || '?'}`),
        h('dl', { class: 'kv' }, h('dt', null, 'Path'), h('dd', null, (d.path?.hops || []).join(' → ') || '— (direct)'),
          h('dt', null, 'Hash size'), h('dd', null, String(d.path?.hashSize ?? '—')),
          d.payload?.signatureValid !== undefined ? [h('dt', null, 'Signature'), h('dd', null, d.payload.signatureValid ? 'valid' : 'INVALID')] : null),
        h('h3', null, 'Bytes'), hexDumpPane(clean).el,
        h('h3', null, 'Decoded JSON'), h('pre', { class: 'mono code-block' }, JSON.stringify(d, null, 2))));
    } catch (e) { replace(out, h('p', { class: 'error-text' }, `Decode failed: ${e.message}`)); }
  }
  decodeBtn.addEventListener('click', decode);
  hex.addEventListener('keydown', (e) => { if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) decode(); });
  const go = () => { const v = traceIn.value.trim(); if (v) location.hash = `#/tools/trace/${encodeURIComponent(v)}`; };
  traceIn.addEventListener('keydown', (e) => { if (e.key === 'Enter') go(); });
  replace(el, h('section', { class: 'page tools-page' }, h('h1', null, 'Tools'),
    h('div', { class: 'grid-2' },
      h('section', { class: 'card' }, h('h2', null, 'Packet decoder'), h('p', { class: 'muted' }, 'Decodes without storing anything (Ctrl+Enter).'),
        hex, h('div', { class: 'toolbar' }, decodeBtn)),
      h('section', { class: 'card' }, h('h2', null, 'Packet trace'), h('p', { class: 'muted' }, 'Every observation of one packet, in time order.'),
        h('div', { class: 'toolbar' }, traceIn, h('button', { type: 'button', id: 'traceBtn', onclick: go }, 'Trace')))),
    out));
  return () => {};
}
