// Nodes directory (#/nodes?tab=&search=&status=&lastHeard=&sort=): role tabs, search, sortable table.
import { h, replace } from '../lib/dom.js';
import { getJSON, isAbort } from '../lib/api.js';
import { buildHash, parseSort, formatSort } from '../lib/url.js';
import { favorites, myNodes, toggleFavorite } from '../lib/store.js';
import { timeAgo, absTime, shortKey, fmtNum, nodeStatus } from '../lib/format.js';
import { createTable } from '../components/table.js';
import { statusDot } from '../components/badges.js';

const TABS = [['all', 'All', null], ['repeater', 'Repeaters', 'repeaters'], ['room', 'Rooms', 'rooms'],
  ['companion', 'Companions', 'companions'], ['sensor', 'Sensors', 'sensors']];
const DEFAULTS = { tab: 'all', status: 'all', lastHeard: '', sort: 'last_seen' };

/** mount renders the node directory. */
export function mount(el, ctx) {
  const q = { ...DEFAULTS, ...ctx.query };
  const ctrl = new AbortController();
  let nodes = [];
  let counts = {};
  let total = 0;
  const favs = new Set(favorites());
  const mine = new Set(myNodes().map((n) => n.pubkey));
  const tabBar = h('div', { class: 'tabs', role: 'tablist', 'aria-label': 'Node roles' });
  const search = h('input', { type: 'search', id: 'nodeSearch', placeholder: 'Search name or public key', value: q.search || '', 'aria-label': 'Search nodes' });
  const status = h('select', { id: 'nodeStatus', 'aria-label': 'Status' }, [['all', 'All statuses'], ['active', 'Active'], ['stale', 'Stale']]
    .map(([v, l]) => h('option', { value: v, selected: q.status === v }, l)));
  const lastHeard = h('select', { id: 'nodeLastHeard', 'aria-label': 'Last heard' }, [['', 'Any time'], ['1h', '1 h'], ['6h', '6 h'], ['24h', '24 h'], ['7d', '7 days'], ['30d', '30 days']]
    .map(([v, l]) => h('option', { value: v, selected: q.lastHeard === v }, l)));
  const count = h('span', { class: 'muted', role: 'status', id: 'nodeCount' });
  const columns = [
    { key: 'name', label: 'Name', sort: (n) => (n.name || '').toLowerCase(), render: (n) => [
      h('button', { type: 'button', class: 'star', 'aria-pressed': String(favs.has(n.public_key)), 'aria-label': `Favourite ${n.name || n.public_key}`,
        onclick: (e) => { e.stopPropagation(); const on = toggleFavorite(n.public_key); if (on) favs.add(n.public_key); else favs.delete(n.public_key); render(); } },
      favs.has(n.public_key) ? '★' : '☆'),
      h('a', { href: `#/nodes/${n.public_key}` }, n.name || '(unnamed)'), mine.has(n.public_key) ? h('span', { class: 'badge' }, 'mine') : null] },
    { key: 'public_key', label: 'Public Key', class: 'mono', hideSm: true, render: (n) => shortKey(n.public_key) },
    { key: 'role', label: 'Role', render: (n) => h('span', { class: 'badge' }, n.role || 'unknown') },
    { key: 'status', label: 'Status', sort: (n) => nodeStatus(n.last_seen, n.role), render: (n) => statusDot(nodeStatus(n.last_seen, n.role)) },
    { key: 'last_seen', label: 'Last Seen', defaultAsc: false, render: (n) => h('time', { title: absTime(n.last_seen) }, timeAgo(n.last_seen)) },
    { key: 'first_seen', label: 'First Seen', hideSm: true, render: (n) => absTime(n.first_seen) },
    { key: 'advert_count', label: 'Adverts', class: 'num', hideSm: true, defaultAsc: false, render: (n) => fmtNum(n.advert_count) },
  ];
  const table = createTable({
    columns, sort: parseSort(q.sort, { col: 'last_seen', asc: false }), id: 'nodesTable', bodyId: 'nodesBody', caption: 'Nodes',
    rowKey: (n) => n.public_key, pinned: (n) => mine.has(n.public_key) || favs.has(n.public_key),
    onSort: (s) => { q.sort = formatSort(s); sync(); },
    onRowClick: (n) => { location.hash = `#/nodes/${n.public_key}`; },
  });
  replace(el, h('section', { class: 'page nodes-page' },
    h('div', { class: 'page-head' }, h('h1', null, 'Nodes'), count),
    tabBar, h('div', { class: 'toolbar' }, search, status, lastHeard), table.el));

  function sync() {
    history.replaceState(null, '', buildHash(['nodes'], { tab: q.tab, search: search.value.trim(), status: status.value, lastHeard: lastHeard.value, sort: q.sort }, DEFAULTS));
  }
  function renderTabs() {
    replace(tabBar, TABS.map(([key, label, ck]) => h('button', {
      type: 'button', role: 'tab', class: 'node-tab', 'aria-selected': String(q.tab === key), tabindex: q.tab === key ? '0' : '-1', dataset: { tab: key },
      onclick: () => { q.tab = key; sync(); renderTabs(); render(); },
    }, label, ck ? h('span', { class: 'muted' }, ` (${fmtNum(counts[ck] ?? 0)})`) : h('span', { class: 'muted' }, ` (${fmtNum(total)})`))));
  }
  tabBar.addEventListener('keydown', (e) => {
    const i = TABS.findIndex((t) => t[0] === q.tab);
    let j = null;
    if (e.key === 'ArrowRight') j = (i + 1) % TABS.length;
    else if (e.key === 'ArrowLeft') j = (i - 1 + TABS.length) % TABS.length;
    else if (e.key === 'Home') j = 0;
    else if (e.key === 'End') j = TABS.length - 1;
    if (j === null) return;
    e.preventDefault();
    q.tab = TABS[j][0];
    sync(); renderTabs(); render();
    tabBar.querySelector(`[data-tab="${q.tab}"]`).focus();
  });
  function render() {
    const s = search.value.trim().toLowerCase();
    const now = Date.now();
    const rows = nodes.filter((n) => {
      if (q.tab !== 'all' && n.role !== q.tab) return false;
      if (s && !String(n.name || '').toLowerCase().includes(s) && !String(n.public_key).toLowerCase().startsWith(s)) return false;
      const st = nodeStatus(n.last_seen, n.role, now);
      if (status.value === 'active' && st !== 'Active') return false;
      if (status.value === 'stale' && st === 'Active') return false;
      return true;
    });
    table.setRows(rows);
    count.textContent = `${fmtNum(rows.length)} of ${fmtNum(total)} nodes`;
    el.querySelector('.nodes-page').dataset.loaded = 'true';
  }
  async function load() {
    count.textContent = 'Loading…';
    try {
      const all = [];
      for (let offset = 0; offset < 20000; offset += 2000) {
        const r = await getJSON('/nodes', { limit: 2000, offset, lastHeard: lastHeard.value }, { signal: ctrl.signal });
        all.push(...(r.nodes || []));
        counts = r.counts || counts;
        total = r.total ?? all.length;
        if (!r.nodes || r.nodes.length < 2000) break;
      }
      nodes = all;
      renderTabs();
      render();
    } catch (e) { if (!isAbort(e)) count.textContent = `Failed to load nodes: ${e.message}`; }
  }
  let t = null;
  search.addEventListener('input', () => { clearTimeout(t); t = setTimeout(() => { sync(); render(); }, 150); });
  status.addEventListener('change', () => { sync(); render(); });
  lastHeard.addEventListener('change', () => { sync(); load(); });
  renderTabs();
  load();
  return () => { ctrl.abort(); clearTimeout(t); };
}
