// Compare two observers (#/compare?a=&b=&route=&window=): which packets (content hashes) only A heard,
// both heard, or only B heard, as a proportional strip and packet tables. Runs once both are chosen.
import { h, replace } from '../lib/dom.js';
import { getJSON, isAbort } from '../lib/api.js';
import { buildHash } from '../lib/url.js';
import { timeAgo, fmtNum } from '../lib/format.js';
import { typeBadge } from '../components/badges.js';
import { analyticsCSS } from '../components/analytics-kit.js';

const ROUTES = [['all', 'All routes'], ['flood', 'Flood'], ['direct', 'Direct']];
const WINDOWS = [['24h', 'Last 24 h', 24], ['7d', 'Last 7 d', 168], ['30d', 'Last 30 d', 720], ['all', 'All loaded', 0]];
const VIEWS = [['summary', 'Summary'], ['both', 'Both'], ['a', 'Only A'], ['b', 'Only B']];
const LIMIT = 10000;

/** splitSets partitions two packet lists by hash into onlyA / both / onlyB (each keeps A's row when shared). */
export function splitSets(a, b) {
  const inB = new Map(b.map((p) => [p.hash, p]));
  const inA = new Set(a.map((p) => p.hash));
  return { onlyA: a.filter((p) => !inB.has(p.hash)), both: a.filter((p) => inB.has(p.hash)), onlyB: b.filter((p) => !inA.has(p.hash)) };
}

/** routeMatch applies the route filter: flood = route types 0/1, direct = 2/3. */
export function routeMatch(p, route) {
  if (route === 'flood') return p.route_type === 0 || p.route_type === 1;
  if (route === 'direct') return p.route_type === 2 || p.route_type === 3;
  return true;
}

function packetTable(rows) {
  if (!rows.length) return h('p', { class: 'muted empty' }, 'No packets.');
  return h('div', { class: 'table-wrap an-table' }, h('table', { class: 'data' },
    h('thead', null, h('tr', null, ['Hash', 'First seen', 'Type', 'Observations'].map((c) => h('th', { scope: 'col' }, c)))),
    h('tbody', null, rows.slice(0, 500).map((p) => h('tr', { dataset: { hash: p.hash } },
      h('td', null, h('a', { class: 'mono', href: `#/packet/${encodeURIComponent(p.hash)}` }, p.hash.slice(0, 8))),
      h('td', null, timeAgo(p.first_seen)), h('td', null, typeBadge(p.payload_type, p.route_type)), h('td', null, fmtNum(p.observation_count)))))));
}

/** mount renders the compare page. */
export function mount(el, ctx) {
  analyticsCSS();
  const ctrl = new AbortController();
  const q = ctx.query;
  const st = { a: q.a || '', b: q.b || '', route: ROUTES.some((r) => r[0] === q.route) ? q.route : 'all',
    window: WINDOWS.some((w) => w[0] === q.window) ? q.window : '24h', view: VIEWS.some((v) => v[0] === q.view) ? q.view : 'summary' };
  const go = (patch) => { location.hash = buildHash(['compare'], { ...st, ...patch }, { route: 'all', window: '24h', view: 'summary' }); };
  const selA = h('select', { id: 'compareObsA', 'aria-label': 'Observer A', onchange: () => go({ a: selA.value }) }, h('option', { value: '' }, 'Choose observer A'));
  const selB = h('select', { id: 'compareObsB', 'aria-label': 'Observer B', onchange: () => go({ b: selB.value }) }, h('option', { value: '' }, 'Choose observer B'));
  const route = h('select', { id: 'compareRoute', 'aria-label': 'Route filter', onchange: () => go({ route: route.value }) }, ROUTES.map(([v, l]) => h('option', { value: v }, l)));
  const win = h('select', { id: 'compareWindow', 'aria-label': 'Time window', onchange: () => go({ window: win.value }) }, WINDOWS.map(([v, l]) => h('option', { value: v }, l)));
  route.value = st.route;
  win.value = st.window;
  const detail = h('div', { id: 'compareDetail', dataset: { loaded: 'false' } }, h('p', { class: 'muted' }, 'Choose two observers to compare the packets they heard.'));
  replace(el, h('section', { class: 'page compare-page' }, h('p', null, h('a', { href: '#/observers' }, '← Observers')), h('h1', null, 'Compare observers'),
    h('div', { id: 'compareControls', class: 'compare-controls' }, h('label', null, 'A ', selA), h('label', null, 'B ', selB), route, win), detail));
  const opt = { signal: ctrl.signal, quiet: true };
  (async () => {
    try {
      const obs = (await getJSON('/observers', null, opt)).observers || [];
      for (const o of obs) {
        const label = `${o.name || o.id}${o.iata ? ` (${o.iata})` : ''}`;
        selA.append(h('option', { value: o.id }, label));
        selB.append(h('option', { value: o.id }, label));
      }
      selA.value = st.a;
      selB.value = st.b;
      if (!st.a || !st.b) return;
      replace(detail, h('p', { class: 'muted' }, 'Comparing…'));
      const hours = WINDOWS.find((w) => w[0] === st.window)[2];
      const since = hours ? new Date(Date.now() - hours * 3600e3).toISOString() : null;
      const fetchObs = (id) => getJSON('/packets', { observer: id, limit: LIMIT, since }, opt).then((r) => (r.packets || []).filter((p) => routeMatch(p, st.route)));
      const [pa, pb] = await Promise.all([fetchObs(st.a), fetchObs(st.b)]);
      const sets = splitSets(pa, pb);
      const total = sets.onlyA.length + sets.both.length + sets.onlyB.length;
      const pct = (n) => (total ? Math.round((n / total) * 1000) / 10 : 0);
      const name = (id) => selA.querySelector(`option[value="${CSS.escape(id)}"]`)?.textContent || id;
      const strip = h('div', { class: 'compare-strip', role: 'img', 'aria-label': `Only A ${pct(sets.onlyA.length)} %, shared ${pct(sets.both.length)} %, only B ${pct(sets.onlyB.length)} %` },
        [['compare-strip-a', sets.onlyA.length, 'only A'], ['compare-strip-shared', sets.both.length, 'shared'], ['compare-strip-b', sets.onlyB.length, 'only B']].map(([cls, n, l]) =>
          h('div', { class: cls, style: { flexGrow: String(n), flexBasis: '0' }, title: `${l}: ${n}` }, n && pct(n) >= 8 ? `${l} ${pct(n)} %` : '')));
      const tabs = h('div', { class: 'tabs', role: 'tablist', 'aria-label': 'Compare views' }, VIEWS.map(([v, l]) =>
        h('button', { type: 'button', role: 'tab', class: 'tab-btn', 'aria-selected': String(v === st.view), dataset: { cview: v }, onclick: () => go({ view: v }) }, l)));
      const rows = { both: sets.both, a: sets.onlyA, b: sets.onlyB };
      const view = st.view === 'summary'
        ? h('dl', { class: 'kv compare-summary' },
          h('dt', null, `Only A — ${name(st.a)}`), h('dd', { dataset: { count: 'a' } }, `${fmtNum(sets.onlyA.length)} (${pct(sets.onlyA.length)} %)`),
          h('dt', null, 'Heard by both'), h('dd', { dataset: { count: 'both' } }, `${fmtNum(sets.both.length)} (${pct(sets.both.length)} %)`),
          h('dt', null, `Only B — ${name(st.b)}`), h('dd', { dataset: { count: 'b' } }, `${fmtNum(sets.onlyB.length)} (${pct(sets.onlyB.length)} %)`))
        : packetTable(rows[st.view]);
      replace(detail, strip, tabs, h('div', { role: 'tabpanel' }, view));
      detail.dataset.loaded = 'true';
    } catch (e) {
      if (!isAbort(e)) replace(detail, h('p', { class: 'error-text' }, `Compare failed: ${e.message}`));
    }
  })();
  return () => ctrl.abort();
}
