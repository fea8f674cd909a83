// Boot: theme toggle, nav, header stats, WebSocket, global search, router.
import { h } from './lib/dom.js';
import { getJSON } from './lib/api.js';
import { connect, onStatus, subscribe } from './lib/ws.js';
import { KEYS, load, save } from './lib/store.js';
import { fmtNum } from './lib/format.js';
import { startRouter } from './router.js';
import { openSearch } from './components/search.js';
import { mountSchemaBanner } from './components/schema-banner.js';
import { addCoverageNav } from './components/coverage-nav.js';
import { mountFavourites } from './components/favourites.js';
import { mountCustomizer } from './components/customizer.js';
import { startTheme } from './lib/theme-config.js';

const NAV = [
  ['home', 'Home'], ['packets', 'Packets'], ['map', 'Map'], ['live', 'Live'], ['channels', 'Channels'],
  ['nodes', 'Nodes'], ['observers', 'Observers'], ['analytics', 'Analytics'], ['scopes', 'Scopes'], ['perf', 'Perf'], ['alerts', 'Alerts'], ['tools', 'Tools'],
];
const BOTTOM = ['home', 'packets', 'live', 'map', 'channels'];
const PRIMARY = ['home', 'packets', 'map', 'live', 'nodes'];

function buildNav() {
  const links = document.getElementById('navLinks');
  for (const [key, label] of NAV) {
    links.append(h('li', { class: PRIMARY.includes(key) ? 'primary-link' : 'secondary-link' }, h('a', { href: `#/${key}`, dataset: { nav: key } }, label)));
  }
  // Medium widths show the primary links and fold the rest into "More" (outside #navLinks: one link per page there).
  const navMore = h('details', { class: 'nav-more' }, h('summary', null, 'More'),
    h('div', { class: 'nav-more-menu' }, NAV.filter((n) => !PRIMARY.includes(n[0])).map(([key, label]) => h('a', { href: `#/${key}`, dataset: { navMore: key } }, label))));
  links.parentElement.append(navMore);
  document.addEventListener('click', (e) => { if (navMore.open && (!navMore.contains(e.target) || e.target.closest('a'))) navMore.open = false; });
  const bottom = document.getElementById('bottomNav');
  for (const key of BOTTOM) {
    const label = NAV.find((n) => n[0] === key)[1];
    bottom.append(h('a', { href: `#/${key}`, dataset: { nav: key } }, label));
  }
  const more = h('details', { class: 'bottom-more' }, h('summary', null, 'More'),
    h('div', { class: 'bottom-sheet' }, NAV.filter((n) => !BOTTOM.includes(n[0]))
      .map(([key, label]) => h('a', { href: `#/${key}`, dataset: { nav: key } }, label))));
  bottom.append(more);
  bottom.addEventListener('click', (e) => { if (e.target.closest('a')) more.open = false; });
}

function markActive(key) {
  for (const a of document.querySelectorAll('[data-nav], [data-nav-more]')) {
    if ((a.dataset.nav || a.dataset.navMore) === key) a.setAttribute('aria-current', 'page'); else a.removeAttribute('aria-current');
  }
}

function setupTheme() {
  const sw = document.getElementById('themeToggle');
  const sync = () => {
    const dark = document.documentElement.dataset.theme === 'dark';
    sw.setAttribute('aria-checked', String(dark));
    sw.title = dark ? 'Switch to light mode' : 'Switch to dark mode';
  };
  sync();
  // Follow the OS while the user has not chosen a theme.
  window.matchMedia('(prefers-color-scheme: dark)').addEventListener('change', (e) => {
    if (load(KEYS.theme, null)) return;
    document.documentElement.dataset.theme = e.matches ? 'dark' : 'light';
    sync();
    window.dispatchEvent(new CustomEvent('theme-refresh'));
  });
  sw.addEventListener('click', () => {
    const next = document.documentElement.dataset.theme === 'dark' ? 'light' : 'dark';
    document.documentElement.dataset.theme = next;
    save(KEYS.theme, next);
    sync();
    window.dispatchEvent(new CustomEvent('theme-refresh'));
  });
  window.addEventListener('storage', (e) => {
    if (e.key !== KEYS.theme || !e.newValue) return;
    try { document.documentElement.dataset.theme = JSON.parse(e.newValue); } catch { /* ignore */ }
    sync();
  });
}

async function refreshStats() {
  const el = document.getElementById('navStats');
  try {
    const s = await getJSON('/stats', null, { quiet: true });
    el.textContent = `${fmtNum(s.totalPackets)} pkts · ${fmtNum(s.totalNodes)} nodes · ${fmtNum(s.totalObservers)} obs`;
  } catch { el.textContent = 'stats unavailable'; }
}

function setupStats() {
  refreshStats();
  setInterval(refreshStats, 15000);
  let pending = null;
  subscribe('packet', () => {
    const logo = document.getElementById('brand');
    logo.classList.remove('pulse');
    void logo.offsetWidth;
    logo.classList.add('pulse');
    if (!pending) pending = setTimeout(() => { pending = null; refreshStats(); }, 5000);
  });
  onStatus((st) => {
    const ind = document.getElementById('wsStatus');
    ind.dataset.state = st;
    ind.title = `Live updates: ${st}`;
    ind.querySelector('.ws-label').textContent = st === 'open' ? 'Live' : st === 'connecting' ? 'Connecting' : 'Offline';
    document.body.classList.toggle('ws-down', st !== 'open');
  });
}

function typing(e) {
  const t = e.target;
  return t instanceof HTMLElement && (t.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(t.tagName));
}

/** setupKeys: Ctrl/Cmd+K search, "/" focuses the page's filter or search box, arrow keys move along the nav. */
function setupKeys() {
  const mac = /Mac|iPhone|iPad/.test(navigator.platform || navigator.userAgent);
  const kbd = document.querySelector('#searchBtn kbd');
  if (kbd) kbd.textContent = mac ? '⌘K' : 'Ctrl K';
  document.getElementById('searchBtn').addEventListener('click', () => openSearch());
  // The skip link moves focus into main without touching the route in the hash.
  document.querySelector('.skip-link').addEventListener('click', (e) => { e.preventDefault(); document.getElementById('app').focus(); });
  document.addEventListener('keydown', (e) => {
    if ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === 'k') { e.preventDefault(); openSearch(); return; }
    if (e.key === '/' && !e.ctrlKey && !e.metaKey && !e.altKey && !typing(e)) {
      const box = document.querySelector('#app [data-shortcut="filter"], #app input[type="search"], #app input[type="text"]');
      if (box) { e.preventDefault(); box.focus(); box.select?.(); }
    }
  });
  document.querySelector('.topnav').addEventListener('keydown', (e) => {
    const links = [...document.querySelectorAll('.topnav a, .topnav summary')].filter((a) => a.offsetParent !== null);
    const i = links.indexOf(document.activeElement);
    if (i < 0) return;
    const next = { ArrowRight: i + 1, ArrowLeft: i - 1, Home: 0, End: links.length - 1 }[e.key];
    if (next === undefined) return;
    e.preventDefault();
    links[(next + links.length) % links.length].focus();
  });
}

buildNav();
addCoverageNav();
mountFavourites(document.getElementById('searchBtn'));
mountCustomizer(document.getElementById('themeToggle'));
startTheme();
mountSchemaBanner(document.getElementById('app'));
setupTheme();
setupStats();
setupKeys();
connect();
startRouter(document.getElementById('app'), markActive);
