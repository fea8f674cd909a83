// Mesh analytics (#/analytics?tab=&window=&region=): an ARIA tab bar over one module per tab in
// ./analytics/, a time-window selector (sent to the windowed endpoints only) and a region filter.
// Every tab reads the server's snapshot-cached analytics endpoints and draws Chart.js charts.
import { h, replace } from '../lib/dom.js';
import { getJSON, isAbort } from '../lib/api.js';
import { buildHash } from '../lib/url.js';
import { destroyCharts } from '../lib/charts.js';
import { analyticsCSS } from '../components/analytics-kit.js';

/** TABS lists [id, label, windowed]; windowed tabs send window= to their endpoints. */
export const TABS = [
  ['overview', 'Overview', true], ['rf', 'RF / Signal', true], ['topology', 'Topology', true], ['channels', 'Channels', true],
  ['hashsizes', 'Hash Sizes', false], ['collisions', 'Hash Collisions', false], ['distance', 'Distance', false],
  ['subpaths', 'Route Patterns', true], ['neighbor-graph', 'Neighbor Graph', false], ['roles', 'Roles', false],
  ['airtime', 'Relay Airtime', true], ['clock-health', 'Clock Skew', false], ['rf-health', 'RF Health', false], ['scopes', 'Scopes', false],
  ['nodes', 'Nodes', false], ['my-repeaters', 'My Repeaters', false], ['prefix-tool', 'Prefix Tool', false],
];
const WINDOWS = [['', 'All time'], ['1h', '1 h'], ['24h', '24 h'], ['7d', '7 d'], ['30d', '30 d']];
const loaders = {
  overview: () => import('./analytics/overview.js'), rf: () => import('./analytics/rf.js'), topology: () => import('./analytics/topology.js'),
  channels: () => import('./analytics/channels.js'), hashsizes: () => import('./analytics/hashsizes.js'), collisions: () => import('./analytics/collisions.js'),
  distance: () => import('./analytics/distance.js'), subpaths: () => import('./analytics/subpaths.js'), 'neighbor-graph': () => import('./analytics/graph.js'),
  roles: () => import('./analytics/roles.js'), airtime: () => import('./analytics/airtime.js'), 'clock-health': () => import('./analytics/clock.js'),
  'rf-health': () => import('./analytics/rfhealth.js'), scopes: () => import('./analytics/scopes.js'),
  nodes: () => import('./analytics/nodes.js'), 'my-repeaters': () => import('./analytics/myrepeaters.js'), 'prefix-tool': () => import('./analytics/prefixtool.js'),
};

let state = null;

function normalise(query) {
  const tab = TABS.some((t) => t[0] === query.tab) ? query.tab : 'overview';
  const window = WINDOWS.some((w) => w[0] === query.window) ? query.window : '';
  return { tab, window, region: String(query.region || '').toUpperCase(), extra: query };
}

function go(next) {
  location.hash = buildHash(['analytics'], { tab: next.tab, window: next.window, region: next.region }, { tab: 'overview' });
}

/** mount renders the analytics page. */
export function mount(el, ctx) {
  analyticsCSS();
  const q = normalise(ctx.query);
  const tabs = h('div', { id: 'analyticsTabs', class: 'tabs an-tabs', role: 'tablist', 'aria-label': 'Analytics sections' },
    TABS.map(([id, label]) => h('button', { type: 'button', role: 'tab', class: 'tab-btn', id: `tab-${id}`, 'aria-controls': 'analyticsContent',
      dataset: { tab: id }, onclick: () => go({ ...state.q, tab: id }) }, label)));
  tabs.addEventListener('keydown', (e) => {
    const btns = [...tabs.querySelectorAll('[role=tab]')];
    const i = btns.indexOf(document.activeElement);
    if (i < 0) return;
    const j = { ArrowRight: i + 1, ArrowLeft: i - 1, Home: 0, End: btns.length - 1 }[e.key];
    if (j === undefined) return;
    e.preventDefault();
    btns[(j + btns.length) % btns.length].focus();
  });
  const win = h('select', { id: 'analyticsTimeWindow', 'aria-label': 'Time window', onchange: () => go({ ...state.q, window: win.value }) },
    WINDOWS.map(([v, l]) => h('option', { value: v }, l)));
  const region = h('select', { id: 'analyticsRegion', 'aria-label': 'Region', onchange: () => go({ ...state.q, region: region.value }) },
    h('option', { value: '' }, 'All regions'));
  const content = h('div', { id: 'analyticsContent', role: 'tabpanel', class: 'an-content', tabindex: '0' });
  replace(el, h('section', { class: 'page analytics-page' },
    h('div', { class: 'page-head an-head' }, h('h1', null, 'Analytics'),
      h('div', { class: 'an-controls' }, h('label', null, 'Window ', win), h('label', null, 'Region ', region))),
    tabs, content));
  state = { el, q, tabs, win, region, content, ctrl: null, cleanup: null };
  getJSON('/config/regions', null, { quiet: true }).then((m) => {
    for (const [code, label] of Object.entries(m || {}).sort()) region.append(h('option', { value: code }, `${code} — ${label}`));
    region.value = state?.q.region || '';
  }, () => {});
  render();
  return () => { stop(); state = null; };
}

/** update re-renders the tab when only the query changed (no remount). */
export function update(ctx) {
  if (!state || !state.el.isConnected) return false;
  state.q = normalise(ctx.query);
  render();
  return true;
}

function stop() {
  if (!state) return;
  state.ctrl?.abort();
  if (state.cleanup) { try { state.cleanup(); } catch { /* tab cleanup is best effort */ } }
  state.cleanup = null;
  destroyCharts(state.content);
}

async function render() {
  stop();
  const s = state;
  const { tab, window, region } = s.q;
  for (const b of s.tabs.querySelectorAll('[role=tab]')) {
    const sel = b.dataset.tab === tab;
    b.setAttribute('aria-selected', String(sel));
    b.tabIndex = sel ? 0 : -1;
  }
  s.content.setAttribute('aria-labelledby', `tab-${tab}`);
  const windowed = TABS.find((t) => t[0] === tab)[2];
  s.win.value = window;
  s.win.disabled = !windowed;
  if ([...s.region.options].some((o) => o.value === region)) s.region.value = region;
  const ctrl = new AbortController();
  s.ctrl = ctrl;
  s.content.dataset.loaded = 'false';
  s.content.dataset.tab = tab;
  replace(s.content, h('p', { class: 'muted' }, 'Loading…'));
  const params = { region: region || null, window: windowed ? window || null : null };
  const get = (path, extra) => getJSON(path, { ...params, ...(extra || {}) }, { signal: ctrl.signal, quiet: true });
  try {
    const mod = await loaders[tab]();
    if (ctrl.signal.aborted) return;
    const box = h('div', { class: 'an-tab' });
    const cleanup = await mod.render(box, { get, params, query: s.q.extra, signal: ctrl.signal });
    if (ctrl.signal.aborted) { if (typeof cleanup === 'function') cleanup(); return; }
    s.cleanup = typeof cleanup === 'function' ? cleanup : null;
    replace(s.content, box);
    s.content.dataset.loaded = 'true';
  } catch (e) {
    if (isAbort(e) || ctrl.signal.aborted) return;
    replace(s.content, h('p', { class: 'error-text' }, `Analytics unavailable: ${e.message}`));
    s.content.dataset.loaded = 'error';
  }
}
