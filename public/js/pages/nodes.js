// Nodes directory (#/nodes?tab=&search=&status=&lastHeard=&region=&sort=&node=): role tabs with counts,
// search, filters, sortable table and a detail side pane (?node=<pk>; slide-over below 1024 px).
// ADVERTs arriving over the WebSocket patch known rows live; a new node shows at once, then a reload confirms.
import { h, replace } from '../lib/dom.js';
import { getJSON, isAbort } from '../lib/api.js';
import { subscribe } from '../lib/ws.js';
import { buildHash, parseSort, formatSort } from '../lib/url.js';
import { favorites, myNodes, toggleFavorite } from '../lib/store.js';
import { fmtNum, nodeStatus } from '../lib/format.js';
import { matchesNode, advertFromWS } from '../logic/node-info.js';
import { createTable } from '../components/table.js';
import { nodeColumns } from './nodes/columns.js';
import { renderNodeDetail } from './nodes/detail.js';

const TABS = [['all', 'All', null], ['repeater', 'Repeaters', 'repeaters'], ['room', 'Rooms', 'rooms'],
  ['companion', 'Companions', 'companions'], ['sensor', 'Sensors', 'sensors']];
const DEFAULTS = { tab: 'all', status: 'all', lastHeard: '', region: '', area: '', sort: 'last_seen' };
const opt = (v, l, cur) => h('option', { value: v, selected: cur === v }, l);

/** mount renders the node directory. */
export function mount(el, ctx) {
  const q = { ...DEFAULTS, ...ctx.query };
  if (!TABS.some((t) => t[0] === q.tab)) q.tab = 'all';
  const ctrl = new AbortController();
  let nodes = [];
  let nameCount = new Map();
  const provisional = new Map();
  let counts = {};
  let total = 0;
  let live = 0;
  let pane = null;
  const favs = new Set(favorites());
  const mine = new Set(myNodes().map((n) => n.pubkey));
  const tabBar = h('div', { class: 'tabs', role: 'tablist', 'aria-label': 'Node roles' });
  const search = h('input', { type: 'search', id: 'nodeSearch', placeholder: 'Search name or public key prefix', value: q.search || '', 'aria-label': 'Search nodes' });
  const status = h('select', { id: 'nodeStatus', 'aria-label': 'Status' }, opt('all', 'All statuses', q.status), opt('active', 'Active', q.status), opt('stale', 'Degraded or silent', q.status));
  const lastHeard = h('select', { id: 'nodeLastHeard', 'aria-label': 'Last heard' }, [['', 'Heard any time'], ['1h', 'Heard in 1 h'], ['6h', 'Heard in 6 h'],
    ['24h', 'Heard in 24 h'], ['7d', 'Heard in 7 days'], ['30d', 'Heard in 30 days']].map(([v, l]) => opt(v, l, q.lastHeard)));
  const region = h('select', { id: 'nodeRegion', 'aria-label': 'Region (heard by observers in)' }, opt('', 'All regions', q.region));
  const area = h('select', { id: 'nodeArea', class: 'hidden', 'aria-label': 'Area (node position inside)' }, opt('', 'All areas', q.area || ''));
  const count = h('span', { class: 'muted', role: 'status', id: 'nodeCount' });
  const liveNote = h('span', { class: 'muted small', id: 'nodeLive', 'aria-live': 'polite' });
  const paneEl = h('aside', { class: 'node-pane hidden', id: 'nodesRight', 'aria-label': 'Node details' });
  const columns = nodeColumns({ favs, mine, nameCount: () => nameCount });
  const table = createTable({
    columns, sort: parseSort(q.sort, { col: 'last_seen', asc: false }), id: 'nodesTable', bodyId: 'nodesBody', caption: 'Nodes',
    rowKey: (n) => n.public_key, pinned: (n) => mine.has(n.public_key) || favs.has(n.public_key),
    onSort: (s) => { q.sort = formatSort(s); sync(); },
    onRowClick: (n, e) => openPane(n.public_key, e && e.type === 'keydown'),
  });
  const layout = h('div', { class: 'nodes-layout' }, h('div', { class: 'nodes-main' }, table.el), paneEl);
  const pageEl = h('section', { class: 'page nodes-page' },
    h('div', { class: 'page-head' }, h('h1', null, 'Nodes'), liveNote, count),
    tabBar, h('div', { class: 'toolbar nodes-toolbar' }, search, status, lastHeard, region, area), layout);
  replace(el, pageEl);

  function sync() {
    history.replaceState(null, '', buildHash(['nodes'], { tab: q.tab, search: search.value.trim(), status: status.value, lastHeard: lastHeard.value,
      region: q.region, area: q.area, sort: q.sort, node: q.node }, DEFAULTS));
  }
  function openPane(pk, keyboard = false) {
    q.node = pk;
    sync();
    if (pane) pane.cleanup();
    const body = h('div', { class: 'node-pane-body' });
    const close = h('button', { type: 'button', class: 'node-pane-close', 'aria-label': 'Close details' }, '✕');
    close.addEventListener('click', closePane);
    replace(paneEl, close, body);
    paneEl.classList.remove('hidden');
    layout.classList.add('has-pane');
    table.setSelected(pk);
    const pc = new AbortController();
    const cleanup = renderNodeDetail(body, pk, { mode: 'pane', signal: pc.signal });
    pane = { cleanup: () => { pc.abort(); cleanup(); } };
    paneEl.scrollTop = 0;
    if (keyboard) close.focus();
  }
  function closePane() {
    const was = q.node;
    if (pane) pane.cleanup();
    pane = null;
    delete q.node;
    sync();
    replace(paneEl);
    paneEl.classList.add('hidden');
    layout.classList.remove('has-pane');
    table.setSelected(null);
    if (was) table.tbody.querySelector(`tr[data-key="${CSS.escape(was)}"]`)?.focus();
  }
  function renderTabs() {
    replace(tabBar, TABS.map(([key, label, ck]) => h('button', {
      type: 'button', role: 'tab', class: 'node-tab', 'aria-selected': String(q.tab === key), tabindex: q.tab === key ? '0' : '-1', dataset: { tab: key },
      onclick: () => { q.tab = key; sync(); renderTabs(); render(); },
    }, label, h('span', { class: 'tab-count' }, ` (${fmtNum(ck ? counts[ck] ?? 0 : total)})`))));
  }
  tabBar.addEventListener('keydown', (e) => {
    const i = TABS.findIndex((t) => t[0] === q.tab);
    const j = { ArrowRight: (i + 1) % TABS.length, ArrowLeft: (i - 1 + TABS.length) % TABS.length, Home: 0, End: TABS.length - 1 }[e.key];
    if (j === undefined) return;
    e.preventDefault();
    q.tab = TABS[j][0];
    sync(); renderTabs(); render();
    tabBar.querySelector(`[data-tab="${q.tab}"]`).focus();
  });
  function render() {
    const now = Date.now();
    const rows = nodes.filter((n) => {
      if (q.tab !== 'all' && n.role !== q.tab) return false;
      if (!matchesNode(n, search.value)) return false;
      const st = nodeStatus(n.last_seen, n.role, now);
      if (status.value === 'active' && st !== 'Active') return false;
      if (status.value === 'stale' && st === 'Active') return false;
      return true;
    });
    table.setRows(rows);
    if (q.node) table.setSelected(q.node);
    count.textContent = `${fmtNum(rows.length)} of ${fmtNum(total)} nodes`;
    pageEl.dataset.loaded = 'true';
  }
  async function load() {
    count.textContent = 'Loading…';
    try {
      const all = [];
      for (let offset = 0; offset < 20000; offset += 2000) {
        const r = await getJSON('/nodes', { limit: 2000, offset, lastHeard: lastHeard.value, region: q.region, area: q.area }, { signal: ctrl.signal });
        all.push(...(r.nodes || []));
        counts = r.counts || counts;
        total = r.total ?? all.length;
        if (!r.nodes || r.nodes.length < 2000) break;
      }
      for (const [pk, fresh] of provisional) {
        if (all.some((x) => x.public_key === pk)) provisional.delete(pk); else all.push(fresh);
      }
      total += provisional.size;
      nodes = all;
      nameCount = new Map();
      for (const n of all) if (n.name) nameCount.set(n.name, (nameCount.get(n.name) || 0) + 1);
      renderTabs();
      render();
    } catch (e) { if (!isAbort(e)) count.textContent = `Failed to load nodes: ${e.message}`; }
  }
  async function loadRegions() {
    try {
      const r = await getJSON('/config/regions', null, { signal: ctrl.signal, quiet: true });
      for (const [code, label] of Object.entries(r || {}).sort()) region.append(opt(code, label && label !== code ? `${code} · ${label}` : code, q.region));
      region.value = q.region || '';
    } catch { /* region filter stays "All" */ }
    try {
      const areas = await getJSON('/config/areas', null, { signal: ctrl.signal, quiet: true });
      if (!Array.isArray(areas) || !areas.length) return;
      for (const a of [...areas].sort((x, y) => String(x.key).localeCompare(String(y.key)))) area.append(opt(a.key, a.label || a.key, q.area || ''));
      area.value = q.area || '';
      area.classList.remove('hidden');
    } catch { /* no areas configured */ }
  }
  // Live: ADVERTs patch known rows; a new node reloads the list (debounced).
  let renderT = null;
  let reloadT = null;
  const seen = new Set();
  const unsub = subscribe('packet', (d) => {
    const a = advertFromWS(d);
    if (!a || seen.has(a.hash)) return; // one WS message per observation: count each advert once
    seen.add(a.hash);
    live++;
    liveNote.textContent = `${fmtNum(live)} live advert${live === 1 ? '' : 's'}`;
    const n = nodes.find((x) => x.public_key === a.public_key);
    if (!n) {
      // Show the new node at once from its advert; the debounced reload brings the server's row.
      nodes.push(a);
      provisional.set(a.public_key, a);
      total++;
      render();
      clearTimeout(reloadT);
      reloadT = setTimeout(load, 1500);
      return;
    }
    n.last_seen = a.last_seen;
    n.advert_count = (n.advert_count || 0) + 1;
    if (a.name) n.name = a.name;
    clearTimeout(renderT);
    renderT = setTimeout(render, 250);
  });
  table.tbody.addEventListener('click', (e) => {
    const b = e.target.closest('button[data-star]');
    if (!b) return;
    const on = toggleFavorite(b.dataset.star);
    if (on) favs.add(b.dataset.star); else favs.delete(b.dataset.star);
    render();
  });
  let t = null;
  search.addEventListener('input', () => { clearTimeout(t); t = setTimeout(() => { sync(); render(); }, 150); });
  status.addEventListener('change', () => { sync(); render(); });
  lastHeard.addEventListener('change', () => { sync(); load(); });
  region.addEventListener('change', () => { q.region = region.value; sync(); load(); });
  area.addEventListener('change', () => { q.area = area.value; sync(); load(); });
  const onKey = (e) => { if (e.key === 'Escape' && pane && !document.querySelector('.search-overlay, dialog[open]')) closePane(); };
  document.addEventListener('keydown', onKey);
  renderTabs();
  loadRegions();
  load();
  if (q.node) openPane(q.node);
  return () => {
    ctrl.abort(); clearTimeout(t); clearTimeout(renderT); clearTimeout(reloadT); unsub();
    document.removeEventListener('keydown', onKey);
    if (pane) pane.cleanup();
  };
}
