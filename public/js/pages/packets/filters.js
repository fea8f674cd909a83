// Packets filter bar: time window, type/observer/region multi-selects, channel, node, hash, toggles, columns.
import { h, replace } from '../../lib/dom.js';
import { getJSON } from '../../lib/api.js';
import { PAYLOAD_TYPES } from '../../logic/payload.js';
import { TIME_WINDOWS, activeFilterCount } from '../../logic/packets-url.js';
import { OBS_SORTS } from '../../logic/packet-rows.js';
import { createMultiSelect } from '../../components/multiselect.js';

/**
 * createPacketFilters builds the bar over page state st (mutated in place). onChange(kind) fires with
 * 'server' (refetch needed) or 'view' (re-render only). columns: [{key,label}] for the column menu with
 * hidden: Set and onColumns(set). Returns {el, setObservers, setRegions, setChannels, sync, destroy}.
 */
export function createPacketFilters(st, { onChange, onClear, columns, hidden, onColumns, toggles, obsSort, signal }) {
  const fWindow = h('select', { id: 'fTimeWindow', 'aria-label': 'Time window' },
    TIME_WINDOWS.map(([v, l]) => h('option', { value: v, selected: v === st.timeWindow }, l)));
  fWindow.addEventListener('change', () => { st.timeWindow = fWindow.value; onChange('server'); });
  const fType = createMultiSelect({ id: 'fType', label: 'Type', values: st.types,
    options: Object.entries(PAYLOAD_TYPES).map(([value, label]) => ({ value, label })),
    onChange: (v) => { st.types = v; onChange('server'); } });
  const fObserver = createMultiSelect({ id: 'fObserver', label: 'Observer', values: st.observers,
    onChange: (v) => { st.observers = v; onChange('server'); } });
  const fRegion = createMultiSelect({ id: 'fRegion', label: 'Region', values: st.regions,
    onChange: (v) => { st.regions = v; onChange('server'); } });
  const fChannel = h('select', { id: 'fChannel', 'aria-label': 'Channel' }, h('option', { value: '' }, 'All channels'));
  fChannel.addEventListener('change', () => { st.channel = fChannel.value; onChange('server'); });
  const fHash = h('input', { id: 'fHash', type: 'search', placeholder: 'Packet hash', value: st.hash, 'aria-label': 'Packet hash', size: 14, spellcheck: 'false' });
  fHash.addEventListener('change', () => { st.hash = fHash.value.trim().toLowerCase(); onChange('server'); });
  const fNode = h('input', { id: 'fNode', type: 'search', placeholder: 'Node name or key', value: st.node, 'aria-label': 'Node', size: 16, list: 'fNodeList', autocomplete: 'off' });
  const fNodeList = h('datalist', { id: 'fNodeList' });
  let nodeTimer = null;
  fNode.addEventListener('input', () => {
    clearTimeout(nodeTimer);
    nodeTimer = setTimeout(async () => {
      const term = fNode.value.trim();
      if (term.length < 2) return;
      try {
        const r = await getJSON('/nodes/search', { q: term }, { signal, quiet: true });
        replace(fNodeList, (r.nodes || []).map((n) => h('option', { value: n.public_key }, n.name || n.public_key)));
      } catch { /* suggestions are optional */ }
    }, 200);
  });
  fNode.addEventListener('change', () => { st.node = fNode.value.trim(); onChange('server'); });
  const toggle = (id, label, get, set, kind, title) => {
    const b = h('button', { id, type: 'button', 'aria-pressed': String(get()), title }, label);
    b.addEventListener('click', () => { set(!get()); b.setAttribute('aria-pressed', String(get())); onChange(kind); });
    return b;
  };
  const fGroup = toggle('fGroup', 'Group by hash', () => st.group, (v) => { st.group = v; }, 'server', 'One row per transmission; expand to see each observation');
  const fMine = toggle('fMine', '★ My Nodes', () => st.mine, (v) => { st.mine = v; }, 'server', 'Only packets from or through your claimed and favourite nodes');
  const fHex = toggle('fHex', 'Hex paths', toggles.hexOnly.get, toggles.hexOnly.set, 'view', 'Show raw hop prefixes instead of names');
  const fHashColor = toggle('fHashColor', 'Colour by hash', toggles.colorByHash.get, toggles.colorByHash.set, 'view', 'A colour stripe per transmission hash, so repeats of one packet stand out');
  const fAbs = toggle('fAbsTime', 'Absolute time', toggles.absTime.get, toggles.absTime.set, 'view', 'Show date and time instead of "5m ago"');
  const fObsSort = h('select', { id: 'fObsSort', 'aria-label': 'Order of observations in an expanded group', title: 'Order of observations in an expanded group' },
    OBS_SORTS.map(([v, l]) => h('option', { value: v, selected: v === obsSort.get() }, `Obs: ${l}`)));
  fObsSort.addEventListener('change', () => { obsSort.set(fObsSort.value); onChange('view'); });
  const colList = h('div', { class: 'ms-list', role: 'group', 'aria-label': 'Visible columns' },
    columns.filter((c) => c.label).map((c) => h('label', { class: 'ms-item' },
      h('input', { type: 'checkbox', checked: !hidden.has(c.key), dataset: { col: c.key }, onchange: (e) => {
        if (e.target.checked) hidden.delete(c.key); else hidden.add(c.key);
        onColumns(hidden);
      } }), h('span', null, c.label))));
  const colMenu = h('details', { class: 'ms', id: 'fColumns' }, h('summary', { class: 'btn' }, 'Columns'), colList);
  const clearBtn = h('button', { type: 'button', id: 'fClear', class: 'link-btn' }, 'Clear all');
  clearBtn.addEventListener('click', onClear);
  const badge = h('span', { class: 'badge filter-count' });
  const bar = h('div', { class: 'toolbar pkt-filters' }, fWindow, fType.el, fObserver.el, fRegion.el, fChannel, fNode, fNodeList, fHash,
    fGroup, fObsSort, fMine, fHex, fHashColor, fAbs, colMenu, clearBtn);
  const el = h('details', { class: 'pkt-filter-details', open: !window.matchMedia('(max-width: 640px)').matches },
    h('summary', null, 'Filters ', badge), bar);
  const sync = () => {
    fWindow.value = st.timeWindow;
    fType.setValues(st.types); fObserver.setValues(st.observers); fRegion.setValues(st.regions);
    fChannel.value = st.channel; fHash.value = st.hash; fNode.value = st.node;
    fGroup.setAttribute('aria-pressed', String(st.group)); fMine.setAttribute('aria-pressed', String(st.mine));
    fObsSort.classList.toggle('hidden', !st.group);
    const n = activeFilterCount(st);
    badge.textContent = n ? String(n) : '';
    clearBtn.classList.toggle('hidden', n === 0);
  };
  sync();
  return {
    el,
    setObservers(list) {
      fObserver.setOptions(list.slice().sort((a, b) => String(a.name || a.id).localeCompare(String(b.name || b.id)))
        .map((o) => ({ value: o.id, label: `${o.name || o.id}${o.iata ? ` (${o.iata})` : ''}` })));
    },
    setRegions(map) { fRegion.setOptions(Object.entries(map || {}).sort().map(([k, v]) => ({ value: k, label: v && v !== k ? `${k} — ${v}` : k }))); },
    setChannels(list) {
      for (const c of list) fChannel.append(h('option', { value: c.hash, selected: c.hash === st.channel }, c.name || c.hash));
      if (st.channel && !list.some((c) => c.hash === st.channel)) fChannel.append(h('option', { value: st.channel, selected: true }, st.channel));
    },
    sync,
    destroy() { clearTimeout(nodeTimer); fType.destroy(); fObserver.destroy(); fRegion.destroy(); },
  };
}
