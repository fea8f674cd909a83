// Packets page (#/packets, #/packets/<hash>?obs=): live feed, grouping, filters, filter language, detail pane.
import { h, replace, clear } from '../lib/dom.js';
import { getJSON, isAbort } from '../lib/api.js';
import { subscribe } from '../lib/ws.js';
import { buildHash, parseSort, formatSort } from '../lib/url.js';
import { KEYS, load, save } from '../lib/store.js';
import { timeAgo, absTime, shortHash, fmtNum } from '../lib/format.js';
import { nodeIndex } from '../lib/nodeindex.js';
import { PAYLOAD_TYPES, payloadName } from '../logic/payload.js';
import { pathHops, resolveHops } from '../logic/hops.js';
import { hashColor } from '../logic/hashcolor.js';
import { formatClause, appendClause } from '../logic/filter.js';
import { resolveField } from '../logic/filter-fields.js';
import { createTable } from '../components/table.js';
import { createFilterInput } from '../components/filter-input.js';
import { typeBadge, hopChips } from '../components/badges.js';
import { renderPacketDetail, summaryText } from '../components/packet-detail.js';

const WINDOWS = [['0', 'All time'], ['15', 'Last 15 min'], ['30', 'Last 30 min'], ['60', 'Last 1 h'], ['180', 'Last 3 h'],
  ['360', 'Last 6 h'], ['720', 'Last 12 h'], ['1440', 'Last 24 h']];
const DEFAULTS = { timeWindow: '0', group: '1', sort: 'time' };
const MAX_ROWS = 5000;
const CELL_FIELD = { type: 'type', hash: 'hash', size: 'size', observer: 'observer', hops: 'hops', rpt: 'observations', region: 'observer_iata' };

let active = null;

/** update handles in-page navigation between #/packets and #/packets/<hash>. */
export function update(ctx) {
  if (!active) return false;
  active.select(ctx.params[0] || null, ctx.query.obs || null);
  return true;
}

/** mount renders the packets page. */
export function mount(el, ctx) {
  const q = { ...DEFAULTS, ...ctx.query };
  q.group = ctx.query.group ?? (load(KEYS.packetsGroup, true) ? '1' : '0');
  const ctrl = new AbortController();
  const state = { rows: [], shown: 0, paused: false, buffer: [], selected: null, selectedObs: null, nodes: null,
    hexOnly: Boolean(load(KEYS.hexPaths, false)), colorByHash: load(KEYS.colorByHash, true) !== false, raf: 0 };
  const countEl = h('span', { class: 'muted', id: 'pktCount', role: 'status' });
  const pauseBtn = h('button', { type: 'button', id: 'pktPause', 'aria-pressed': 'false' }, 'Pause');
  const refreshBtn = h('button', { type: 'button' }, 'Refresh');
  const head = h('div', { class: 'page-head' }, h('h1', null, 'Latest Packets'), countEl, refreshBtn, pauseBtn,
    h('a', { class: 'btn', href: '#/tools', title: 'Bring your own packet: decode pasted hex' }, 'Decode hex'));

  const fWindow = h('select', { id: 'fTimeWindow', 'aria-label': 'Time window' }, WINDOWS.map(([v, l]) => h('option', { value: v, selected: v === q.timeWindow }, l)));
  const fType = h('select', { id: 'fType', 'aria-label': 'Payload type' }, h('option', { value: '' }, 'All types'),
    Object.entries(PAYLOAD_TYPES).map(([id, name]) => h('option', { value: id, selected: String(q.type) === id }, name)));
  const fObserver = h('select', { id: 'fObserver', 'aria-label': 'Observer' }, h('option', { value: '' }, 'All observers'));
  const fHash = h('input', { id: 'fHash', type: 'search', placeholder: 'Hash', value: q.hash || '', 'aria-label': 'Packet hash', size: 12 });
  const fNode = h('input', { id: 'fNode', type: 'search', placeholder: 'Node name or key', value: q.node || '', 'aria-label': 'Node', size: 16, list: 'fNodeList' });
  const fNodeList = h('datalist', { id: 'fNodeList' });
  let nodeTimer = null;
  fNode.addEventListener('input', () => {
    clearTimeout(nodeTimer);
    nodeTimer = setTimeout(async () => {
      const term = fNode.value.trim();
      if (term.length < 2) return;
      try {
        const r = await getJSON('/nodes/search', { q: term }, { signal: ctrl.signal, quiet: true });
        replace(fNodeList, (r.nodes || []).map((n) => h('option', { value: n.public_key }, n.name || n.public_key)));
      } catch { /* suggestions are optional */ }
    }, 200);
  });
  const fGroup = h('button', { id: 'fGroup', type: 'button', 'aria-pressed': q.group === '1' ? 'true' : 'false' }, 'Group by hash');
  const fHex = h('button', { type: 'button', 'aria-pressed': String(state.hexOnly) }, 'Hex paths');
  const clearBtn = h('button', { type: 'button' }, 'Clear filters');
  const filter = createFilterInput({ value: q.filter || '', onChange: () => { syncUrl(); render(); } });
  const narrow = window.matchMedia('(max-width: 640px)').matches;
  const filters = h('details', { class: 'pkt-filter-details', open: !narrow }, h('summary', null, 'Filters'),
    h('div', { class: 'toolbar pkt-filters' }, fWindow, fType, fObserver, fHash, fNode, fNodeList, fGroup, fHex, clearBtn));

  const columns = [
    { key: 'region', label: 'Region', hideSm: true, render: (r) => (r.observer_iata ? h('span', { class: 'badge' }, r.observer_iata) : ''), sort: (r) => r.observer_iata },
    { key: 'time', label: 'Time', sort: (r) => r.latest || r.timestamp || r.first_seen, defaultAsc: false,
      render: (r) => h('time', { title: absTime(r.latest || r.timestamp), datetime: r.latest || r.timestamp }, timeAgo(r.latest || r.timestamp)) },
    { key: 'hash', label: 'Hash', class: 'mono', render: (r) => shortHash(r.hash) },
    { key: 'size', label: 'Size', class: 'num', hideSm: true, sort: (r) => (r.raw_hex ? r.raw_hex.length / 2 : null), render: (r) => (r.raw_hex ? String(r.raw_hex.length / 2) : '') },
    { key: 'type', label: 'Type', sort: (r) => payloadName(r.payload_type), render: (r) => typeBadge(r.payload_type, r.route_type) },
    { key: 'observer', label: 'Observer', hideSm: true, sort: (r) => r.observer_name, render: (r) => [r.observer_name || r.observer_id || '',
      (r.observer_count || 0) > 1 ? h('span', { class: 'muted' }, ` +${r.observer_count - 1}`) : null] },
    { key: 'hops', label: 'Path', sort: (r) => pathHops(r).length, render: (r) => hopChips(resolveHops(pathHops(r), r.resolved_path, state.nodes?.prefix, state.nodes?.byKey), { hexOnly: state.hexOnly, max: narrow ? 2 : 5 }) },
    { key: 'rpt', label: 'Rpt', class: 'num', sort: (r) => r.observation_count ?? r.count, render: (r) => h('span', { class: 'badge' }, String(r.observation_count ?? r.count ?? 1)) },
    { key: 'details', label: 'Details', nosort: true, hideSm: true, render: (r) => h('span', { class: 'pkt-details' }, summaryText(r)) },
  ];
  const sort = parseSort(q.sort, { col: 'time', asc: false });
  const table = createTable({
    columns, sort, id: 'pktTable', bodyId: 'pktBody', caption: 'Packets', limit: 1000,
    rowKey: (r) => (q.group === '1' ? r.hash : `${r.hash}:${r.id}`),
    rowStyle: (r) => (state.colorByHash ? { boxShadow: `inset 4px 0 0 ${hashColor(r.hash, document.documentElement.dataset.theme === 'dark')}` } : {}),
    onSort: (s) => { q.sort = formatSort(s); syncUrl(); },
    onRowClick: (r) => { location.hash = buildHash(['packets', r.hash], currentQuery()); },
  });
  table.tbody.addEventListener('contextmenu', (e) => {
    const td = e.target.closest('td[data-col]');
    const tr = e.target.closest('tr[data-key]');
    if (!td || !tr || !CELL_FIELD[td.dataset.col]) return;
    const row = state.rows.find((r) => (q.group === '1' ? r.hash : `${r.hash}:${r.id}`) === tr.dataset.key);
    const field = CELL_FIELD[td.dataset.col];
    const v = row ? resolveField(row, field) : null;
    if (v === null || v === undefined) return;
    e.preventDefault();
    filter.setText(appendClause(filter.getText(), formatClause(field, v)));
  });
  const detail = h('aside', { id: 'pktRight', class: 'pkt-detail hidden', 'aria-label': 'Packet detail' });
  const split = h('div', { class: 'pkt-split' }, h('div', { class: 'pkt-left', id: 'pktLeft' }, table.el), detail);
  replace(el, h('section', { class: 'page packets-page' }, head, filter.el, filters, split));

  function currentQuery() {
    return { timeWindow: fWindow.value, type: fType.value, observer: fObserver.value, hash: fHash.value.trim(),
      node: fNode.value.trim(), group: fGroup.getAttribute('aria-pressed') === 'true' ? '1' : '0', filter: filter.getText(), sort: q.sort };
  }
  function syncUrl() {
    const path = state.selected ? ['packets', state.selected] : ['packets'];
    const qq = { ...currentQuery(), obs: state.selectedObs };
    history.replaceState(null, '', buildHash(path, qq, DEFAULTS));
  }
  function visibleRows() {
    const c = filter.compiled();
    const now = Date.now();
    return state.rows.filter((r) => c.match(r, now));
  }
  function render() {
    const rows = visibleRows();
    table.setRows(rows);
    if (!rows.length) {
      table.tbody.append(h('tr', null, h('td', { colspan: columns.length, class: 'empty' },
        state.rows.length ? 'No packets match the filter expression.' : 'No packets in this time window. Try "All time" or clear the filters.')));
    }
    table.setSelected(state.selected ? (q.group === '1' ? state.selected : null) : null);
    countEl.textContent = `Showing ${fmtNum(rows.length)} of ${fmtNum(state.rows.length)} packets`;
    el.querySelector('.packets-page').dataset.loaded = 'true';
  }
  async function fetchPackets() {
    const cur = currentQuery();
    q.group = cur.group;
    const params = { limit: 1000, type: cur.type, observer: cur.observer, hash: cur.hash, node: cur.node };
    if (cur.group === '1') params.groupByHash = 'true';
    if (cur.timeWindow !== '0') params.since = new Date(Date.now() - Number(cur.timeWindow) * 60000).toISOString();
    countEl.textContent = 'Loading…';
    try {
      const r = await getJSON('/packets', params, { signal: ctrl.signal });
      state.rows = r.packets || [];
      render();
    } catch (e) { if (!isAbort(e)) countEl.textContent = `Failed to load packets: ${e.message}`; }
  }
  async function loadObservers() {
    try {
      const r = await getJSON('/observers', null, { signal: ctrl.signal, quiet: true });
      for (const o of (r.observers || []).slice().sort((a, b) => String(a.name).localeCompare(String(b.name)))) {
        fObserver.append(h('option', { value: o.id, selected: o.id === q.observer }, `${o.name || o.id}${o.iata ? ` (${o.iata})` : ''}`));
      }
    } catch { /* the select just stays unfiltered */ }
  }
  async function select(hash, obsId) {
    state.selected = hash;
    state.selectedObs = obsId;
    table.setSelected(hash && q.group === '1' ? hash : null);
    if (!hash) { detail.classList.add('hidden'); split.classList.remove('has-detail'); clear(detail); return; }
    detail.classList.remove('hidden');
    split.classList.add('has-detail');
    replace(detail, h('p', { class: 'muted' }, 'Loading packet…'));
    try {
      const resp = await getJSON(`/packets/${encodeURIComponent(hash)}`, null, { signal: ctrl.signal, quiet: true });
      if (state.selected !== hash) return;
      const body = h('div', { id: 'pktDetailBody' });
      const close = h('button', { type: 'button', class: 'detail-close', 'aria-label': 'Close detail', onclick: closeDetail }, '✕');
      replace(detail, close, body);
      renderPacketDetail(body, resp, { obsId, nodes: state.nodes, hexOnly: state.hexOnly,
        onSelectObs: (id) => { location.hash = buildHash(['packets', hash], { ...currentQuery(), obs: id }, DEFAULTS); } });
      detail.dataset.loaded = 'true';
    } catch (e) {
      if (isAbort(e)) return;
      replace(detail, h('button', { type: 'button', class: 'detail-close', 'aria-label': 'Close detail', onclick: closeDetail }, '✕'),
        h('h2', null, 'Packet not found'), h('p', { class: 'muted' }, `No packet with hash ${hash}: ${e.message}`));
    }
  }
  function closeDetail() { location.hash = buildHash(['packets'], currentQuery(), DEFAULTS); }
  function accepts(p) {
    const cur = currentQuery();
    if (cur.type && String(p.payload_type) !== cur.type) return false;
    if (cur.observer && p.observer_id !== cur.observer) return false;
    if (cur.hash && String(p.hash).toLowerCase() !== cur.hash.toLowerCase()) return false;
    return !cur.node;
  }
  function merge(list) {
    for (const p of list) {
      if (!p || !p.hash || !accepts(p)) continue;
      if (q.group === '1') {
        const g = state.rows.find((r) => r.hash === p.hash);
        if (g) {
          g.count = (g.count || 1) + 1;
          g.observation_count = Math.max(g.observation_count || 1, p.observation_count || 0, g.count);
          g.latest = p.timestamp || g.latest;
          state.rows.splice(state.rows.indexOf(g), 1);
          state.rows.unshift(g);
        } else {
          state.rows.unshift({ ...p, count: 1, observer_count: 1, latest: p.timestamp || p.first_seen, observation_count: p.observation_count || 1 });
        }
      } else {
        state.rows.unshift({ ...p });
      }
    }
    if (state.rows.length > MAX_ROWS) state.rows.length = MAX_ROWS;
  }
  const unsub = subscribe('packet', (data) => {
    const p = data && (data.packet ? { ...data.packet, ...data, packet: undefined, decoded: undefined } : data);
    if (state.paused) {
      state.buffer.push(p);
      if (state.buffer.length > 2000) state.buffer.shift();
      pauseBtn.textContent = `Resume (${state.buffer.length})`;
      return;
    }
    merge([p]);
    if (!state.raf) state.raf = requestAnimationFrame(() => { state.raf = 0; render(); });
  });
  pauseBtn.addEventListener('click', () => {
    state.paused = !state.paused;
    pauseBtn.setAttribute('aria-pressed', String(state.paused));
    if (!state.paused) { merge(state.buffer.reverse()); state.buffer = []; render(); }
    pauseBtn.textContent = state.paused ? 'Resume (0)' : 'Pause';
  });
  refreshBtn.addEventListener('click', fetchPackets);
  for (const c of [fWindow, fType, fObserver]) c.addEventListener('change', () => { syncUrl(); fetchPackets(); });
  for (const c of [fHash, fNode]) c.addEventListener('change', () => { syncUrl(); fetchPackets(); });
  fGroup.addEventListener('click', () => {
    const on = fGroup.getAttribute('aria-pressed') !== 'true';
    fGroup.setAttribute('aria-pressed', String(on));
    save(KEYS.packetsGroup, on);
    syncUrl();
    fetchPackets();
  });
  fHex.addEventListener('click', () => {
    state.hexOnly = !state.hexOnly;
    fHex.setAttribute('aria-pressed', String(state.hexOnly));
    save(KEYS.hexPaths, state.hexOnly);
    render();
  });
  clearBtn.addEventListener('click', () => {
    fWindow.value = '0'; fType.value = ''; fObserver.value = ''; fHash.value = ''; fNode.value = '';
    filter.setText('');
    syncUrl();
    fetchPackets();
  });
  const onKey = (e) => { if (e.key === 'Escape' && state.selected && !document.querySelector('.search-overlay')) closeDetail(); };
  document.addEventListener('keydown', onKey);
  active = { select };
  nodeIndex().then((n) => { state.nodes = n; if (state.rows.length) render(); }).catch(() => {});
  loadObservers();
  fetchPackets();
  if (ctx.params[0]) select(ctx.params[0], ctx.query.obs || null);
  return () => {
    active = null;
    ctrl.abort();
    unsub();
    cancelAnimationFrame(state.raf);
    document.removeEventListener('keydown', onKey);
    clearTimeout(nodeTimer);
  };
}

