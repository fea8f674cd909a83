// Trace (#/tools/trace/<hash>): summary and a propagation timeline of every observation.
import { h, replace } from '../lib/dom.js';
import { getJSON, isAbort } from '../lib/api.js';
import { absTime, fmtDec, toMs } from '../lib/format.js';
import { parseJSON, payloadName } from '../logic/payload.js';

/** mount renders a trace. */
export function mount(el, ctx) {
  const ctrl = new AbortController();
  const hash = ctx.params[1] || ctx.query.hash || '';
  const input = h('input', { id: 'traceHashInput', type: 'search', value: hash, placeholder: 'Packet hash', 'aria-label': 'Packet hash' });
  const results = h('div', { id: 'traceResults', 'aria-live': 'polite' });
  const go = () => { const v = input.value.trim(); if (v) location.hash = `#/tools/trace/${encodeURIComponent(v)}`; };
  input.addEventListener('keydown', (e) => { if (e.key === 'Enter') go(); });
  replace(el, h('section', { class: 'page trace-page' }, h('p', null, h('a', { href: '#/tools' }, '← Tools')), h('h1', null, 'Packet trace'),
    h('div', { class: 'toolbar' }, input, h('button', { type: 'button', id: 'traceBtn', onclick: go }, 'Trace')), results));
  if (!hash) { replace(results, h('p', { class: 'muted' }, 'Enter a packet hash to trace it.')); return () => ctrl.abort(); }
  (async () => {
    try {
      const [tr, pk] = await Promise.all([getJSON(`/traces/${encodeURIComponent(hash)}`, null, { signal: ctrl.signal }),
        getJSON('/packets', { hash, limit: 1 }, { signal: ctrl.signal, quiet: true }).catch(() => ({ packets: [] }))]);
      const list = tr.traces || [];
      if (!list.length) { replace(results, h('p', { class: 'empty' }, 'No observations found')); return; }
      const times = list.map((t) => toMs(t.time)).filter((x) => x !== null);
      const t0 = Math.min(...times);
      const span = Math.max(1, Math.max(...times) - t0);
      const observers = new Set(list.map((t) => t.observer));
      const p = (pk.packets || [])[0];
      replace(results,
        h('div', { class: 'cards' },
          [['Observers', observers.size], ['Observations', list.length], ['Time spread', `${((span === 1 ? 0 : span) / 1000).toFixed(1)} s`], ['Type', p ? payloadName(p.payload_type) : '—']]
            .map(([l, v]) => h('div', { class: 'card stat-card' }, h('div', { class: 'stat-value' }, String(v)), h('div', { class: 'stat-label' }, l)))),
        h('p', null, h('a', { href: `#/packets/${hash}` }, 'Open packet detail →')),
        h('h2', null, 'Propagation timeline'),
        h('ol', { class: 'timeline' }, list.map((t) => {
          const off = toMs(t.time) - t0;
          const hops = parseJSON(t.path_json, []) || [];
          return h('li', { class: 'timeline-row' },
            h('a', { href: `#/observers/${encodeURIComponent(t.observer || '')}` }, t.observer_name || t.observer || '?'),
            h('span', { class: 'timeline-track', 'aria-hidden': 'true' }, h('span', { class: 'timeline-mark', style: { left: `${(off / span) * 100}%` } })),
            h('span', { class: 'muted' }, `+${(off / 1000).toFixed(1)} s · ${hops.length} hops · SNR ${fmtDec(t.snr)} · RSSI ${fmtDec(t.rssi, 0)} · ${absTime(t.time)}`));
        })));
    } catch (e) { if (!isAbort(e)) replace(results, h('p', { class: 'error-text' }, `Trace failed: ${e.message}`)); }
  })();
  return () => ctrl.abort();
}
