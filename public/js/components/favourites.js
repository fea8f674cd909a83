// Favourites dropdown in the header: the starred nodes (meshcore-favorites) and the nodes claimed on
// Home (meshcore-my-nodes), each with a status dot and last-heard time from /api/nodes/<pk>, a link to
// the node and an inline unstar. The lists live in this browser only.
import { h, replace } from '../lib/dom.js';
import { getJSON } from '../lib/api.js';
import { favorites, myNodes, toggleFavorite } from '../lib/store.js';
import { nodeStatus, timeAgo } from '../lib/format.js';

/** favouriteEntries merges favourites and claimed nodes (favourites first, no duplicates). */
export function favouriteEntries(favs, claimed) {
  const out = favs.map((pk) => ({ pubkey: pk, starred: true, claimed: false, name: '' }));
  for (const c of claimed) {
    const e = out.find((x) => x.pubkey === c.pubkey);
    if (e) { e.claimed = true; e.name = e.name || c.name; } else out.push({ pubkey: c.pubkey, starred: false, claimed: true, name: c.name || '' });
  }
  return out;
}

function row(e, close, rerender) {
  const dot = h('span', { class: 'fav-dot', role: 'img', 'aria-label': 'Status loading' });
  const name = h('span', { class: 'fav-name' }, e.name || `${e.pubkey.slice(0, 12)}…`);
  const seen = h('span', { class: 'muted small fav-seen' }, e.claimed ? 'claimed · ' : '', 'loading…');
  const link = h('a', { href: `#/nodes/${encodeURIComponent(e.pubkey)}`, onclick: close }, name, seen);
  const unstar = e.starred ? h('button', { type: 'button', class: 'fav-unstar', 'aria-label': `Remove ${e.name || e.pubkey.slice(0, 12)} from favourites`, title: 'Remove from favourites',
    onclick: () => { toggleFavorite(e.pubkey); rerender(); } }, '★') : null;
  const li = h('li', { class: 'fav-item', dataset: { pubkey: e.pubkey } }, dot, link, unstar);
  getJSON(`/nodes/${encodeURIComponent(e.pubkey)}`, null, { quiet: true }).then((d) => {
    const n = d?.node || {};
    const label = n.name || e.name || `${e.pubkey.slice(0, 12)}…`;
    name.textContent = label;
    if (unstar) unstar.setAttribute('aria-label', `Remove ${label} from favourites`);
    const st = nodeStatus(n.last_seen, n.role);
    dot.dataset.status = st === 'Active' ? 'active' : st === 'Degraded' ? 'stale' : 'silent';
    dot.setAttribute('aria-label', `Status ${st}`);
    dot.title = st;
    replace(seen, e.claimed ? 'claimed · ' : '', n.last_seen ? `heard ${timeAgo(n.last_seen)}` : 'never heard');
    li.dataset.loaded = 'true';
  }).catch(() => {
    dot.setAttribute('aria-label', 'Status unknown');
    replace(seen, e.claimed ? 'claimed · ' : '', 'not found on this server');
    li.dataset.loaded = 'missing';
  });
  return li;
}

/** mountFavourites adds the star dropdown to the header, before the element `before`. */
export function mountFavourites(before) {
  const list = h('ul', { class: 'fav-list', id: 'favList' });
  const summary = h('summary', { class: 'icon-btn fav-btn', id: 'favBtn', 'aria-label': 'Favourite nodes', title: 'Favourite nodes' }, '★');
  const menu = h('details', { class: 'fav-menu', id: 'favMenu' }, summary,
    h('div', { class: 'fav-panel', role: 'region', 'aria-label': 'Favourite nodes' },
      h('h2', null, 'Favourite nodes'), list,
      h('div', { class: 'fav-foot' }, h('a', { href: '#/analytics?tab=my-repeaters', id: 'favMonitor' }, 'Monitor my repeaters →'))));
  const close = () => { menu.open = false; };
  const render = () => {
    const entries = favouriteEntries(favorites(), myNodes());
    replace(list, entries.length ? entries.map((e) => row(e, close, render))
      : h('li', { class: 'muted fav-empty' }, 'No favourites yet. Star a node on the Nodes page or claim yours on Home.'));
  };
  menu.addEventListener('toggle', () => { if (menu.open) render(); });
  menu.querySelector('#favMonitor').addEventListener('click', close);
  document.addEventListener('click', (e) => { if (menu.open && !menu.contains(e.target)) close(); });
  menu.addEventListener('keydown', (e) => { if (e.key === 'Escape' && menu.open) { close(); summary.focus(); } });
  before.before(menu);
  return menu;
}
