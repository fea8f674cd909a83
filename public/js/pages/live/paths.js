// Turning packets into what the Live map draws: normalise a WebSocket frame or a replayed row,
// locate sender → hops → observer, and test the Live filters (type, region, node, favourites).
import { parseJSON, payloadName } from '../../logic/payload.js';
import { pathHops } from '../../logic/hops.js';
import { toMs } from '../../lib/format.js';
import { hasGPS } from '../../components/map/filters.js';

/** normalize flattens a WS frame ({...flat, packet, decoded}) or a stored observation into one row. */
export function normalize(data, tx) {
  const base = tx ? { ...tx, ...data } : (data && data.packet ? { ...data.packet, ...data } : { ...data });
  base.hash = base.hash || tx?.hash;
  base.payload_type = base.payload_type ?? tx?.payload_type;
  base.decoded = typeof base.decoded_json === 'object' && base.decoded_json ? base.decoded_json : parseJSON(base.decoded_json, {}) || {};
  base.t = toMs(base.timestamp || base.first_seen) ?? Date.now();
  base.hops = pathHops(base);
  return base;
}

/**
 * locate returns {keys, points, seq}: keys are the node keys involved (sender, hops, observer; null
 * when unknown), points the LatLng path through the located ones, and seq one {key, ll, prefix}
 * per step (prefix on hops only) for inferring unknown hops. ctx: {byKey, prefix, observers}.
 */
export function locate(row, ctx) {
  const keys = [];
  const points = [];
  const seq = [];
  const push = (k, n, prefix = null) => {
    keys.push(k);
    const ll = n && hasGPS(n) ? [n.lat, n.lon] : null;
    if (ll) points.push(ll);
    seq.push({ key: k, ll, prefix });
  };
  const sender = String(row.decoded.pubKey || row.from_pubkey || '').toLowerCase();
  if (sender) push(sender, ctx.byKey.get(sender) || (hasGPS(row.decoded) ? row.decoded : null));
  const resolved = Array.isArray(row.resolved_path) ? row.resolved_path : [];
  row.hops.forEach((prefix, i) => {
    let k = resolved[i] ? String(resolved[i]).toLowerCase() : null;
    if (!k) {
      const c = ctx.prefix.get(prefix.toLowerCase()) || [];
      if (c.length === 1) k = String(c[0].public_key).toLowerCase();
    }
    push(k, k ? ctx.byKey.get(k) : null, prefix);
  });
  const oid = String(row.observer_id || '').toLowerCase();
  if (oid) push(oid, ctx.observers.get(oid) || ctx.byKey.get(oid));
  return { keys, points, seq };
}

/** typeKey groups payload types for the type filter (rare ones under OTHER). */
export function typeKey(pt) {
  const n = payloadName(pt);
  return ['ADVERT', 'GRP_TXT', 'TXT_MSG', 'REQ', 'RESPONSE', 'ACK', 'PATH', 'TRACE', 'ANON_REQ'].includes(n) ? n : 'OTHER';
}

/**
 * scopeMatches applies the Live scope filter to a packet's scope_name (null or absent: not scoped;
 * '': a region not listed in hashRegions): 'unscoped', 'unknown' or a region name, case-insensitive.
 */
export function scopeMatches(scope, want) {
  if (want === 'unscoped') return scope === null || scope === undefined;
  if (want === 'unknown') return scope === '';
  return typeof scope === 'string' && scope !== '' && scope.toLowerCase() === want.toLowerCase();
}

/**
 * isMultibyte tells whether a packet's path uses 2- or 3-byte hop hashes (a hop prefix of 4 or more
 * hex digits). TRACE paths hold SNR samples, not hop hashes, and a path without hops has no size.
 */
export function isMultibyte(row) {
  if (typeKey(row.payload_type) === 'TRACE') return false;
  return row.hops.some((p) => p.length >= 4);
}

/**
 * matches applies the Live filters. f: {types:Set|null, region:'', node:'', scope:'', favOnly, favs:Set, multibyte};
 * ctx.observers maps observer id → row with iata.
 */
export function matches(row, keys, f, ctx) {
  if (f.types && !f.types.has(typeKey(row.payload_type))) return false;
  if (f.region) {
    const o = ctx.observers.get(String(row.observer_id || '').toLowerCase());
    const iata = String(row.observer_iata || o?.iata || '').toUpperCase();
    if (iata !== f.region) return false;
  }
  if (f.scope && !scopeMatches(row.scope_name, f.scope)) return false;
  if (f.multibyte && !isMultibyte(row)) return false;
  const ks = keys.filter(Boolean);
  if (f.node) {
    const want = f.node.toLowerCase().split(',').map((s) => s.trim()).filter(Boolean);
    if (!want.some((w) => ks.some((k) => k.startsWith(w)))) return false;
  }
  if (f.favOnly && !ks.some((k) => f.favs.has(k))) return false;
  return true;
}
