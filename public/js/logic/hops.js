// Hop display: turn path_json hop prefixes into labelled chips using resolved_path and a node index.
import { parseJSON } from './payload.js';

/** pathHops parses a row's path_json into an array of upper-case hex prefixes. */
export function pathHops(row) {
  if (!row) return [];
  const v = Array.isArray(row.path_json) ? row.path_json : parseJSON(row.path_json, []);
  return Array.isArray(v) ? v.map((x) => String(x).toUpperCase()) : [];
}

/** buildPrefixIndex maps lower-case pubkey prefixes (1-3 bytes) to node lists. */
export function buildPrefixIndex(nodes) {
  const idx = new Map();
  for (const n of nodes || []) {
    const pk = String(n.public_key || '').toLowerCase();
    for (const len of [2, 4, 6]) {
      if (pk.length < len) continue;
      const k = pk.slice(0, len);
      if (!idx.has(k)) idx.set(k, []);
      idx.get(k).push(n);
    }
  }
  return idx;
}

/**
 * resolveHops labels each hop. resolved (row.resolved_path) wins; otherwise a unique prefix match
 * names the hop; several matches mark it ambiguous.
 * @returns {{prefix:string,name:string|null,pubkey:string|null,ambiguous:boolean}[]}
 */
export function resolveHops(hops, resolved, index, byKey) {
  return hops.map((prefix, i) => {
    const rk = Array.isArray(resolved) ? resolved[i] : null;
    if (rk) {
      const n = byKey ? byKey.get(String(rk).toLowerCase()) : null;
      return { prefix, name: n ? n.name || null : null, pubkey: String(rk).toLowerCase(), ambiguous: false };
    }
    const cands = index ? index.get(prefix.toLowerCase()) || [] : [];
    if (cands.length === 1) return { prefix, name: cands[0].name || null, pubkey: cands[0].public_key, ambiguous: false };
    return { prefix, name: null, pubkey: null, ambiguous: cands.length > 1 };
  });
}

/** hopLabel returns the display text for a resolved hop. */
export function hopLabel(hop, hexOnly = false) {
  if (hexOnly || !hop.name) return hop.ambiguous ? `${hop.prefix}?` : hop.prefix;
  return hop.name;
}
