// Region scope of a packet (docs/scopes.md). The API's scope_name is "#name" when the transport code
// matched a region listed in hashRegions, "" when it is scoped to an unlisted region, and null when the
// packet is not scoped (plain flood, direct, or transport code 0000). DOM-free.

/** transportCode returns code1 of a transport-route packet as 4 upper-case hex digits, or null. */
export function transportCode(rawHex, routeType) {
  if ((routeType !== 0 && routeType !== 3) || typeof rawHex !== 'string' || rawHex.length < 6) return null;
  const c = rawHex.slice(2, 6).toUpperCase();
  return /^[0-9A-F]{4}$/.test(c) ? c : null;
}

/**
 * scopeInfo describes a packet's scope: {kind: 'named'|'unlisted'|'unscoped', label, title}, or null when the row
 * does not say (a shape without scope_name, such as an observation row).
 */
export function scopeInfo(p) {
  if (!p || !('scope_name' in p)) return null;
  const s = p.scope_name;
  const code = transportCode(p.raw_hex, p.route_type);
  if (typeof s === 'string' && s !== '') {
    return { kind: 'named', label: s, title: `Scoped to region ${s}${code ? ` (transport code ${code})` : ''}` };
  }
  if (s === '') {
    return { kind: 'unlisted', label: code ? `scoped ${code}` : 'scoped', title: `Scoped to a region not listed in hashRegions${code ? ` (transport code ${code})` : ''}` };
  }
  return { kind: 'unscoped', label: 'unscoped', title: 'Not scoped to a region: repeaters configured with denyf * drop it' };
}

/** scopeSortKey orders named regions first (by name), then unlisted scopes, then unscoped traffic. */
export function scopeSortKey(p) {
  const i = scopeInfo(p);
  if (!i) return null;
  return i.kind === 'named' ? `0 ${i.label.toLowerCase()}` : i.kind === 'unlisted' ? `1 ${i.label}` : '2';
}
