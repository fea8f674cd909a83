// Prefix Tool tab: which 1/2/3-byte key prefixes this mesh's nodes already use, to pick a key for a new
// node that no relay shares (?prefix= checks a prefix or key, ?scope=all counts every role).
import { h, replace } from '../../lib/dom.js';
import { buildHash } from '../../lib/url.js';
import { add, stat, num, section, table, nodeLink } from '../../components/analytics-kit.js';
import { allNodes } from './fleet.js';
import { prefixIndex, usage, check, freeOneByte, suggest, normalisePrefix, isRelay, SIZES } from '../../logic/prefixes.js';

/** render draws the prefix tool into box. */
export async function render(box, { get, query }) {
  box.classList.add('an-fleet');
  const q = { prefix: normalisePrefix(query.prefix) || '', scope: query.scope === 'all' ? 'all' : 'relays' };
  const [{ nodes }, hs] = await Promise.all([allNodes(get), get('/analytics/hash-sizes', { window: null }).catch(() => null)]);
  const counted = q.scope === 'all' ? nodes : nodes.filter(isRelay);
  const idx = prefixIndex(counted);
  const scope = h('select', { id: 'prefixScope', 'aria-label': 'Nodes counted' },
    h('option', { value: 'relays', selected: q.scope === 'relays' }, 'Repeaters and rooms (they appear in paths)'),
    h('option', { value: 'all', selected: q.scope === 'all' }, 'All nodes'));
  const input = h('input', { id: 'prefixInput', type: 'text', value: q.prefix, placeholder: 'e.g. A1 or A1B2C3 or a full public key',
    autocomplete: 'off', spellcheck: 'false', 'aria-label': 'Prefix or public key (hex)' });
  const result = h('div', { id: 'prefixResult', 'aria-live': 'polite' });
  const sync = () => history.replaceState(null, '', buildHash(['analytics'], { tab: 'prefix-tool', region: query.region, prefix: q.prefix, scope: q.scope }, { scope: 'relays' }));
  function show() {
    if (!input.value.trim()) { replace(result, h('p', { class: 'muted' }, 'Type the first bytes of a key (or paste a whole key) to see who already uses them.')); return; }
    const v = normalisePrefix(input.value);
    if (!v) { replace(result, h('p', { class: 'error-text' }, 'Enter whole bytes of hex: 2, 4, 6 … hex digits.')); return; }
    const rows = check(idx, v);
    replace(result, table(['Size', 'Prefix', 'Status', 'Used by'], rows.map((r) => ({ key: r.prefix, cells: [
      `${r.size} byte${r.size > 1 ? 's' : ''}`, h('span', { class: 'mono' }, r.prefix),
      h('span', { class: `badge ${r.free ? 'badge-ok' : r.nodes.length > 1 ? 'badge-bad' : 'badge-warn'}`, dataset: { status: r.free ? 'free' : 'used' } },
        r.free ? 'free' : `used by ${r.nodes.length}`),
      r.free ? '—' : h('span', null, r.nodes.slice(0, 8).map((n, i) => [i ? ', ' : '', nodeLink(n.public_key, n.name)]), r.nodes.length > 8 ? ` and ${r.nodes.length - 8} more` : '')] }))));
  }
  const run = () => { q.prefix = normalisePrefix(input.value) || ''; sync(); show(); };
  input.addEventListener('input', run);
  scope.addEventListener('change', () => { q.scope = scope.value; location.hash = buildHash(['analytics'], { tab: 'prefix-tool', region: query.region, prefix: q.prefix, scope: q.scope }, { scope: 'relays' }); });
  const gen = h('button', { type: 'button', id: 'prefixSuggest' }, 'Suggest a free prefix');
  gen.addEventListener('click', () => { input.value = suggest(idx); run(); });
  const u = Object.fromEntries(SIZES.map((s) => [s, usage(idx, s)]));
  const free1 = freeOneByte(idx);
  const byRep = hs?.distributionByRepeaters || {};
  add(box, h('div', { class: 'cards an-cards' }, stat('Nodes counted', num(counted.length), 'ptCounted'),
    ...SIZES.map((s) => stat(`${s}-byte prefixes in use (of ${num(u[s].space)}) · ${num(u[s].shared)} shared`, num(u[s].used), `ptUsed${s}`))));
  add(box, section('Check a prefix', h('div', { class: 'toolbar pt-form' }, input, gen, scope),
    h('p', { class: 'muted small' }, `Repeaters by path hash size: 1-byte ${num(byRep['1'] || 0)}, 2-byte ${num(byRep['2'] || 0)}, 3-byte ${num(byRep['3'] || 0)}. `,
      'A relay is named in paths by the first 1–3 bytes of its key (its hash size), so a prefix that no other relay uses at that size keeps its hops unambiguous.'),
    result));
  const chips = h('div', { class: 'pt-free', id: 'ptFree' }, free1.map((p) => h('button', { type: 'button', class: 'pt-chip mono', dataset: { prefix: p },
    onclick: () => { input.value = p; run(); input.focus(); } }, p)));
  add(box, section(`Free 1-byte prefixes (${free1.length})`, free1.length ? chips
    : h('p', { class: 'muted' }, 'Every 1-byte prefix is taken: pick a free 2-byte prefix and set the new relay to 2-byte path hashes.')));
  const shared = [...idx[1].entries()].filter(([, l]) => l.length > 1).sort((a, b) => b[1].length - a[1].length || a[0].localeCompare(b[0]));
  add(box, section('Shared 1-byte prefixes', table(['Prefix', 'Nodes', 'Names'], shared.slice(0, 40).map(([p, l]) => ({ key: p, cells: [h('span', { class: 'mono' }, p), num(l.length),
    h('span', null, l.slice(0, 6).map((n, i) => [i ? ', ' : '', nodeLink(n.public_key, n.name)]), l.length > 6 ? ` and ${l.length - 6} more` : '')] })),
  { empty: 'No 1-byte prefix is shared.' })));
  if (!counted.length) add(box, h('p', { class: 'muted empty' }, 'No nodes heard yet: every prefix is free.'));
  show();
}
