// Live feed panel: newest-first packet list (bounded), placeholder while empty, click for a card.
// Additions are coalesced and written once per animation frame.
import { h, replace } from '../../lib/dom.js';
import { timeAgo, fmtDec, shortHash, absTime } from '../../lib/format.js';
import { typeBadge, scopeBadge } from '../../components/badges.js';
import { summaryText } from '../../components/packet-detail.js';

const MAX_ITEMS = 80;

/** feedPanel(onSelect) returns {el, add(row, {replay, color, hops}), flush(), clear()}; onSelect(row) on click. */
export function feedPanel(onSelect) {
  const list = h('ol', { id: 'liveFeed', class: 'live-feed', 'aria-live': 'off', 'aria-label': 'Packet feed' });
  const placeholder = h('li', { class: 'feed-empty muted' }, 'Waiting for packets…');
  list.append(placeholder);
  const rows = new WeakMap();
  list.addEventListener('click', (e) => {
    const li = e.target.closest('li.feed-item');
    if (li && rows.has(li)) onSelect(rows.get(li));
  });
  list.addEventListener('keydown', (e) => {
    const li = e.target.closest('li.feed-item');
    if (li && (e.key === 'Enter' || e.key === ' ') && rows.has(li)) { e.preventDefault(); onSelect(rows.get(li)); }
  });
  let pending = [];
  let raf = 0;
  function item(row, { replay = false, color = null, hops = 0 }) {
    const li = h('li', { class: ['feed-item', replay ? 'replay' : ''], tabindex: '0', dataset: { hash: row.hash || '', t: String(row.t), obs: String(row.observer_id || '').toLowerCase() } },
      h('span', { class: 'feed-dot', style: color ? { background: color } : null, 'aria-hidden': 'true' }),
      typeBadge(row.payload_type, row.route_type), scopeBadge(row),
      h('span', { class: 'feed-sum' }, summaryText(row) || shortHash(row.hash)),
      h('span', { class: 'feed-meta muted' },
        `${row.observer_name || String(row.observer_id || '?').slice(0, 8)} · ${hops} hop${hops === 1 ? '' : 's'}${row.snr !== null && row.snr !== undefined ? ` · ${fmtDec(row.snr)} dB` : ''} · `,
        h('time', { datetime: new Date(row.t).toISOString(), title: absTime(row.t) }, replay ? absTime(row.t).slice(11) : timeAgo(row.t))));
    rows.set(li, row);
    return li;
  }
  function flush() {
    if (raf) cancelAnimationFrame(raf);
    raf = 0;
    if (!pending.length) return;
    placeholder.remove();
    const frag = document.createDocumentFragment();
    for (const [row, opts] of pending.slice(-MAX_ITEMS).reverse()) frag.append(item(row, opts));
    pending = [];
    list.prepend(frag);
    while (list.children.length > MAX_ITEMS) list.lastChild.remove();
  }
  return {
    el: list,
    add(row, opts = {}) {
      pending.push([row, opts]);
      if (pending.length > MAX_ITEMS) pending.shift();
      if (!raf) raf = requestAnimationFrame(flush);
    },
    flush,
    clear() { pending = []; if (raf) cancelAnimationFrame(raf); raf = 0; replace(list, placeholder); },
  };
}
