// Live page scaffolding: the header with beacon, counters and toggles, and the persisted filters.
import { h, svg } from '../../lib/dom.js';
import { KEYS, load, save, favorites } from '../../lib/store.js';
import { TYPE_KEYS } from './panels.js';

const FILTER_KEY = 'corescope-live-filters';

/** liveScope normalises a ?scope= value: '', 'unscoped', 'unknown' or a '#name' region. */
export function liveScope(v) {
  const s = String(v || '').trim().slice(0, 40);
  if (!s || s === 'unscoped' || s === 'unknown') return s;
  return s[0] === '#' || s[0] === '$' ? s : `#${s}`;
}

/** URL_FLAGS are the Live on/off options kept in the URL as key=1 (off is omitted). */
export const URL_FLAGS = Object.freeze(['multibyte', 'ghosts', 'realistic', 'matrix', 'fullscreen']);

/** liveHash is the Live page's URL for the filters kept there (?node=, ?scope= and URL_FLAGS). */
export function liveHash(f) {
  const q = new URLSearchParams();
  if (f.node) q.set('node', f.node);
  if (f.scope) q.set('scope', f.scope);
  for (const k of URL_FLAGS) if (f[k]) q.set(k, '1');
  const s = q.toString();
  return s ? `#/live?${s}` : '#/live';
}

/** loadFilters reads the saved Live filters; ?node=, ?scope= and URL_FLAGS come from the URL. */
export function loadFilters(query) {
  const s = load(FILTER_KEY, {}) || {};
  return {
    types: new Set(Array.isArray(s.types) ? s.types.filter((t) => TYPE_KEYS.includes(t)) : TYPE_KEYS),
    region: typeof s.region === 'string' ? s.region : '', node: query.node || '', scope: liveScope(query.scope), favOnly: Boolean(s.favOnly),
    heat: Boolean(s.heat), colorByHash: Boolean(load(KEYS.colorByHash, false)), favs: new Set(favorites().map((k) => k.toLowerCase())),
    ...Object.fromEntries(URL_FLAGS.map((k) => [k, query[k] === '1'])),
  };
}

/** saveFilters persists the Live filters (node and scope stay in the URL only). */
export function saveFilters(f) {
  save(FILTER_KEY, { types: [...f.types], region: f.region, favOnly: f.favOnly, heat: f.heat });
  save(KEYS.colorByHash, f.colorByHash);
}

/** liveHead builds the "Mesh live" header: {el, beacon, cog, feedToggle, fullscreen}; counters carry ids livePktCount, liveNodeCount, liveAnimCount, liveRate. */
export function liveHead() {
  const counter = (id, label) => h('span', { class: 'lh-stat' }, h('b', { id }, '0'), ` ${label}`);
  const beacon = h('span', { class: 'live-beacon', title: 'WebSocket' });
  const cog = h('button', { type: 'button', id: 'liveCog', class: 'lh-btn', 'aria-expanded': 'false', 'aria-controls': 'liveControls', 'aria-label': 'Live controls' }, '⚙');
  const feedToggle = h('button', { type: 'button', id: 'liveFeedToggle', class: 'lh-btn', 'aria-pressed': 'true', 'aria-label': 'Show feed' }, '☰');
  const fullscreen = h('button', { type: 'button', id: 'liveFullscreen', class: 'lh-btn', 'aria-pressed': 'false', 'aria-label': 'Fullscreen' },
    svg('svg', { width: 14, height: 14, viewBox: '0 0 14 14', 'aria-hidden': 'true' },
      svg('path', { d: 'M1 5V1h4M9 1h4v4M13 9v4H9M5 13H1V9', fill: 'none', stroke: 'currentColor', 'stroke-width': 1.6 })));
  const el = h('div', { class: 'live-panel live-head' }, beacon, h('h1', null, 'Mesh live'),
    h('div', { class: 'lh-stats' }, counter('livePktCount', 'pkts'), counter('liveNodeCount', 'nodes'), counter('liveAnimCount', 'active'), counter('liveRate', '/min')), cog, feedToggle, fullscreen);
  return { el, beacon, cog, feedToggle, fullscreen };
}
