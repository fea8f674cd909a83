// Every localStorage key the UI uses, in one place, with safe JSON access.

/** KEYS names each persisted setting. */
export const KEYS = Object.freeze({
  theme: 'meshcore-theme',
  myNodes: 'meshcore-my-nodes',
  favorites: 'meshcore-favorites',
  savedFilters: 'corescope_saved_filters_v1',
  packetsGroup: 'corescope-packets-group',
  packetsCols: 'corescope-packets-columns',
  packetsWidths: 'corescope-packets-widths',
  packetsSort: 'corescope-packets-sort',
  packetsObsSort: 'corescope-packets-obs-sort',
  packetsDetailWidth: 'corescope-packets-detail-width',
  liveReplay: 'corescope-live-replay',
  hexPaths: 'corescope-hex-paths',
  colorByHash: 'corescope-color-by-hash',
  timeMode: 'corescope-time-mode',
});

function ls() {
  try { return globalThis.localStorage || null; } catch { return null; }
}

/** load reads a JSON value for a key, returning fallback when missing or corrupt. */
export function load(key, fallback = null) {
  const s = ls();
  if (!s) return fallback;
  try {
    const v = s.getItem(key);
    return v === null ? fallback : JSON.parse(v);
  } catch { return fallback; }
}

/** save writes a JSON value for a key (silently ignores quota/private-mode errors). */
export function save(key, value) {
  const s = ls();
  if (!s) return;
  try { s.setItem(key, JSON.stringify(value)); } catch { /* storage unavailable */ }
}

/** myNodes returns the claimed nodes [{pubkey, name, addedAt}]. */
export function myNodes() {
  const v = load(KEYS.myNodes, []);
  return Array.isArray(v) ? v.filter((x) => x && typeof x.pubkey === 'string') : [];
}

/** toggleMyNode claims or unclaims a node and returns whether it is now claimed. */
export function toggleMyNode(pubkey, name) {
  const list = myNodes();
  const i = list.findIndex((x) => x.pubkey === pubkey);
  if (i >= 0) { list.splice(i, 1); save(KEYS.myNodes, list); return false; }
  list.push({ pubkey, name: name || '', addedAt: new Date().toISOString() });
  save(KEYS.myNodes, list);
  return true;
}

/** favorites returns the favourite pubkeys. */
export function favorites() {
  const v = load(KEYS.favorites, []);
  return Array.isArray(v) ? v.filter((x) => typeof x === 'string') : [];
}

/** toggleFavorite stars or unstars a pubkey and returns whether it is now a favourite. */
export function toggleFavorite(pubkey) {
  const list = favorites();
  const i = list.indexOf(pubkey);
  if (i >= 0) list.splice(i, 1); else list.push(pubkey);
  save(KEYS.favorites, list);
  return i < 0;
}
