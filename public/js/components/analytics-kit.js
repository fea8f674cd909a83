// Shared building blocks of the analytics tabs: cards, tables, Chart.js canvases, empty states.
import { h, append } from '../lib/dom.js';
import { makeChart } from '../lib/charts.js';
import { loadCSS } from '../lib/vendor.js';
import { fmtNum } from '../lib/format.js';

/** analyticsCSS loads public/css/analytics.css once (relative to this module, so the hashed asset prefix applies). */
export function analyticsCSS() {
  loadCSS(new URL('../../css/analytics.css', import.meta.url).href);
}

/** add appends any number of children (dom.append takes one array). */
export function add(parent, ...children) {
  return append(parent, children);
}

/** PALETTE is the categorical series palette (readable on both themes). */
export const PALETTE = ['#1f6feb', '#2da44e', '#bf8700', '#8250df', '#cf222e', '#0a7ea4', '#d46a1f', '#6e7781', '#e85aad', '#3fb950', '#a371f7', '#768390'];

/** stat renders one stat card. */
export function stat(label, value, id, title = null) {
  return h('div', { class: 'card stat-card', dataset: { stat: id || label }, title }, h('div', { class: 'stat-value' }, value ?? '—'), h('div', { class: 'stat-label' }, label));
}

/** section wraps content in a titled card. */
export function section(title, ...children) {
  return h('section', { class: 'card an-card' }, h('h2', null, title), ...children);
}

/** empty is the shared empty-state line. */
export function empty(text = 'No data for this selection.') {
  return h('p', { class: 'muted empty' }, text);
}

/**
 * table renders rows (arrays of cells: strings, numbers or nodes) under column headers. Rows may carry
 * {cells, href} to link the row. Text is always set via textContent (dom.h).
 */
export function table(cols, rows, opts = {}) {
  if (!rows.length) return empty(opts.empty);
  return h('div', { class: 'table-wrap an-table' }, h('table', { class: 'data' },
    h('thead', null, h('tr', null, cols.map((c) => h('th', { scope: 'col' }, c)))),
    h('tbody', null, rows.map((r) => {
      const cells = Array.isArray(r) ? r : r.cells;
      return h('tr', { dataset: r.key ? { key: r.key } : null }, cells.map((c) => h('td', null, c ?? '—')));
    }))));
}

/** nodeLink links a pubkey to its node page, labelled with name or a short key. */
export function nodeLink(pubkey, name) {
  if (!pubkey) return name || '—';
  return h('a', { href: `#/nodes/${encodeURIComponent(pubkey)}` }, name || `${pubkey.slice(0, 8)}…`);
}

/**
 * chart renders a Chart.js canvas card. config(colors) builds the chart; when hasData is false an empty
 * state replaces the canvas. Returns the card element.
 */
export function chart(title, id, hasData, config, opts = {}) {
  const canvas = h('canvas', { id, role: 'img', 'aria-label': title });
  const box = h('div', { class: `chart-box${opts.tall ? ' tall' : ''}` }, canvas);
  const card = h('section', { class: 'card an-card' }, h('h2', null, title), box);
  if (!hasData) box.replaceChildren(empty());
  else makeChart(canvas, (c) => withDefaults(config(c))).catch((e) => box.replaceChildren(h('p', { class: 'error-text' }, `Chart unavailable: ${e.message}`)));
  return card;
}

function withDefaults(cfg) {
  cfg.options = { responsive: true, maintainAspectRatio: false, ...(cfg.options || {}) };
  cfg.options.plugins = { legend: { display: (cfg.data?.datasets?.length || 0) > 1 }, ...(cfg.options.plugins || {}) };
  return cfg;
}

/** bar is a one-series bar chart config. */
export function bar(labels, data, color, extra = {}) {
  return { type: 'bar', data: { labels, datasets: [{ label: extra.label || 'Count', data, backgroundColor: color }] },
    options: { scales: { y: { beginAtZero: true } }, ...(extra.options || {}) } };
}

/** histBars turns an API Histogram {bins:[{x,w,count}]} into labels and counts. */
export function histBars(hist, digits = 0) {
  const bins = hist?.bins || [];
  return { labels: bins.map((b) => `${Number(b.x).toFixed(digits)}`), counts: bins.map((b) => b.count) };
}

/** num formats a number or a dash. */
export const num = (v) => (v === null || v === undefined ? '—' : fmtNum(v));
