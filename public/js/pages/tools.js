// Tools (#/tools): packet decoder (BYOP, POST /api/decode) with the hex breakdown, a trace launcher and
// the Path Inspector launcher (#/tools/path-inspector).
import { h, replace } from '../lib/dom.js';
import { getJSON } from '../lib/api.js';
import { timeAgo, shortHash } from '../lib/format.js';
import { payloadLabel } from '../logic/payload.js';
import { decodeInto } from '../components/decode.js';
import { parsePrefixes, prefixesParam } from '../logic/path-inspect.js';

/** mount renders the tools landing page. */
export function mount(el) {
  const ctrl = new AbortController();
  const hex = h('textarea', { id: 'decodeInput', rows: 4, spellcheck: 'false', placeholder: 'Paste a raw packet in hex, e.g. 11 00 …', 'aria-label': 'Packet hex' });
  const out = h('div', { id: 'decodeOutput', 'aria-live': 'polite' });
  const decodeBtn = h('button', { type: 'button', class: 'primary', id: 'decodeBtn' }, 'Decode');
  const traceIn = h('input', { id: 'traceHashInput', type: 'search', placeholder: 'Packet hash (16 hex)', 'aria-label': 'Packet hash to trace', spellcheck: 'false' });
  const recent = h('ul', { class: 'plain-list recent-list', 'aria-label': 'Recent multi-observer packets' }, h('li', { class: 'muted' }, 'Loading…'));
  decodeBtn.addEventListener('click', () => decodeInto(out, hex.value));
  hex.addEventListener('keydown', (e) => { if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) { e.preventDefault(); decodeInto(out, hex.value); } });
  const go = () => { const v = traceIn.value.trim().toLowerCase(); if (v) location.hash = `#/tools/trace/${encodeURIComponent(v)}`; };
  traceIn.addEventListener('keydown', (e) => { if (e.key === 'Enter') go(); });
  const piIn = h('input', { id: 'piLaunchInput', type: 'text', placeholder: 'Hop prefixes, e.g. 2C,A1,F4', 'aria-label': 'Hop prefixes to inspect', spellcheck: 'false', autocomplete: 'off' });
  const inspect = () => { const list = parsePrefixes(piIn.value); location.hash = list.length ? `#/tools/path-inspector?prefixes=${prefixesParam(list)}` : '#/tools/path-inspector'; };
  piIn.addEventListener('keydown', (e) => { if (e.key === 'Enter') inspect(); });
  replace(el, h('section', { class: 'page tools-page', 'aria-labelledby': 'toolsHeading' }, h('h1', { id: 'toolsHeading' }, 'Tools'),
    h('div', { class: 'tools-grid' },
      h('section', { class: 'card', 'aria-labelledby': 'decH' }, h('h2', { id: 'decH' }, 'Packet decoder'),
        h('p', { class: 'muted' }, 'Bring your own packet: paste hex from your radio. Decoded by the server, never stored (Ctrl+Enter).'),
        hex, h('div', { class: 'toolbar' }, decodeBtn)),
      h('section', { class: 'card', 'aria-labelledby': 'trH' }, h('h2', { id: 'trH' }, 'Packet trace'),
        h('p', { class: 'muted' }, 'Every observation of one packet: observers, time spread, path graph and signal.'),
        h('div', { class: 'toolbar' }, traceIn, h('button', { type: 'button', id: 'traceBtn', onclick: go }, 'Trace')),
        h('h3', null, 'Recently heard by several observers'), recent),
      h('section', { class: 'card', 'aria-labelledby': 'piH' }, h('h2', { id: 'piH' }, h('a', { href: '#/tools/path-inspector', id: 'piToolLink' }, 'Path Inspector')),
        h('p', { class: 'muted' }, 'Which nodes a path\'s hop prefixes may stand for: candidates per hop, ambiguity, distances and the most plausible routes.'),
        h('div', { class: 'toolbar' }, piIn, h('button', { type: 'button', id: 'piLaunchBtn', onclick: inspect }, 'Inspect'))),
      h('section', { class: 'card', 'aria-labelledby': 'alH' }, h('h2', { id: 'alH' }, h('a', { href: '#/audio-lab', id: 'audioLabLink' }, 'Audio Lab')),
        h('p', { class: 'muted' }, 'Listen to a time window of traffic: payload type sets the timbre, SNR the volume, hop count the pitch.'))),
    out));
  getJSON('/packets', { groupByHash: 'true', limit: 200 }, { signal: ctrl.signal, quiet: true }).then((r) => {
    const multi = (r.packets || []).filter((p) => (p.observer_count || 0) > 1 || (p.observation_count || 0) > 1).slice(0, 6);
    replace(recent, multi.length ? multi.map((p) => h('li', null, h('a', { href: `#/tools/trace/${p.hash}` }, shortHash(p.hash)),
      h('span', { class: 'muted' }, ` · ${payloadLabel(p.payload_type)} · ${p.observation_count} obs · ${timeAgo(p.latest || p.first_seen)}`)))
      : h('li', { class: 'muted' }, 'No recent packet was heard by more than one observer.'));
  }).catch(() => replace(recent, h('li', { class: 'muted' }, 'Recent packets unavailable.')));
  return () => ctrl.abort();
}
