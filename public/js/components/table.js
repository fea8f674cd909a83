// Sortable data table: headers are buttons, Enter/Space on rows activates them.
import { h, clear } from '../lib/dom.js';

function cmp(a, b) {
  const an = a === null || a === undefined || a === '';
  const bn = b === null || b === undefined || b === '';
  if (an && bn) return 0;
  if (an) return 1;
  if (bn) return -1;
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  return String(a).localeCompare(String(b), undefined, { numeric: true, sensitivity: 'base' });
}

/** sortRows returns a sorted copy of rows by column accessor; nulls always sort last. */
export function sortRows(rows, columns, sort) {
  const col = columns.find((c) => c.key === sort.col);
  if (!col) return rows.slice();
  const get = col.sort || ((r) => r[col.key]);
  const out = rows.slice().sort((x, y) => {
    const c = cmp(get(x), get(y));
    const va = get(x);
    const vb = get(y);
    const nullish = (v) => v === null || v === undefined || v === '';
    if (nullish(va) || nullish(vb)) return c;
    return sort.asc ? c : -c;
  });
  return out;
}

/**
 * createTable builds a sortable table.
 * opts: {columns:[{key,label,sort?,render?,class?}], sort:{col,asc}, onSort(sort), onRowClick(row, ev),
 *   rowKey(row), rowClass(row), id, caption, limit, pinned(row)->bool}
 * @returns {{el:HTMLElement, setRows:(rows:object[])=>void, setSelected:(key:string|null)=>void, tbody:HTMLElement}}
 */
export function createTable(opts) {
  const { columns } = opts;
  let sort = opts.sort || { col: columns[0].key, asc: true };
  let rows = [];
  let selected = null;
  const thead = h('thead');
  const tbody = h('tbody', { id: opts.bodyId || null, 'aria-live': 'polite', 'aria-relevant': 'additions' });
  const table = h('table', { class: 'data', id: opts.id || null },
    opts.caption ? h('caption', { class: 'sr-only' }, opts.caption) : null, thead, tbody);
  const more = h('div', { class: 'muted table-more' });
  const el = h('div', { class: 'table-wrap' }, table, more);

  function renderHead() {
    clear(thead);
    const tr = h('tr');
    for (const c of columns) {
      const active = sort.col === c.key;
      const aria = active ? (sort.asc ? 'ascending' : 'descending') : 'none';
      tr.append(h('th', { scope: 'col', 'aria-sort': aria, class: [c.class, c.hideSm ? 'hide-sm' : ''], dataset: { col: c.key } },
        c.nosort ? c.label : h('button', { class: 'sort', type: 'button', dataset: { col: c.key } },
          c.label, active ? (sort.asc ? ' ▲' : ' ▼') : '')));
    }
    thead.append(tr);
  }
  function renderBody() {
    clear(tbody);
    let list = sortRows(rows, columns, sort);
    if (opts.pinned) list = list.filter(opts.pinned).concat(list.filter((r) => !opts.pinned(r)));
    const limit = opts.limit || 2000;
    for (const r of list.slice(0, limit)) {
      const key = opts.rowKey ? opts.rowKey(r) : null;
      const tr = h('tr', {
        class: ['clickable', opts.rowClass ? opts.rowClass(r) : ''], tabindex: opts.onRowClick ? '0' : null,
        dataset: key !== null ? { key } : null, 'aria-selected': key !== null && key === selected ? 'true' : null,
      });
      if (opts.rowStyle) Object.assign(tr.style, opts.rowStyle(r));
      for (const c of columns) {
        const v = c.render ? c.render(r) : r[c.key];
        tr.append(h('td', { class: [c.class, c.hideSm ? 'hide-sm' : ''], dataset: { col: c.key } }, v === null || v === undefined || v === '' ? '—' : v));
      }
      tbody.append(tr);
    }
    more.textContent = list.length > limit ? `Showing first ${limit} of ${list.length} rows` : '';
  }
  thead.addEventListener('click', (e) => {
    const b = e.target.closest('button.sort');
    if (!b) return;
    const col = b.dataset.col;
    sort = sort.col === col ? { col, asc: !sort.asc } : { col, asc: columns.find((c) => c.key === col).defaultAsc ?? true };
    if (opts.onSort) opts.onSort(sort);
    renderHead();
    renderBody();
  });
  const activate = (e) => {
    const tr = e.target.closest('tr[data-key]');
    if (!tr || !opts.onRowClick || e.target.closest('a, button, input')) return;
    const r = rows.find((x) => String(opts.rowKey(x)) === tr.dataset.key);
    if (r) opts.onRowClick(r, e);
  };
  tbody.addEventListener('click', activate);
  tbody.addEventListener('keydown', (e) => { if (e.key === 'Enter' || e.key === ' ') { e.preventDefault(); activate(e); } });
  renderHead();
  return {
    el, tbody,
    setRows(r) { rows = r; renderBody(); },
    setSelected(key) {
      selected = key;
      for (const tr of tbody.querySelectorAll('tr[data-key]')) {
        if (tr.dataset.key === key) tr.setAttribute('aria-selected', 'true'); else tr.removeAttribute('aria-selected');
      }
    },
    getSort: () => sort,
  };
}
