// Path Inspector (#/tools/path-inspector?prefixes=2c,a1,f4): which nodes a list of hop-hash prefixes
// may stand for. Per hop: the nodes sharing the prefix (ambiguity), the top route's pick and the
// distance from the previous hop; then the ranked candidate routes of POST /api/paths/inspect.
// Per-hop candidates and coordinates come from /api/resolve-hops. Names reach the DOM as text only.
import { h, replace } from '../lib/dom.js';
import { isAbort } from '../lib/api.js';
import { fmtDec, fmtDistance, fmtNum, shortKey } from '../lib/format.js';
import { parsePrefixes, prefixesParam, MAX_PREFIXES } from '../logic/path-inspect.js';
import { loadInspection } from '../components/path-inspection.js';

const SHOWN_CANDIDATES = 6;
/** nodeLink links a node by key with its name (or short key) as text. */
export function nodeLink(key, name) {
  return key ? h('a', { href: `#/nodes/${encodeURIComponent(key)}`, class: 'pi-node' }, name || shortKey(key)) : h('span', { class: 'muted' }, '—');
}

function hopTable(hops) {
  return h('div', { class: 'table-wrap' }, h('table', { class: 'data pi-hops', id: 'piHops' },
    h('caption', { class: 'sr-only' }, 'Candidate nodes for each hop prefix'),
    h('thead', null, h('tr', null, ['#', 'Prefix', 'Nodes', 'Ambiguity', 'Best guess', 'From previous', 'Other candidates'].map((c) => h('th', { scope: 'col' }, c)))),
    h('tbody', null, hops.map((hp, i) => {
      const others = hp.candidates.filter((c) => c.pubkey !== hp.chosenKey);
      return h('tr', { dataset: { prefix: hp.prefix } },
        h('td', null, String(i + 1)),
        h('td', { class: 'mono' }, hp.prefix.toUpperCase()),
        h('td', { dataset: { col: 'count' } }, fmtNum(hp.count)),
        h('td', { dataset: { col: 'ambiguity' } }, h('span', { class: `badge pi-amb pi-amb-${hp.ambiguity.replace(' ', '-')}` }, hp.ambiguity)),
        h('td', { dataset: { col: 'chosen' } }, hp.chosen ? nodeLink(hp.chosen.pubkey, hp.chosen.name) : h('span', { class: 'muted' }, 'none')),
        h('td', { dataset: { col: 'km' } }, i === 0 ? '' : fmtDistance(hp.km)),
        h('td', { dataset: { col: 'others' } }, others.length ? [others.slice(0, SHOWN_CANDIDATES).map((c, j) => [j ? ', ' : '', nodeLink(c.pubkey, c.name)]),
          others.length > SHOWN_CANDIDATES ? h('span', { class: 'muted' }, ` and ${fmtNum(others.length - SHOWN_CANDIDATES)} more`) : null] : h('span', { class: 'muted' }, '—')));
    }))));
}

function routeTable(routes) {
  if (!routes.length) return h('p', { class: 'muted', id: 'piNoRoute' }, 'No route: at least one prefix matches no known node.');
  return h('div', { class: 'table-wrap' }, h('table', { class: 'data pi-routes', id: 'piRoutes' },
    h('caption', { class: 'sr-only' }, 'Candidate routes, best first'),
    h('thead', null, h('tr', null, ['Rank', 'Score', 'Route', 'Length'].map((c) => h('th', { scope: 'col' }, c)))),
    h('tbody', null, routes.map((r) => h('tr', { dataset: { rank: String(r.rank) } },
      h('td', null, String(r.rank)),
      h('td', { dataset: { col: 'score' } }, fmtDec(r.score, 3), r.speculative ? [' ', h('span', { class: 'badge pi-spec', title: 'Score below 0.7: a guess' }, 'speculative')] : null),
      h('td', { class: 'pi-route' }, r.path.map((k, j) => [j ? h('span', { class: 'muted', 'aria-hidden': 'true' }, ' → ') : '', nodeLink(k, r.names[j])])),
      h('td', { dataset: { col: 'km' } }, fmtDistance(r.km)))))));
}

/** mount renders the inspector. */
export function mount(el, ctx) {
  const ctrl = new AbortController();
  const initial = parsePrefixes(ctx.query.prefixes);
  const input = h('input', { type: 'text', id: 'piPrefixes', value: initial.map((p) => p.toUpperCase()).join(','), placeholder: 'Hop prefixes, e.g. 2C,A1,F4',
    'aria-label': 'Hop prefixes, comma-separated hex', spellcheck: 'false', autocomplete: 'off' });
  const results = h('div', { id: 'piResults', 'aria-live': 'polite' });
  const mapLink = h('a', { id: 'piMapLink', class: 'btn hidden', href: '#/map' }, 'Show on map');
  const form = h('form', { class: 'toolbar pi-form' }, input, h('button', { type: 'submit', class: 'primary', id: 'piInspect' }, 'Inspect'), mapLink);
  const page = h('section', { class: 'page pi-page', 'aria-labelledby': 'piHeading' },
    h('p', { class: 'crumbs' }, h('a', { href: '#/tools' }, '← Tools')),
    h('div', { class: 'page-head' }, h('h1', { id: 'piHeading' }, 'Path Inspector')),
    h('p', { class: 'muted' }, 'A packet\'s path lists each relay by the first bytes of its public key. Enter those prefixes to see which nodes they may be and the most plausible routes, scored on neighbour links, distance, recency and how unique each prefix is.'),
    form, results);
  replace(el, page);
  let run = null;
  async function show(prefixes) {
    run?.abort();
    run = new AbortController();
    const signal = AbortSignal.any([ctrl.signal, run.signal]);
    delete page.dataset.loaded;
    mapLink.classList.add('hidden');
    if (!prefixes.length) {
      replace(results, h('p', { class: 'muted' }, 'Enter one or more hop prefixes (1 to 3 bytes of hex each, all the same length).'));
      return;
    }
    if (prefixes.length > MAX_PREFIXES) { replace(results, h('p', { class: 'error-text', role: 'alert' }, `At most ${MAX_PREFIXES} prefixes.`)); return; }
    replace(results, h('p', { class: 'muted' }, 'Inspecting…'));
    try {
      const d = await loadInspection(prefixes, signal, () => replace(results, h('p', { class: 'muted' }, 'The neighbour graph is still being built; retrying…')));
      const best = d.routes[0];
      const card = (label, value, key) => h('div', { class: 'card stat-card', dataset: { stat: key } }, h('div', { class: 'stat-value' }, value), h('div', { class: 'stat-label' }, label));
      replace(results,
        h('div', { class: 'cards' }, card('Hops', fmtNum(prefixes.length), 'hops'),
          card('Ambiguous hops', fmtNum(d.hops.filter((x) => x.ambiguity === 'ambiguous').length), 'ambiguous'),
          card('Candidate routes', fmtNum(d.routes.length), 'routes'),
          card('Best score', best ? fmtDec(best.score, 3) : '—', 'score'),
          card('Best route length', best ? fmtDistance(best.km) : '—', 'length')),
        h('h2', null, 'Hops'), hopTable(d.hops),
        h('h2', null, 'Candidate routes'), routeTable(d.routes));
      mapLink.href = `#/map?prefixes=${prefixesParam(prefixes)}`;
      mapLink.classList.remove('hidden');
      page.dataset.loaded = 'true';
    } catch (e) {
      if (isAbort(e)) return;
      replace(results, h('p', { class: 'error-text', role: 'alert', id: 'piError' }, e.status === 400 ? `Invalid prefixes: ${e.message}` : `Inspection failed: ${e.message}`));
      page.dataset.loaded = 'error';
    }
  }
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    const list = parsePrefixes(input.value);
    history.replaceState(null, '', list.length ? `#/tools/path-inspector?prefixes=${prefixesParam(list)}` : '#/tools/path-inspector');
    show(list);
  });
  show(initial);
  return () => { ctrl.abort(); run?.abort(); };
}
