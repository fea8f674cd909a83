// Packets page (#/packets, #/packets/<hash>?obs=, #/packets/<pubkey>): live feed with grouping, filters, the filter
// language, a virtual-scrolling table and the packet detail pane. Every filter is kept in the URL.
import { h, replace, clear } from '../lib/dom.js';
import { getJSON, postJSON, isAbort } from '../lib/api.js';
import { KEYS, load, save, myNodes, favorites } from '../lib/store.js';
import { fmtNum } from '../lib/format.js';
import { parseSort, formatSort } from '../lib/url.js';
import { nodeIndex } from '../components/nodeindex.js';
import { hashColor } from '../logic/hashcolor.js';
import { formatClause, appendClause } from '../logic/filter.js';
import { parsePacketsQuery, packetsQuery, packetsHash, serverParams } from '../logic/packets-url.js';
import { MAX_ROWS, sortPackets, displayItems, mergeLive, mineMatcher, liveAccepts, flattenObservations, observationFilter } from '../logic/packet-rows.js';
import { createVTable } from '../components/vtable.js';
import { createFilterInput } from '../components/filter-input.js';
import { payloadKeys } from '../logic/filter-suggest.js';
import { openDecodeDialog } from '../components/decode.js';
import { packetColumns, NARROW_HIDDEN, CELL_FIELD } from './packets/columns.js';
import { createPacketFilters } from './packets/filters.js';
import { createDetailPane } from './packets/detail.js';
import { createLiveControl } from './packets/live.js';
import { mountGettingStarted } from '../components/getting-started.js';

const PAGE = 10000;
let active = null;

/** update handles in-page navigation (selecting a packet or observation) without a remount. */
export function update(ctx) {
  return active ? active.update(ctx) : false;
}

/** mount renders the packets page. */
export function mount(el, ctx) {
  const narrow = window.matchMedia('(max-width: 640px)').matches;
  const st = parsePacketsQuery(ctx.query, load(KEYS.packetsGroup, true));
  if (!ctx.query.sort) st.sort = parseSort(load(KEYS.packetsSort, '') || 'time', st.sort);
  let selected = null;
  let selectedObs = null;
  if (/^[0-9a-f]{64}$/i.test(ctx.params[0] || '')) st.node = ctx.params[0].toLowerCase();
  else if (ctx.params[0]) { selected = ctx.params[0].toLowerCase(); selectedObs = st.obs; }
  const ctrl = new AbortController();
  const S = { rows: [], total: 0, loaded: false, seq: 0, nodes: null, obsSort: load(KEYS.packetsObsSort, 'time'), absTime: load(KEYS.timeMode, 'ago') === 'absolute',
    hexOnly: Boolean(load(KEYS.hexPaths, false)), colorByHash: load(KEYS.colorByHash, true) !== false,
    expanded: new Set(), children: new Map(), observerIata: new Map() };
  const mineKeys = () => [...myNodes().map((n) => n.pubkey), ...favorites()];
  let mine = mineMatcher(mineKeys());

  const countEl = h('span', { class: 'pkt-count', id: 'pktCount' }, 'Loading…');
  // Screen readers hear the count when the user filters, not on every live packet.
  const announcer = h('span', { class: 'sr-only', role: 'status', id: 'pktAnnounce' });
  const announce = () => { announcer.textContent = countEl.textContent; };
  const live = createLiveControl({
    accept: (p) => {
      if (!S.loaded) return false;
      if (st.mine) mine = mineMatcher(mineKeys());
      return liveAccepts(st, p, { observerIata: S.observerIata, mine });
    },
    onRows: (rows) => { mergeLive(S.rows, rows, { group: st.group, children: S.children }); liveRender(); },
    onReconnect: () => { if (S.loaded) fetchRows(); },
  });
  const refreshBtn = h('button', { type: 'button', id: 'pktRefresh' }, 'Refresh');
  const byopBtn = h('button', { type: 'button', id: 'byopBtn', title: 'Bring your own packet: decode pasted hex' }, 'BYOP');
  let dynFields = null;
  const filter = createFilterInput({ value: st.filter, onChange: (c, text) => { st.filter = text; syncUrl(); render(); announce(); },
    fields: () => { if (!dynFields) dynFields = payloadKeys(S.rows); return dynFields; } });
  const columns = packetColumns({ nodes: () => S.nodes, hexOnly: () => S.hexOnly, absolute: () => S.absTime, narrow });
  const storedHidden = load(KEYS.packetsCols, null);
  const hidden = new Set(Array.isArray(storedHidden) ? storedHidden : narrow ? NARROW_HIDDEN : []);
  const table = createVTable({ id: 'pktTable', bodyId: 'pktBody', caption: 'Packets, newest first', columns, rowHeight: 34,
    sort: st.sort, widthsKey: KEYS.packetsWidths, hidden,
    onSort: (s) => { st.sort = s; save(KEYS.packetsSort, formatSort(s)); syncUrl(); render(); },
    onActivate: (it, e) => activate(it, e),
    onContext: (it, col) => addClause(it, col),
    rowClass: (it) => [it.kind === 'child' ? 'child-row' : '', it.row._live && Date.now() - it.row._live < 3000 ? 'row-new' : ''].join(' '),
    rowStyle: (it) => (S.colorByHash && it.row.hash ? { '--stripe': hashColor(it.row.hash, document.documentElement.dataset.theme === 'dark') } : {}),
  });
  const filters = createPacketFilters(st, {
    signal: ctrl.signal, columns, hidden,
    toggles: { hexOnly: { get: () => S.hexOnly, set: (v) => { S.hexOnly = v; save(KEYS.hexPaths, v); } },
      colorByHash: { get: () => S.colorByHash, set: (v) => { S.colorByHash = v; save(KEYS.colorByHash, v); } },
      absTime: { get: () => S.absTime, set: (v) => { S.absTime = v; save(KEYS.timeMode, v ? 'absolute' : 'ago'); } } },
    obsSort: { get: () => S.obsSort, set: (v) => { S.obsSort = v; save(KEYS.packetsObsSort, v); } },
    onChange: (kind) => { if (kind === 'server') { save(KEYS.packetsGroup, st.group); fetchRows(); } syncUrl(); render(); },
    onClear: () => {
      Object.assign(st, parsePacketsQuery({ region: st.regionDefault ? 'all' : undefined }, st.group, st.regionDefault));
      filter.setText('');
      filters.sync();
      fetchRows();
      syncUrl();
    },
    onColumns: (set) => { save(KEYS.packetsCols, [...set]); table.setHidden(set); },
  });
  const detail = createDetailPane({ signal: ctrl.signal, nodes: () => S.nodes, hexOnly: () => S.hexOnly, onClose: () => go(null),
    onSelectObs: (hash, obs) => go(hash, obs),
    onCanonical: (hash, obs) => { selected = hash; selectedObs = obs; syncUrl(); render(); } });
  const legend = h('p', { class: 'muted path-legend' }, 'Path: hop names resolved from prefixes · ',
    h('span', { class: 'hop-chip hop-ambiguous' }, 'AB?'), ' ambiguous prefix · ', h('span', { class: 'hop-chip hop-unknown' }, 'CD'), ' unknown · right-click a cell to filter by it');
  const firstRun = h('div', { class: 'gs-slot' });
  const page = h('section', { class: 'page packets-page', 'aria-labelledby': 'pktHeading' },
    h('div', { class: 'page-head' }, h('h1', { id: 'pktHeading' }, 'Latest Packets'), countEl, announcer, live.stateEl, refreshBtn, live.pauseBtn, byopBtn),
    firstRun, filter.el, filters.el,
    h('div', { class: 'pkt-split' }, h('div', { class: 'pkt-left' }, legend, table.el), detail.el));
  replace(el, page);
  mountGettingStarted(firstRun, { signal: ctrl.signal, onChange: (shown) => { S.fresh = shown; render(); } });
  table.setEmpty('Loading packets…');

  function syncUrl() {
    filters.sync();
    history.replaceState(null, '', packetsHash(st, selected, selectedObs));
  }
  function go(hash, obs = null) {
    const next = packetsHash(st, hash, obs);
    if (location.hash !== next) location.hash = next;
  }
  function visible() {
    const c = filter.compiled();
    const now = Date.now();
    return st.hash ? S.rows : S.rows.filter((r) => c.match(r, now));
  }
  // Live bursts re-render at most every 250 ms: sorting and filtering 50k rows per packet would stall the page.
  let lastLive = 0;
  let liveTimer = 0;
  function liveRender() {
    if (liveTimer) return;
    const wait = Math.max(0, 250 - (Date.now() - lastLive));
    liveTimer = setTimeout(() => { liveTimer = 0; lastLive = Date.now(); render(); }, wait);
  }
  function render() {
    if (!S.loaded) return;
    const rows = visible();
    const items = displayItems(sortPackets(rows, st.sort), { group: st.group, expanded: S.expanded, children: S.children, obsSort: S.obsSort });
    table.setEmpty(S.rows.length ? 'No packets match the filter expression.'
      : S.fresh ? 'No packets stored yet: see “Waiting for the first packet” above.'
      : st.mine && !mineKeys().length ? 'No claimed or favourite nodes yet: claim your node on the Home page.'
        : 'No packets for these filters. Try a longer time window or Clear all.');
    table.setItems(items);
    table.setSelected(selected ? (selectedObs && (!st.group || S.expanded.has(selected)) ? `${selected}:${selectedObs}` : selected) : null);
    const unit = st.group ? 'packets' : 'observations';
    const more = S.total > S.fetched ? ` · ${fmtNum(S.total)} packets on server` : '';
    const pinned = st.hash && st.filter ? ' · expression ignored while a hash is pinned' : '';
    countEl.textContent = `Showing ${fmtNum(rows.length)} of ${fmtNum(S.rows.length)} ${unit}${more}${pinned}`;
    page.dataset.loaded = 'true';
  }
  // config defaultRegion narrows a link that names no region; it arrives after the first fetch.
  async function applyDefaultRegion() {
    if (ctx.query.region !== undefined) return;
    const cfg = await getJSON('/config/client', null, { signal: ctrl.signal, quiet: true }).catch(() => ({}));
    const def = String(cfg?.defaultRegion || '').toUpperCase();
    if (!def || ctrl.signal.aborted || st.regions.length) return;
    Object.assign(st, { regionDefault: def, regions: [def] });
    filters.sync();
    fetchRows();
    syncUrl();
  }
  async function fetchRows() {
    const seq = ++S.seq;
    countEl.textContent = 'Loading…';
    try {
      let rows = [];
      let total = 0;
      // Ungrouped: the server sends each transmission with its observations, listed one row per observation.
      const flat = (txs) => (st.group ? txs : flattenObservations(txs, observationFilter(st, S.observerIata)));
      let fetched = 0;
      if (st.mine) {
        const keys = mineKeys();
        mine = mineMatcher(keys);
        if (keys.length) {
          const p = serverParams(st);
          const r = await getJSON('/packets', { nodes: keys.join(','), since: p.since, limit: PAGE, expand: p.expand }, { signal: ctrl.signal });
          rows = flat(r.packets || []).filter((x) => liveAccepts({ ...st, mine: false }, x, { observerIata: S.observerIata }));
          if (st.group) rows = rows.map((x) => ({ ...x, count: x.observation_count, latest: x.timestamp }));
          total = fetched = (r.packets || []).length;
        }
      } else {
        for (let offset = 0; offset < MAX_ROWS; offset += PAGE) {
          const r = await getJSON('/packets', { ...serverParams(st), limit: PAGE, offset }, { signal: ctrl.signal });
          const page = r.packets || [];
          rows.push(...flat(page));
          fetched += page.length;
          total = r.total ?? fetched;
          if (page.length < PAGE || fetched >= total || rows.length >= MAX_ROWS) break;
        }
      }
      if (rows.length > MAX_ROWS) rows.length = MAX_ROWS;
      if (seq !== S.seq) return;
      S.rows = rows;
      dynFields = null;
      S.fetched = fetched;
      S.total = Math.max(total, fetched);
      S.expanded.clear();
      S.children.clear();
      S.loaded = true;
      if (selected && st.group) await expand(selected, true);
      render();
      announce();
      if (selected) table.scrollToKey(!st.group && selectedObs ? `${selected}:${selectedObs}` : selected);
    } catch (e) {
      if (!isAbort(e) && seq === S.seq) countEl.textContent = `Failed to load packets: ${e.message}`;
    }
  }
  async function expand(hash, open) {
    if (!open) { S.expanded.delete(hash); render(); return; }
    const row = S.rows.find((r) => r.hash === hash);
    if (!row || (row.observation_count ?? row.count ?? 1) < 2) return;
    S.expanded.add(hash);
    if (!S.children.has(hash)) {
      try {
        const r = await postJSON('/packets/observations', { hashes: [hash] }, { signal: ctrl.signal, quiet: true });
        S.children.set(hash, (r.results && r.results[hash]) || []);
      } catch (e) { if (!isAbort(e)) S.expanded.delete(hash); }
    }
    render();
  }
  function activate(it, e) {
    if (e.target.closest && e.target.closest('.caret')) { expand(it.row.hash, !S.expanded.has(it.row.hash)); return; }
    if (it.kind === 'child') go(it.parent, it.row.id);
    else if (it.kind === 'flat' && it.row.obs_id !== undefined) go(it.row.hash, String(it.row.obs_id));
    else go(it.row.hash);
  }
  function addClause(it, col) {
    const spec = CELL_FIELD[col];
    if (!spec) return false;
    const v = spec[1](it.row);
    if (v === null || v === undefined || v === '') return false;
    filter.setText(appendClause(filter.getText(), formatClause(spec[0], v)));
    return true;
  }
  refreshBtn.addEventListener('click', fetchRows);
  byopBtn.addEventListener('click', () => openDecodeDialog());
  const onKey = (e) => {
    if (e.key !== 'Escape' || !selected || document.querySelector('.search-overlay, .modal-overlay')) return;
    if (e.target.closest && e.target.closest('input, textarea, details[open]')) return;
    go(null);
  };
  document.addEventListener('keydown', onKey);
  active = {
    update(c) {
      const next = parsePacketsQuery(c.query, st.group, st.regionDefault);
      if (JSON.stringify(packetsQuery({ ...next, obs: null })) !== JSON.stringify(packetsQuery(st))) return false;
      const hsh = c.params[0] && !/^[0-9a-f]{64}$/i.test(c.params[0]) ? c.params[0].toLowerCase() : null;
      selected = hsh;
      selectedObs = hsh ? next.obs : null;
      detail.show(selected, selectedObs);
      if (selected && st.group && selectedObs) expand(selected, true); else render();
      return true;
    },
  };
  (async () => {
    try {
      const [obs, regions, chans] = await Promise.all([
        getJSON('/observers', null, { signal: ctrl.signal, quiet: true }).catch(() => ({ observers: [] })),
        getJSON('/config/regions', null, { signal: ctrl.signal, quiet: true }).catch(() => ({})),
        getJSON('/channels', { includeEncrypted: 'true' }, { signal: ctrl.signal, quiet: true }).catch(() => ({ channels: [] })),
      ]);
      for (const o of obs.observers || []) if (o.iata) S.observerIata.set(o.id, o.iata);
      filters.setObservers(obs.observers || []);
      filters.setRegions(regions && typeof regions === 'object' ? regions : {});
      filters.setChannels(chans.channels || []);
    } catch { /* filters stay usable without option lists */ }
  })();
  nodeIndex().then((n) => { S.nodes = n; render(); detail.refresh(); }).catch(() => {});
  fetchRows();
  applyDefaultRegion();
  if (selected) detail.show(selected, selectedObs);
  syncUrl();
  return () => {
    active = null;
    ctrl.abort();
    live.destroy();
    clearTimeout(liveTimer);
    document.removeEventListener('keydown', onKey);
    table.destroy();
    filters.destroy();
    clear(el);
  };
}
