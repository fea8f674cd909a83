// Virtual-scroll window arithmetic for fixed-height rows. DOM-free.

/**
 * visibleRange returns which rows to render for a scroll position: [start, end) plus the spacer heights above
 * and below so the scrollbar still spans all count rows. overscan rows are added on each side.
 * @returns {{start:number, end:number, padTop:number, padBottom:number}}
 */
export function visibleRange({ count, rowHeight, scrollTop, viewport, overscan = 10 }) {
  const n = Math.max(0, Math.floor(count || 0));
  const rh = Math.max(1, rowHeight || 1);
  if (n === 0) return { start: 0, end: 0, padTop: 0, padBottom: 0 };
  const top = Math.max(0, Math.min(scrollTop || 0, n * rh));
  const first = Math.floor(top / rh);
  const shown = Math.ceil(Math.max(0, viewport || 0) / rh) + 1;
  const start = Math.max(0, first - overscan);
  const end = Math.min(n, first + shown + overscan);
  return { start, end, padTop: start * rh, padBottom: (n - end) * rh };
}

/** scrollTopFor returns a scrollTop that brings row index into view (unchanged when it already is). */
export function scrollTopFor(index, { rowHeight, scrollTop, viewport, header = 0 }) {
  const y = index * rowHeight;
  const visible = Math.max(rowHeight, viewport - header);
  if (y < scrollTop) return y;
  if (y + rowHeight > scrollTop + visible) return y + rowHeight - visible;
  return scrollTop;
}
