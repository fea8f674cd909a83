// Map filter state (DOM-free): parse from the URL query / saved settings, write back to a query,
// apply to nodes and observers, and count what each role checkbox would show.
import { toMs, nodeStatus } from '../../lib/format.js';
import { ROLES, roleKey } from './shapes.js';
import { scopeState, scopeFacts, scopeName, matchesScope, matchesRegion, SCOPE_STATES } from './scopes.js';

/** LAST_HEARD maps the Last Heard choices to ms ('all' = no limit). */
export const LAST_HEARD = Object.freeze({ '1h': 3600000, '6h': 21600000, '24h': 86400000, '7d': 604800000, '30d': 2592000000, all: Infinity });

/** DEFAULTS are the filter values left out of the URL. */
export const DEFAULTS = Object.freeze({ roles: ROLES.join(','), status: 'all', lastHeard: '30d', hashSize: 'all', cluster: false, heat: false,
  colorBy: 'role', scope: '', region: '' });

/** parseFilters merges saved settings and then URL query values over DEFAULTS, validating each. */
export function parseFilters(query = {}, saved = {}) {
  const src = { ...DEFAULTS, ...(saved && typeof saved === 'object' ? saved : {}), ...query };
  const roles = new Set(String(src.roles ?? '').split(',').map((r) => r.trim()).filter((r) => ROLES.includes(r)));
  return {
    roles: String(src.roles) === '' ? new Set() : roles,
    status: ['all', 'active', 'stale'].includes(src.status) ? src.status : 'all',
    lastHeard: Object.hasOwn(LAST_HEARD, src.lastHeard) ? src.lastHeard : DEFAULTS.lastHeard,
    hashSize: ['all', '1', '2', '3'].includes(String(src.hashSize)) ? String(src.hashSize) : 'all',
    cluster: src.cluster === true || src.cluster === '1' || src.cluster === 'true',
    heat: src.heat === true || src.heat === '1' || src.heat === 'true',
    // Scope colouring and filters (issue #20): region is a declared region, scope any scope a node has.
    colorBy: src.colorBy === 'scope' ? 'scope' : 'role',
    scope: scopeName(String(src.scope ?? '').slice(0, 40)),
    region: scopeName(String(src.region ?? '').slice(0, 40)),
  };
}

/** filtersToQuery writes filters as strings; buildHash drops those equal to DEFAULTS. */
export function filtersToQuery(f) {
  return {
    roles: ROLES.filter((r) => f.roles.has(r)).join(',') || 'none', status: f.status, lastHeard: f.lastHeard,
    hashSize: f.hashSize, cluster: f.cluster ? '1' : '', heat: f.heat ? '1' : '',
    colorBy: f.colorBy, scope: f.scope, region: f.region,
  };
}

/** hasGPS reports whether a row has a usable location (0,0 counts as none). */
export function hasGPS(n) {
  return n && Number.isFinite(n.lat) && Number.isFinite(n.lon) && !(n.lat === 0 && n.lon === 0) && Math.abs(n.lat) <= 90 && Math.abs(n.lon) <= 180;
}

/** isStale reports whether a node (role-aware thresholds) or observer (24 h) is no longer active. */
export function isStale(item, now, th) {
  if (item.kind === 'observer') {
    const t = toMs(item.last_seen);
    return t === null || now - t > (th?.observerStaleMs ?? 86400000);
  }
  return nodeStatus(item.last_heard || item.last_seen, item.role, now, th) !== 'Active';
}

/**
 * toItems turns nodes and observers into map items {kind, key, role, name, lat, lon, last_seen,
 * hash_size, stale, raw}; rows without GPS are dropped.
 */
export function toItems(nodes, observers, now, th) {
  const out = [];
  for (const n of nodes || []) {
    if (!hasGPS(n)) continue;
    const it = { kind: 'node', key: String(n.public_key).toLowerCase(), role: roleKey(n.role), name: n.name, lat: n.lat, lon: n.lon,
      last_seen: n.last_heard || n.last_seen, hash_size: n.hash_size || null, scopeState: scopeState(n), scopes: scopeFacts(n), raw: n };
    it.stale = isStale(it, now, th);
    out.push(it);
  }
  for (const o of observers || []) {
    if (!hasGPS(o)) continue;
    const it = { kind: 'observer', key: String(o.id).toLowerCase(), role: 'observer', name: o.name, lat: o.lat, lon: o.lon,
      last_seen: o.last_seen, hash_size: null, iata: o.iata, raw: o };
    it.stale = isStale(it, now, th);
    out.push(it);
  }
  return out;
}

function heardWithin(it, lim, now) {
  if (lim === Infinity) return true;
  const t = toMs(it.last_seen);
  return t !== null && now - t <= lim;
}

// One predicate per filter dimension; a facet count applies every dimension but its own.
const DIMS = {
  roles: (it, f) => f.roles.has(it.role),
  status: (it, f) => f.status === 'all' || (f.status === 'stale') === it.stale,
  lastHeard: (it, f, now) => heardWithin(it, LAST_HEARD[f.lastHeard], now),
  hashSize: (it, f) => f.hashSize === 'all' || (it.kind === 'node' && String(it.hash_size) === f.hashSize),
  scope: (it, f) => matchesScope(it, f.scope),
  region: (it, f) => matchesRegion(it, f.region),
};

function passes(it, f, now, skip) {
  for (const [k, fn] of Object.entries(DIMS)) if (k !== skip && !fn(it, f, now)) return false;
  return true;
}

/**
 * applyFilters returns {shown, counts, facets}: the items passing every filter, per role how many
 * pass the other filters, the same per option of status, lastHeard and hashSize, and per scope
 * state how many shown nodes are in it (facets.scopeState).
 */
export function applyFilters(items, f, now = Date.now()) {
  const counts = Object.fromEntries(ROLES.map((r) => [r, 0]));
  const facets = { status: { all: 0, active: 0, stale: 0 }, lastHeard: Object.fromEntries(Object.keys(LAST_HEARD).map((k) => [k, 0])), hashSize: { all: 0, 1: 0, 2: 0, 3: 0 } };
  const shown = [];
  for (const it of items) {
    if (passes(it, f, now, 'roles')) counts[it.role]++;
    if (passes(it, f, now, 'status')) { facets.status.all++; facets.status[it.stale ? 'stale' : 'active']++; }
    if (passes(it, f, now, 'lastHeard')) for (const [k, lim] of Object.entries(LAST_HEARD)) if (heardWithin(it, lim, now)) facets.lastHeard[k]++;
    if (passes(it, f, now, 'hashSize')) { facets.hashSize.all++; if (it.kind === 'node' && facets.hashSize[it.hash_size] !== undefined) facets.hashSize[it.hash_size]++; }
    if (passes(it, f, now, null)) shown.push(it);
  }
  facets.scopeState = Object.fromEntries(SCOPE_STATES.map((s) => [s.key, 0]));
  for (const it of shown) if (it.kind === 'node') facets.scopeState[it.scopeState]++;
  return { shown, counts, facets };
}

/** coreBounds returns [[south, west], [north, east]] of the points with the outer 2 % of latitudes and longitudes trimmed, so one far-away node does not zoom the map out. */
export function coreBounds(points) {
  const lats = points.map((p) => p.lat).sort((a, b) => a - b);
  const lons = points.map((p) => p.lon).sort((a, b) => a - b);
  const k = Math.floor(lats.length * 0.02);
  const hi = lats.length - 1 - k;
  return [[lats[k], lons[k]], [lats[hi], lons[hi]]];
}
