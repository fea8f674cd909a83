// Global search overlay (Ctrl/Cmd+K): nodes, packets by hash (full or prefix) and channels, as a combobox + listbox.
import { h, clear } from '../lib/dom.js';
import { getJSON, isAbort } from '../lib/api.js';
import { shortHash, shortKey, timeAgo } from '../lib/format.js';
import { payloadLabel } from '../logic/payload.js';

let open = false;

/** searchItems turns the three result sets into ordered result rows for query q. DOM-free. */
export function searchItems(q, { packets = [], nodes = [], channels = [] }) {
  const ql = q.toLowerCase();
  const seen = new Set();
  const pk = packets.filter((p) => p.hash && String(p.hash).toLowerCase().startsWith(ql) && !seen.has(p.hash) && seen.add(p.hash)).slice(0, 5);
  return [
    ...pk.map((p) => ({ kind: 'Packet', label: shortHash(p.hash, 16), sub: `${payloadLabel(p.payload_type)} · ${timeAgo(p.latest || p.timestamp || p.first_seen)}`, href: `#/packets/${p.hash}` })),
    ...nodes.slice(0, 8).map((n) => ({ kind: 'Node', label: n.name || shortKey(n.public_key), sub: `${n.role || 'unknown'} · ${shortKey(n.public_key)}`, href: `#/nodes/${n.public_key}` })),
    ...channels.filter((c) => String(c.name || c.hash || '').toLowerCase().includes(ql)).slice(0, 5)
      .map((c) => ({ kind: 'Channel', label: c.name || c.hash, sub: `${c.messageCount ?? 0} messages`, href: `#/channels/${encodeURIComponent(c.hash)}` })),
  ];
}

/** openSearch shows the overlay and focuses its input; Esc or a click outside closes it and restores focus. */
export function openSearch() {
  if (open) return;
  open = true;
  const prevFocus = document.activeElement;
  const input = h('input', { type: 'search', placeholder: 'Search nodes, packet hashes, channels…', role: 'combobox',
    'aria-expanded': 'true', 'aria-controls': 'searchResults', 'aria-autocomplete': 'list', 'aria-label': 'Search', id: 'searchInput', autocomplete: 'off', spellcheck: 'false' });
  const list = h('ul', { class: 'search-results', id: 'searchResults', role: 'listbox', 'aria-label': 'Results' });
  const status = h('div', { class: 'muted search-status', role: 'status' }, 'Type a node name, public key, packet hash or channel');
  const hint = h('div', { class: 'search-hint muted' }, h('kbd', null, '↑'), h('kbd', null, '↓'), ' move · ', h('kbd', null, 'Enter'), ' open · ', h('kbd', null, 'Esc'), ' close');
  const box = h('div', { class: 'search-box', role: 'search' }, input, status, list, hint);
  const overlay = h('div', { class: 'search-overlay', role: 'dialog', 'aria-modal': 'true', 'aria-label': 'Search' }, box);
  document.body.append(overlay);
  input.focus();
  let items = [];
  let active = -1;
  let timer = null;
  let ctrl = null;
  let recent = null;
  const close = () => {
    open = false;
    overlay.remove();
    clearTimeout(timer);
    if (ctrl) ctrl.abort();
    if (prevFocus && prevFocus.focus) prevFocus.focus();
  };
  const choose = (it) => { close(); location.hash = it.href; };
  const render = () => {
    clear(list);
    items.forEach((it, i) => {
      list.append(h('li', { role: 'option', id: `sr-${i}`, 'aria-selected': i === active ? 'true' : 'false', onclick: () => choose(it), dataset: { kind: it.kind } },
        h('span', { class: `badge kind-${it.kind}` }, it.kind), h('span', { class: 'sr-label' }, it.label), h('span', { class: 'muted sr-sub' }, it.sub || '')));
    });
    input.setAttribute('aria-activedescendant', active >= 0 ? `sr-${active}` : '');
    list.querySelector('[aria-selected="true"]')?.scrollIntoView({ block: 'nearest' });
  };
  const recentPackets = (signal) => {
    if (!recent) recent = getJSON('/packets', { groupByHash: 'true', limit: 5000 }, { signal, quiet: true }).then((r) => r.packets || []).catch(() => []);
    return recent;
  };
  const run = async (q) => {
    if (ctrl) ctrl.abort();
    ctrl = new AbortController();
    const signal = ctrl.signal;
    if (!q) { items = []; status.textContent = 'Type a node name, public key, packet hash or channel'; render(); return; }
    status.textContent = 'Searching…';
    try {
      const hex = /^[0-9a-f]{4,16}$/i.test(q);
      const [nodes, packets, chans] = await Promise.all([
        getJSON('/nodes/search', { q }, { signal, quiet: true }).then((r) => r.nodes || []).catch(() => []),
        !hex ? [] : q.length === 16
          ? getJSON(`/packets/${q.toLowerCase()}`, null, { signal, quiet: true }).then((r) => [{ ...r.packet, hash: r.packet.hash || q.toLowerCase() }]).catch(() => [])
          : recentPackets(signal),
        getJSON('/channels', null, { signal, quiet: true }).then((r) => r.channels || []).catch(() => []),
      ]);
      items = searchItems(q, { packets, nodes, channels: chans });
      active = items.length ? 0 : -1;
      status.textContent = items.length ? `${items.length} result${items.length > 1 ? 's' : ''}` : `No results for "${q}"`;
      render();
    } catch (e) { if (!isAbort(e)) status.textContent = 'Search failed'; }
  };
  input.addEventListener('input', () => { clearTimeout(timer); timer = setTimeout(() => run(input.value.trim()), 300); });
  overlay.addEventListener('keydown', (e) => {
    if (e.key === 'Escape') { e.preventDefault(); e.stopPropagation(); close(); } else if (e.key === 'ArrowDown' && items.length) {
      e.preventDefault(); active = (active + 1) % items.length; render();
    } else if (e.key === 'ArrowUp' && items.length) {
      e.preventDefault(); active = (active - 1 + items.length) % items.length; render();
    } else if (e.key === 'Enter' && active >= 0) { e.preventDefault(); choose(items[active]); } else if (e.key === 'Tab') { e.preventDefault(); input.focus(); }
  });
  overlay.addEventListener('mousedown', (e) => { if (e.target === overlay) close(); });
}
