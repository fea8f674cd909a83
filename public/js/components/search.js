// Global search overlay (Ctrl/Cmd+K): nodes, packets by hash and channels, as a combobox + listbox.
import { h, clear } from '../lib/dom.js';
import { getJSON, isAbort } from '../lib/api.js';
import { shortHash, shortKey } from '../lib/format.js';
import { payloadLabel } from '../logic/payload.js';

let open = false;

/** openSearch shows the overlay and focuses its input; Esc or a click outside closes it. */
export function openSearch() {
  if (open) return;
  open = true;
  const prevFocus = document.activeElement;
  const input = h('input', { type: 'search', placeholder: 'Search nodes, packet hashes, channels…', role: 'combobox',
    'aria-expanded': 'true', 'aria-controls': 'searchResults', 'aria-autocomplete': 'list', 'aria-label': 'Search', id: 'searchInput' });
  const list = h('ul', { class: 'search-results', id: 'searchResults', role: 'listbox', 'aria-label': 'Results' });
  const status = h('div', { class: 'muted', style: { padding: '.3rem 1rem' }, role: 'status' }, 'Type to search');
  const box = h('div', { class: 'search-box', role: 'search' }, input, status, list);
  const overlay = h('div', { class: 'search-overlay', role: 'dialog', 'aria-modal': 'true', 'aria-label': 'Search' }, box);
  document.body.append(overlay);
  input.focus();
  let items = [];
  let active = -1;
  let timer = null;
  let ctrl = null;
  const close = () => {
    open = false;
    overlay.remove();
    if (ctrl) ctrl.abort();
    if (prevFocus && prevFocus.focus) prevFocus.focus();
  };
  const choose = (it) => { close(); location.hash = it.href; };
  const render = () => {
    clear(list);
    items.forEach((it, i) => {
      list.append(h('li', { role: 'option', id: `sr-${i}`, 'aria-selected': i === active ? 'true' : 'false', onclick: () => choose(it) },
        h('span', { class: 'badge' }, it.kind), h('span', null, it.label), h('span', { class: 'muted' }, it.sub || '')));
    });
    input.setAttribute('aria-activedescendant', active >= 0 ? `sr-${active}` : '');
  };
  const run = async (q) => {
    if (ctrl) ctrl.abort();
    ctrl = new AbortController();
    const signal = ctrl.signal;
    if (!q) { items = []; status.textContent = 'Type to search'; render(); return; }
    status.textContent = 'Searching…';
    try {
      const hex = /^[0-9a-f]{4,16}$/i.test(q);
      const [nodes, pkts, chans] = await Promise.all([
        getJSON('/nodes/search', { q }, { signal, quiet: true }).catch(() => ({ nodes: [] })),
        hex ? getJSON('/packets', { hash: q, limit: 5 }, { signal, quiet: true }).catch(() => ({ packets: [] })) : { packets: [] },
        getJSON('/channels', null, { signal, quiet: true }).catch(() => ({ channels: [] })),
      ]);
      const ql = q.toLowerCase();
      items = [
        ...(pkts.packets || []).map((p) => ({ kind: 'Packet', label: shortHash(p.hash, 16), sub: payloadLabel(p.payload_type), href: `#/packets/${p.hash}` })),
        ...(nodes.nodes || []).map((n) => ({ kind: 'Node', label: n.name || shortKey(n.public_key), sub: `${n.role || ''} ${shortKey(n.public_key)}`, href: `#/nodes/${n.public_key}` })),
        ...(chans.channels || []).filter((c) => String(c.name || '').toLowerCase().includes(ql))
          .slice(0, 5).map((c) => ({ kind: 'Channel', label: c.name, sub: `${c.messageCount} msgs`, href: `#/channels/${encodeURIComponent(c.hash)}` })),
      ];
      active = items.length ? 0 : -1;
      status.textContent = items.length ? `${items.length} results` : 'No results';
      render();
    } catch (e) { if (!isAbort(e)) status.textContent = 'Search failed'; }
  };
  input.addEventListener('input', () => { clearTimeout(timer); timer = setTimeout(() => run(input.value.trim()), 300); });
  overlay.addEventListener('keydown', (e) => {
    if (e.key === 'Escape') { e.preventDefault(); close(); } else if (e.key === 'ArrowDown' && items.length) {
      e.preventDefault(); active = (active + 1) % items.length; render();
    } else if (e.key === 'ArrowUp' && items.length) {
      e.preventDefault(); active = (active - 1 + items.length) % items.length; render();
    } else if (e.key === 'Enter' && active >= 0) { e.preventDefault(); choose(items[active]); }
  });
  overlay.addEventListener('mousedown', (e) => { if (e.target === overlay) close(); });
}
