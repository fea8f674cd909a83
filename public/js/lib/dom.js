// DOM builder: h(tag, attrs, ...children). Text is set with textContent so data is escaped by construction.

/**
 * h creates an element. attrs: class, style (object or string), dataset (object), on<Event> handlers
 * (functions), boolean attributes, and any other attribute via setAttribute. Children may be strings,
 * numbers, nodes, arrays, null or false.
 * @returns {HTMLElement}
 */
export function h(tag, attrs, ...children) {
  const el = document.createElement(tag);
  if (attrs) {
    for (const [k, v] of Object.entries(attrs)) {
      if (v === null || v === undefined || v === false) continue;
      if (k === 'class') el.className = Array.isArray(v) ? v.filter(Boolean).join(' ') : v;
      else if (k === 'style' && typeof v === 'object') Object.assign(el.style, v);
      else if (k === 'dataset') Object.assign(el.dataset, v);
      else if (k.startsWith('on') && typeof v === 'function') el.addEventListener(k.slice(2).toLowerCase(), v);
      else if (k === 'value') el.value = v;
      else if (k === 'checked' || k === 'selected' || k === 'disabled') el[k] = Boolean(v);
      else if (k === 'text') el.textContent = String(v);
      else el.setAttribute(k, v === true ? '' : String(v));
    }
  }
  append(el, children);
  return el;
}

/** append adds children (strings become text nodes) to a parent. */
export function append(parent, children) {
  for (const c of children.flat(Infinity)) {
    if (c === null || c === undefined || c === false) continue;
    parent.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return parent;
}

/** clear removes all children of an element. */
export function clear(el) {
  while (el.firstChild) el.removeChild(el.firstChild);
  return el;
}

/** replace clears an element and appends new children. */
export function replace(el, ...children) {
  clear(el);
  return append(el, children);
}

/**
 * on attaches a delegated listener: fn(event, matchedElement) runs when the event target is inside
 * an element matching selector under root. Returns a function that removes the listener.
 */
export function on(root, event, selector, fn) {
  const handler = (e) => {
    const m = e.target instanceof Element ? e.target.closest(selector) : null;
    if (m && root.contains(m)) fn(e, m);
  };
  root.addEventListener(event, handler);
  return () => root.removeEventListener(event, handler);
}

/** svg creates an SVG element with attributes. */
export function svg(tag, attrs, ...children) {
  const el = document.createElementNS('http://www.w3.org/2000/svg', tag);
  for (const [k, v] of Object.entries(attrs || {})) if (v !== null && v !== undefined) el.setAttribute(k, String(v));
  for (const c of children.flat()) if (c) el.append(c instanceof Node ? c : document.createTextNode(String(c)));
  return el;
}

/** sparkline returns an inline SVG polyline for a numeric series. */
export function sparkline(values, { width = 120, height = 28, label = 'trend' } = {}) {
  const vals = (values || []).map((x) => Number(x) || 0);
  const max = Math.max(1, ...vals);
  const step = vals.length > 1 ? width / (vals.length - 1) : width;
  const pts = vals.map((v, i) => `${(i * step).toFixed(1)},${(height - 2 - (v / max) * (height - 4)).toFixed(1)}`).join(' ');
  return svg('svg', { class: 'sparkline', width, height, viewBox: `0 0 ${width} ${height}`, role: 'img', 'aria-label': label },
    svg('polyline', { points: pts || `0,${height - 2} ${width},${height - 2}`, fill: 'none', stroke: 'currentColor', 'stroke-width': 1.5 }));
}

/** toast shows a transient status message at the bottom of the screen. */
export function toast(msg, kind = 'info') {
  let box = document.getElementById('toasts');
  if (!box) {
    box = h('div', { id: 'toasts', class: 'toasts', role: 'status', 'aria-live': 'polite' });
    document.body.append(box);
  }
  const t = h('div', { class: `toast toast-${kind}` }, msg);
  box.append(t);
  setTimeout(() => t.remove(), 4000);
}
