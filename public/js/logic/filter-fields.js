// Field resolution for the packet filter language (ui.md §3.10 field table).
import { payloadName, routeName, isTransport, parseJSON } from './payload.js';
import { pathHops } from './hops.js';

function rowTime(row) {
  const s = row.timestamp || row.first_seen || row.latest;
  if (s === null || s === undefined || s === '') return null;
  const t = typeof s === 'number' ? s : Date.parse(s);
  return Number.isNaN(t) ? null : t;
}

function decoded(row) {
  if (row._decoded !== undefined) return row._decoded;
  const d = typeof row.decoded_json === 'object' && row.decoded_json !== null ? row.decoded_json : parseJSON(row.decoded_json, null);
  Object.defineProperty(row, '_decoded', { value: d, enumerable: false, configurable: true, writable: true });
  return d;
}

function transportCode(row, which) {
  if (!isTransport(row.route_type) || !row.raw_hex) return null;
  const hex = String(row.raw_hex).toUpperCase();
  const start = which === 1 ? 2 : 6;
  if (hex.length < start + 4) return null;
  return hex.slice(start, start + 4);
}

/** resolveField returns a row's value for a filter field name, or null when unavailable. */
export function resolveField(row, name, now = Date.now()) {
  const f = String(name).toLowerCase();
  if (f.startsWith('payload.')) {
    let v = decoded(row);
    for (const part of name.split('.').slice(1)) {
      if (v === null || typeof v !== 'object') return null;
      v = v[part];
    }
    return v === undefined ? null : v;
  }
  const raw = row.raw_hex ? String(row.raw_hex) : null;
  switch (f) {
    case 'type': return row.payload_type === null || row.payload_type === undefined ? null : payloadName(row.payload_type);
    case 'route': return row.route_type === null || row.route_type === undefined ? null : routeName(row.route_type);
    case 'transport': return row.route_type === null || row.route_type === undefined ? null : isTransport(row.route_type);
    case 'hash': return row.hash || null;
    case 'raw': return raw;
    case 'size': return raw ? raw.length / 2 : null;
    case 'payload_bytes': return raw ? Math.max(0, raw.length / 2 - 2) : null;
    case 'payload_hex': return raw ? raw.slice(4) : null;
    case 'snr': return typeof row.snr === 'number' ? row.snr : null;
    case 'rssi': return typeof row.rssi === 'number' ? row.rssi : null;
    case 'hops': return pathHops(row).length;
    case 'observer': return row.observer_name || null;
    case 'observer_id': return row.observer_id || null;
    case 'observer_iata': case 'iata': return row.observer_iata || null;
    case 'observations': return row.observation_count ?? row.count ?? null;
    case 'time': case 'timestamp': return rowTime(row);
    case 'age': { const t = rowTime(row); return t === null ? null : (now - t) / 1000; }
    case 'path': case 'path_prefixes': return pathHops(row).join(' → ');
    case 'routed_through': {
      const rp = Array.isArray(row.resolved_path) ? row.resolved_path : parseJSON(row.resolved_path, []);
      return (rp || []).filter(Boolean).map((x) => String(x).toLowerCase()).join(' ');
    }
    case 'code1': return transportCode(row, 1);
    case 'code2': return transportCode(row, 2);
    default: return null;
  }
}
