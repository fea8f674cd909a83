// Packet feed rows: live merging into groups, sorting, expansion into display items, client-side filters. DOM-free.
import { payloadName } from './payload.js';
import { pathHops } from './hops.js';
import { scopeSortKey } from './scope.js';

/** MAX_ROWS caps the rows the feed keeps (ui.md §1.4: 50 000). */
export const MAX_ROWS = 50000;

const ms = (v) => {
  if (v === null || v === undefined || v === '') return null;
  const t = typeof v === 'number' ? v : Date.parse(v);
  return Number.isNaN(t) ? null : t;
};

/** rowTime returns the row's display time in epoch ms: latest observation for groups, else timestamp/first_seen. */
export function rowTime(r) {
  return ms(r.latest) ?? ms(r.timestamp) ?? ms(r.first_seen);
}

/** rowSize returns the raw byte count of a row (null without raw hex). */
export function rowSize(r) {
  return r.raw_hex ? r.raw_hex.length / 2 : null;
}

/** hashBytes returns the path hash size from the raw path-length byte; null for TRACE (its path bytes are SNRs). */
export function hashBytes(r) {
  if (!r.raw_hex || r.payload_type === 9) return null;
  const hex = String(r.raw_hex);
  const off = r.route_type === 0 || r.route_type === 3 ? 10 : 2;
  if (hex.length < off + 2) return null;
  return (parseInt(hex.slice(off, off + 2), 16) >> 6) + 1;
}

/** SORT_KEYS maps packet table columns to sort accessors. */
export const SORT_KEYS = {
  region: (r) => r.observer_iata || null,
  time: rowTime,
  hash: (r) => r.hash || null,
  size: rowSize,
  hb: hashBytes,
  type: (r) => payloadName(r.payload_type),
  scope: scopeSortKey,
  observer: (r) => r.observer_name || r.observer_id || null,
  snr: (r) => (typeof r.snr === 'number' ? r.snr : null),
  rssi: (r) => (typeof r.rssi === 'number' ? r.rssi : null),
  path: (r) => pathHops(r).length,
  rpt: (r) => r.observation_count ?? r.count ?? 1,
};

function cmp(a, b) {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  return String(a).localeCompare(String(b), undefined, { numeric: true, sensitivity: 'base' });
}

/** sortPackets returns rows sorted by a column; missing values always sort last; ties keep input order. */
export function sortPackets(rows, sort) {
  const get = SORT_KEYS[sort.col];
  if (!get) return rows.slice();
  const dir = sort.asc ? 1 : -1;
  const keyed = rows.map((r, i) => ({ r, i, k: get(r) }));
  keyed.sort((x, y) => {
    const xn = x.k === null || x.k === undefined;
    const yn = y.k === null || y.k === undefined;
    if (xn || yn) return xn === yn ? x.i - y.i : xn ? 1 : -1;
    return cmp(x.k, y.k) * dir || x.i - y.i;
  });
  return keyed.map((x) => x.r);
}

/** flattenWS turns a WebSocket "packet" message into a flat observation row. */
export function flattenWS(data) {
  if (!data || typeof data !== 'object') return null;
  const base = data.packet && typeof data.packet === 'object' ? { ...data.packet } : {};
  for (const [k, v] of Object.entries(data)) if (k !== 'packet' && k !== 'decoded' && v !== undefined) base[k] = v;
  base._live = Date.now();
  return base.hash ? base : null;
}

/**
 * flattenObservations lists transmissions (fetched with expand=observations) as one row per observation, the way
 * the ungrouped feed shows them: observer, SNR, RSSI, path and time as that observer heard it, the rest from the
 * transmission. keep(observation) drops observations outside the observer/region filters (the server selects
 * transmissions heard by those observers, and keeps every observation of them). Newest observation first.
 */
export function flattenObservations(txs, keep = () => true) {
  const out = [];
  for (const t of txs || []) {
    const obs = Array.isArray(t.observations) && t.observations.length ? t.observations : [null];
    for (const o of obs) {
      if (o && !keep(o)) continue;
      const row = { ...t };
      delete row.observations;
      if (o) {
        Object.assign(row, { obs_id: o.id, observer_id: o.observer_id ?? null, observer_name: o.observer_name ?? null,
          observer_iata: o.observer_iata ?? null, snr: o.snr ?? null, rssi: o.rssi ?? null, path_json: o.path_json ?? null,
          direction: o.direction ?? null, resolved_path: o.resolved_path ?? null, timestamp: o.timestamp || t.first_seen });
        delete row._parsedPath;
      }
      out.push(row);
    }
  }
  return out;
}

/**
 * observationFilter returns keep(observation) for the view's observer and region filters; observerIata maps an
 * observer id to its IATA when an observation does not carry one.
 */
export function observationFilter(st, observerIata = null) {
  return (o) => {
    if (st.observers.length && !st.observers.includes(o.observer_id)) return false;
    if (!st.regions.length) return true;
    return st.regions.includes(String(o.observer_iata || (observerIata && observerIata.get(o.observer_id)) || '').toUpperCase());
  };
}

/**
 * mergeLive folds new observation rows into the feed (newest first). Grouped: an existing group's counts and
 * latest time update and it moves to the top; expanded children get the observation appended. Flat: rows are
 * prepended. Rows beyond max are dropped. Returns the number of new top-level rows.
 */
export function mergeLive(rows, incoming, { group = true, max = MAX_ROWS, children = null } = {}) {
  let added = 0;
  for (const p of incoming) {
    if (!p || !p.hash) continue;
    const when = new Date(p._live || Date.now()).toISOString();
    if (!group) { rows.unshift({ ...p, latest: when }); added++; continue; }
    const i = rows.findIndex((r) => r.hash === p.hash);
    if (i >= 0) {
      const g = rows[i];
      const seen = g._observers || new Set([g.observer_id].filter(Boolean));
      Object.defineProperty(g, '_observers', { value: seen, enumerable: false, configurable: true, writable: true });
      if (p.observer_id && !seen.has(p.observer_id)) { seen.add(p.observer_id); g.observer_count = (g.observer_count || 1) + 1; }
      g.count = (g.count || 1) + 1;
      g.observation_count = Math.max((g.observation_count || 1) + 1, p.observation_count || 0);
      g.latest = when;
      if (p._live) g._live = p._live;
      rows.splice(i, 1);
      rows.unshift(g);
      if (children && children.has(p.hash)) children.get(p.hash).push({ ...p });
    } else {
      rows.unshift({ ...p, count: 1, observer_count: 1, observation_count: p.observation_count || 1, latest: when,
        distinct_iatas: p.observer_iata ? [p.observer_iata] : [] });
      added++;
    }
  }
  if (rows.length > max) rows.length = max;
  return added;
}

/** OBS_SORTS lists the orders for a group's observation rows. */
export const OBS_SORTS = [['time', 'Time ↑'], ['time-desc', 'Time ↓'], ['observer', 'Observer'], ['path', 'Path ↑'], ['path-desc', 'Path ↓']];

/** sortObservations orders one group's observations: by time, observer name, or hop count (ties by time). */
export function sortObservations(list, mode = 'time') {
  const t = (o) => ms(o.timestamp) ?? 0;
  const byTime = (a, b) => t(a) - t(b) || (Number(a.id) || 0) - (Number(b.id) || 0);
  const cmpFn = {
    'time-desc': (a, b) => byTime(b, a),
    observer: (a, b) => String(a.observer_name || a.observer_id || '').localeCompare(String(b.observer_name || b.observer_id || '')) || byTime(a, b),
    path: (a, b) => pathHops(a).length - pathHops(b).length || byTime(a, b),
    'path-desc': (a, b) => pathHops(b).length - pathHops(a).length || byTime(a, b),
  }[mode] || byTime;
  return list.slice().sort(cmpFn);
}

/**
 * displayItems expands sorted top-level rows into table items. Expanded groups (hash in children map) are followed
 * by one child item per observation, in obsSort order (see OBS_SORTS). Item: {key, row, kind:'group'|'child'|'flat', parent?, expandable}.
 */
export function displayItems(rows, { group = true, expanded = new Set(), children = new Map(), obsSort = 'time' } = {}) {
  const out = [];
  for (const r of rows) {
    if (!group) { out.push({ key: r.obs_id !== undefined ? `${r.hash}:${r.obs_id}` : `o${r.id ?? r.hash}-${out.length}`, row: r, kind: 'flat', expandable: false }); continue; }
    const n = r.observation_count ?? r.count ?? 1;
    out.push({ key: r.hash, row: r, kind: 'group', expandable: n > 1, expanded: expanded.has(r.hash) });
    if (expanded.has(r.hash) && children.has(r.hash)) {
      for (const c of sortObservations(children.get(r.hash), obsSort)) {
        out.push({ key: `${r.hash}:${c.id}`, row: { ...r, ...c, hash: r.hash, payload_type: r.payload_type, route_type: r.route_type,
          decoded_json: r.decoded_json, observation_count: n }, kind: 'child', parent: r.hash, expandable: false });
      }
    }
  }
  return out;
}

/** mineMatcher returns a predicate telling whether a row mentions one of the given full public keys. */
export function mineMatcher(keys) {
  const ks = [...new Set((keys || []).map((k) => String(k).toLowerCase()).filter((k) => k.length >= 16))];
  return (r) => {
    if (!ks.length) return false;
    const dj = String(typeof r.decoded_json === 'string' ? r.decoded_json : JSON.stringify(r.decoded_json || '')).toLowerCase();
    const rp = Array.isArray(r.resolved_path) ? r.resolved_path.map((x) => String(x || '').toLowerCase()) : [];
    return ks.some((k) => dj.includes(k) || rp.includes(k));
  };
}

/**
 * liveAccepts tells whether a live observation passes the server-side filters of the current view (the same
 * ones /api/packets applied to the loaded rows). mine is an optional predicate for the My Nodes toggle.
 */
export function liveAccepts(st, p, { observerIata = null, mine = null, now = Date.now() } = {}) {
  if (st.types.length && !st.types.includes(String(p.payload_type))) return false;
  if (st.observers.length && !st.observers.includes(p.observer_id)) return false;
  if (st.regions.length) {
    const iata = String(p.observer_iata || (observerIata && observerIata.get(p.observer_id)) || '').toUpperCase();
    if (!st.regions.includes(iata)) return false;
  }
  if (st.hash && String(p.hash).toLowerCase() !== st.hash) return false;
  if (st.channel) {
    let ch;
    try { ch = JSON.parse(p.decoded_json || 'null')?.channel ?? null; } catch { ch = null; }
    if (p.payload_type !== 5 || String(ch || '').toLowerCase() !== st.channel.toLowerCase()) return false;
  }
  if (st.node) {
    const n = st.node.toLowerCase();
    const hay = `${p.decoded_json || ''} ${(p.resolved_path || []).join(' ')}`.toLowerCase();
    if (!hay.includes(n)) return false;
  }
  if (st.timeWindow !== '0' && rowTime(p) !== null && rowTime(p) < now - Number(st.timeWindow) * 60000) return false;
  if (st.mine && mine && !mine(p)) return false;
  return true;
}
