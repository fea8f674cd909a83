// Hex-dump pane: colour-coded bytes, a legend and the Offset/Field/Value/Description table (ui.md §3.12).
import { h } from '../lib/dom.js';
import { breakdown, rangeAt, RANGE_KINDS, decryptedFields } from '../logic/bytes.js';

/**
 * hexDumpPane renders the byte breakdown of a raw hex string; decoded (optional, the server's decoded payload) adds
 * decrypted channel rows to the field table. Returns {el, info}.
 */
export function hexDumpPane(rawHex, decoded = null) {
  const info = breakdown(rawHex);
  if (info.bytes.length === 0) return { el: h('p', { class: 'muted' }, 'No raw bytes available.'), info };
  const kinds = [...new Set(info.ranges.map((r) => r.kind))];
  const legend = h('ul', { class: 'hex-legend', 'aria-label': 'Byte colour legend' },
    kinds.map((k) => h('li', null, h('span', { class: `hex-swatch hex-${k}`, 'aria-hidden': 'true' }), RANGE_KINDS[k] || k)));
  const dump = h('div', { class: 'hex-dump mono', role: 'img', 'aria-label': `Hex dump, ${info.bytes.length} bytes` });
  const per = typeof window !== 'undefined' && window.matchMedia && window.matchMedia('(max-width: 640px)').matches ? 8 : 16;
  for (let row = 0; row < info.bytes.length; row += per) {
    const line = h('div', { class: 'hex-line' }, h('span', { class: 'hex-off' }, row.toString(16).padStart(4, '0')));
    for (let i = row; i < Math.min(row + per, info.bytes.length); i++) {
      const kind = rangeAt(info.ranges, i);
      line.append(h('span', { class: `hex-byte hex-${kind}`, title: `offset ${i}: ${RANGE_KINDS[kind] || kind}` },
        info.bytes[i].toString(16).padStart(2, '0').toUpperCase()));
    }
    dump.append(line);
  }
  const table = h('table', { class: 'data field-table' },
    h('thead', null, h('tr', null, ['Offset', 'Field', 'Value', 'Description'].map((x) => h('th', { scope: 'col' }, x)))),
    h('tbody', null, info.fields.map((f) => h('tr', null,
      h('td', { class: 'mono' }, String(f.offset)),
      h('td', { title: f.description || null }, h('span', { class: `hex-swatch hex-${info.ranges.find((r) => r.start === f.offset && r.label === f.field)?.kind || 'payload'}` }), f.field),
      h('td', { class: 'mono wrap' }, f.value),
      h('td', { class: 'muted' }, f.description))),
    decryptedFields(decoded).map((f) => h('tr', { class: 'decrypted-row' },
      h('td', { class: 'mono muted' }, '—'), h('td', null, h('span', { class: 'hex-swatch hex-cipher' }), f.field),
      h('td', { class: 'wrap' }, f.value), h('td', { class: 'muted' }, f.description)))));
  const el = h('div', { class: 'hex-pane' }, legend, dump,
    info.error ? h('p', { class: 'error-text' }, `Breakdown stopped: ${info.error}`) : null,
    h('div', { class: 'table-wrap' }, table));
  return { el, info };
}
