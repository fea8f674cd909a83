// Path inspector model: hop prefixes in, per-hop candidates with ambiguity and distances, and the
// ranked candidate routes of POST /api/paths/inspect with their lengths. DOM-free.
import { haversineKm, located } from './geo.js';

/** MAX_PREFIXES mirrors the server's bound on one inspection (api.md §3.8 #71). */
export const MAX_PREFIXES = 64;

/** parsePrefixes splits "2C, A1 f4" into ['2c', 'a1', 'f4'] (commas or spaces; "0x" dropped). */
export function parsePrefixes(text) {
  return String(text || '').split(/[\s,]+/).map((p) => p.trim().toLowerCase().replace(/^0x/, '')).filter(Boolean);
}

/** prefixesParam is the deep-link form: comma-separated lower-case hex. */
export function prefixesParam(list) {
  return list.join(',');
}

/** ambiguity names a hop by how many nodes share its prefix. */
export function ambiguity(count) {
  return count === 0 ? 'no match' : count === 1 ? 'unique' : 'ambiguous';
}

/** kmBetween is the distance of two located points, else null. */
export function kmBetween(a, b) {
  return located(a) && located(b) ? haversineKm(a, b) : null;
}

/**
 * hopRows joins the top route of an inspection with the per-prefix candidates of /api/resolve-hops:
 * [{prefix, candidates:[{pubkey, name, lat, lon}], count, ambiguity, chosen, km}] where chosen is the
 * top route's node for the hop and km the distance from the previous hop's chosen node.
 */
export function hopRows(prefixes, inspect, resolved) {
  const top = inspect?.candidates?.[0];
  const byKey = new Map();
  const rows = prefixes.map((prefix, i) => {
    const r = resolved?.[prefix] || {};
    const candidates = (r.candidates || []).map((c) => ({ pubkey: String(c.pubkey || '').toLowerCase(), name: c.name || '', lat: c.lat, lon: c.lon }));
    for (const c of candidates) byKey.set(c.pubkey, c);
    const per = top?.evidence?.perHop?.[i];
    const count = per ? per.candidatesConsidered : candidates.length;
    const key = top?.path?.[i] ? String(top.path[i]).toLowerCase() : '';
    return { prefix, candidates, count, ambiguity: ambiguity(count), chosenKey: key, chosen: null, km: null, edgeWeight: per?.edgeWeight ?? null };
  });
  rows.forEach((row, i) => {
    row.chosen = row.chosenKey ? (byKey.get(row.chosenKey) || { pubkey: row.chosenKey, name: top.names?.[i] || '' }) : null;
    if (i > 0) row.km = kmBetween(rows[i - 1].chosen, row.chosen);
  });
  return rows;
}

/**
 * routeRows lists the inspection's candidate routes with the sum of their located hop-to-hop
 * distances (null when fewer than two consecutive hops are located). coords maps pubkey → {lat, lon}.
 */
export function routeRows(inspect, coords) {
  return (inspect?.candidates || []).map((c, i) => {
    let km = null;
    const path = (c.path || []).map((k) => String(k).toLowerCase());
    for (let j = 1; j < path.length; j++) {
      const d = kmBetween(coords.get(path[j - 1]), coords.get(path[j]));
      if (d !== null) km = (km || 0) + d;
    }
    return { rank: i + 1, score: c.score, speculative: Boolean(c.speculative), path, names: c.names || [], km };
  });
}
