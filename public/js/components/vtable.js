// Virtual-scrolling table: fixed-height rows, only the visible slice in the DOM, sortable and resizable
// columns (widths persisted), arrow-key row navigation, Enter/Space activation, right-click per cell.
import { h, clear } from '../lib/dom.js';
import { load, save } from '../lib/store.js';
import { visibleRange, scrollTopFor } from '../logic/vscroll.js';

/**
 * createVTable builds the table. opts: {id, bodyId, caption, columns:[{key,label,width,min?,class?,render(item),
 * sortable?:boolean, title?}], rowHeight, sort:{col,asc}, onSort(sort), onActivate(item, event),
 * onContext(item, colKey, event), rowClass(item), rowStyle(item), widthsKey, hidden:Set<colKey>}.
 * @returns {{el:HTMLElement, scroller:HTMLElement, tbody:HTMLElement, setItems(items:object[]):void,
 *   setEmpty(text:string):void, setSelected(key:string|null):void, scrollToKey(key:string):void,
 *   setHidden(set:Set<string>):void, refresh():void}}
 */
export function createVTable(opts) {
  const rh = opts.rowHeight || 34;
  const widths = { ...Object.fromEntries(opts.columns.map((c) => [c.key, c.width || 120])), ...(opts.widthsKey ? load(opts.widthsKey, {}) : {}) };
  let hidden = opts.hidden || new Set();
  let sort = opts.sort || { col: '', asc: false };
  let items = [];
  let selected = null;
  let emptyText = '';
  let raf = 0;
  let lastRange = null;
  const colgroup = h('colgroup');
  const thead = h('thead');
  const tbody = h('tbody', { id: opts.bodyId || null });
  const table = h('table', { class: 'data vt', id: opts.id || null, role: 'grid', 'aria-rowcount': '0' },
    opts.caption ? h('caption', { class: 'sr-only' }, opts.caption) : null, colgroup, thead, tbody);
  const scroller = h('div', { class: 'vt-scroll', tabindex: '0', role: 'region', 'aria-label': `${opts.caption || 'Table'}: arrow keys move between rows, Enter opens` }, table);
  const cols = () => opts.columns.filter((c) => !hidden.has(c.key));

  function renderHead() {
    clear(colgroup);
    clear(thead);
    const tr = h('tr');
    let total = 0;
    for (const c of cols()) {
      const w = Math.max(c.min || 36, Number(widths[c.key]) || c.width || 120);
      total += w;
      colgroup.append(h('col', { style: { width: `${w}px` }, dataset: { col: c.key } }));
      const active = sort.col === c.key;
      const th = h('th', { scope: 'col', 'aria-sort': active ? (sort.asc ? 'ascending' : 'descending') : 'none', dataset: { col: c.key }, title: c.title || null },
        c.sortable === false ? h('span', { class: 'vt-label' }, c.label)
          : h('button', { class: 'sort', type: 'button', dataset: { col: c.key } }, c.label, h('span', { class: 'sort-ind', 'aria-hidden': 'true' }, active ? (sort.asc ? '▲' : '▼') : '')),
        c.resizable === false ? null : h('span', { class: 'vt-resize', role: 'separator', tabindex: '0', 'aria-orientation': 'vertical',
          'aria-label': `Resize ${c.label || c.key} column`, 'aria-valuenow': String(w), 'aria-valuemin': String(c.min || 36), 'aria-valuemax': '1200', dataset: { col: c.key } }));
      tr.append(th);
    }
    table.style.minWidth = `${total}px`;
    thead.append(tr);
  }

  function rowEl(it) {
    const tr = h('tr', { class: ['vt-row', opts.rowClass ? opts.rowClass(it) : ''], tabindex: '-1', dataset: { key: it.key },
      'aria-selected': it.key === selected ? 'true' : null });
    if (opts.rowStyle) for (const [k, v] of Object.entries(opts.rowStyle(it))) { if (k.startsWith('--')) tr.style.setProperty(k, v); else tr.style[k] = v; }
    for (const c of cols()) {
      const v = c.render ? c.render(it) : it.row?.[c.key];
      tr.append(h('td', { class: c.class || null, dataset: { col: c.key } }, v === null || v === undefined || v === '' ? '' : v));
    }
    return tr;
  }

  function renderBody(force = false) {
    raf = 0;
    const headH = thead.offsetHeight || rh;
    const r = visibleRange({ count: items.length, rowHeight: rh, scrollTop: scroller.scrollTop,
      viewport: scroller.clientHeight - headH, overscan: 8 });
    if (!force && lastRange && lastRange.start === r.start && lastRange.end === r.end) return;
    lastRange = r;
    const hadFocus = tbody.contains(document.activeElement) ? document.activeElement.closest('tr')?.dataset.key : null;
    clear(tbody);
    table.setAttribute('aria-rowcount', String(items.length));
    if (!items.length) {
      if (emptyText) tbody.append(h('tr', { class: 'vt-empty' }, h('td', { colspan: cols().length, class: 'empty' }, emptyText)));
      return;
    }
    if (r.padTop) tbody.append(h('tr', { class: 'vt-spacer', 'aria-hidden': 'true' }, h('td', { colspan: cols().length, style: { height: `${r.padTop}px` } })));
    for (let i = r.start; i < r.end; i++) {
      const tr = rowEl(items[i]);
      tr.setAttribute('aria-rowindex', String(i + 2));
      if (i % 2) tr.classList.add('vt-odd');
      tbody.append(tr);
    }
    if (r.padBottom) tbody.append(h('tr', { class: 'vt-spacer', 'aria-hidden': 'true' }, h('td', { colspan: cols().length, style: { height: `${r.padBottom}px` } })));
    if (hadFocus) tbody.querySelector(`tr[data-key="${CSS.escape(hadFocus)}"]`)?.focus({ preventScroll: true });
  }
  const schedule = () => { if (!raf) raf = requestAnimationFrame(() => renderBody()); };
  scroller.addEventListener('scroll', schedule, { passive: true });
  const ro = new ResizeObserver(() => schedule());
  ro.observe(scroller);

  thead.addEventListener('click', (e) => {
    const b = e.target.closest('button.sort');
    if (!b) return;
    const col = b.dataset.col;
    const c = opts.columns.find((x) => x.key === col);
    sort = sort.col === col ? { col, asc: !sort.asc } : { col, asc: c.defaultAsc ?? true };
    renderHead();
    if (opts.onSort) opts.onSort(sort);
  });
  const setWidth = (col, w) => {
    const c = opts.columns.find((x) => x.key === col);
    widths[col] = Math.round(Math.max(c?.min || 36, Math.min(1200, w)));
    if (opts.widthsKey) save(opts.widthsKey, widths);
    const colEl = colgroup.querySelector(`col[data-col="${col}"]`);
    if (colEl) colEl.style.width = `${widths[col]}px`;
    table.style.minWidth = `${cols().reduce((s, x) => s + (Number(widths[x.key]) || 120), 0)}px`;
    thead.querySelector(`.vt-resize[data-col="${col}"]`)?.setAttribute('aria-valuenow', String(widths[col]));
  };
  thead.addEventListener('pointerdown', (e) => {
    const hd = e.target.closest('.vt-resize');
    if (!hd) return;
    e.preventDefault();
    const col = hd.dataset.col;
    const x0 = e.clientX;
    const w0 = Number(widths[col]) || 120;
    hd.setPointerCapture(e.pointerId);
    const move = (ev) => setWidth(col, w0 + ev.clientX - x0);
    const up = () => { hd.removeEventListener('pointermove', move); hd.removeEventListener('pointerup', up); };
    hd.addEventListener('pointermove', move);
    hd.addEventListener('pointerup', up);
  });
  thead.addEventListener('keydown', (e) => {
    const hd = e.target.closest('.vt-resize');
    if (!hd || (e.key !== 'ArrowLeft' && e.key !== 'ArrowRight')) return;
    e.preventDefault();
    setWidth(hd.dataset.col, (Number(widths[hd.dataset.col]) || 120) + (e.key === 'ArrowRight' ? 16 : -16));
  });

  const itemOf = (tr) => items.find((x) => x.key === tr.dataset.key);
  tbody.addEventListener('click', (e) => {
    const tr = e.target.closest('tr.vt-row');
    if (!tr || (e.target.closest('a') && !e.target.closest('.caret'))) return;
    const it = itemOf(tr);
    if (it && opts.onActivate) opts.onActivate(it, e);
  });
  tbody.addEventListener('contextmenu', (e) => {
    const td = e.target.closest('td[data-col]');
    const tr = e.target.closest('tr.vt-row');
    if (!td || !tr || !opts.onContext) return;
    const it = itemOf(tr);
    if (it && opts.onContext(it, td.dataset.col, e) === true) e.preventDefault();
  });
  const focusIndex = (i) => {
    const idx = Math.max(0, Math.min(items.length - 1, i));
    const key = items[idx]?.key;
    if (key === undefined) return;
    api.scrollToKey(key);
    renderBody(true);
    tbody.querySelector(`tr[data-key="${CSS.escape(key)}"]`)?.focus({ preventScroll: true });
  };
  scroller.addEventListener('keydown', (e) => {
    const tr = e.target.closest?.('tr.vt-row');
    if (e.target === scroller && ['ArrowDown', 'Home', 'Enter'].includes(e.key)) {
      e.preventDefault();
      const si = selected ? items.findIndex((x) => x.key === selected) : -1;
      focusIndex(si >= 0 ? si : Math.min(items.length - 1, Math.floor(scroller.scrollTop / rh)));
      return;
    }
    if (!tr) return;
    const i = items.findIndex((x) => x.key === tr.dataset.key);
    const page = Math.max(1, Math.floor(scroller.clientHeight / rh) - 2);
    const moves = { ArrowDown: i + 1, ArrowUp: i - 1, PageDown: i + page, PageUp: i - page, Home: 0, End: items.length - 1 };
    if (e.key in moves) { e.preventDefault(); focusIndex(moves[e.key]); } else if (e.key === 'Enter' || e.key === ' ') {
      e.preventDefault();
      const it = itemOf(tr);
      if (it && opts.onActivate) opts.onActivate(it, e);
    }
  });

  const api = {
    el: scroller, scroller, tbody, table,
    setItems(list) { items = list; renderBody(true); },
    setEmpty(text) { emptyText = text; if (!items.length) renderBody(true); },
    setSelected(key) {
      selected = key;
      for (const tr of tbody.querySelectorAll('tr.vt-row')) {
        if (tr.dataset.key === key) tr.setAttribute('aria-selected', 'true'); else tr.removeAttribute('aria-selected');
      }
    },
    scrollToKey(key) {
      const i = items.findIndex((x) => x.key === key);
      if (i < 0) return;
      const headH = thead.offsetHeight || rh;
      const next = scrollTopFor(i, { rowHeight: rh, scrollTop: scroller.scrollTop, viewport: scroller.clientHeight - headH });
      if (next !== scroller.scrollTop) scroller.scrollTop = next;
    },
    setHidden(set) { hidden = set; renderHead(); renderBody(true); },
    refresh() { renderBody(true); },
    destroy() { ro.disconnect(); cancelAnimationFrame(raf); },
  };
  renderHead();
  return api;
}
