// Map scope layer (issue #20, DOM-free): colours of the scope-configuration states, the scope and
// declared-region filters with the semantics of /api/nodes?scope= and ?region=#name, and the
// options those filters offer.

/** SCOPE_STATES are scope_config_state values in legend order, with label and colour. */
export const SCOPE_STATES = Object.freeze([
  { key: 'mismatch', label: 'Mismatch', color: '#dc2626', hint: 'forwards outside its configured scopes' },
  { key: 'scoped', label: 'Scoped', color: '#16a34a', hint: 'denyf * and forwards only its scopes' },
  { key: 'open', label: 'Open', color: '#2563eb', hint: 'forwards unscoped traffic by design' },
  { key: 'unknown', label: 'Unknown', color: '#94a3b8', hint: 'no configured scopes reported' },
]);

const BY_KEY = new Map(SCOPE_STATES.map((s) => [s.key, s]));

/** scopeState returns a node row's scope_config_state ('unknown' when absent or unexpected). */
export function scopeState(n) {
  return BY_KEY.has(n?.scope_config_state) ? n.scope_config_state : 'unknown';
}

/** stateColor returns the colour of a scope state. */
export function stateColor(state) {
  return (BY_KEY.get(state) || BY_KEY.get('unknown')).color;
}

/** scopeName is the canonical '#name' form of a user-typed scope ('' stays ''). */
export function scopeName(s) {
  const v = String(s || '').trim();
  return v && v[0] !== '#' && v[0] !== '$' ? `#${v}` : v;
}

const list = (v) => (Array.isArray(v) ? v.map(String) : []);
const hasFold = (have, want) => have.some((x) => x.toLowerCase() === want.toLowerCase());

/** scopeFacts extracts {declared, configured, transported} (string lists) from a node row. */
export function scopeFacts(n) {
  return { declared: list(n?.declared_regions), configured: list(n?.configured_scopes), transported: list(n?.transported_scopes) };
}

/** matchesScope: the item is a node that declares, is configured with or was seen forwarding scope. */
export function matchesScope(it, scope) {
  if (!scope) return true;
  if (it.kind !== 'node') return false;
  const f = it.scopes;
  return hasFold(f.declared, scope) || hasFold(f.configured, scope) || hasFold(f.transported, scope);
}

/** matchesRegion: the item is a node declaring region ('#name'). */
export function matchesRegion(it, region) {
  if (!region) return true;
  return it.kind === 'node' && hasFold(it.scopes.declared, region);
}

/** scopeOptions lists the scopes and declared regions seen on the items, sorted: {scopes, regions}. */
export function scopeOptions(items) {
  const scopes = new Set();
  const regions = new Set();
  for (const it of items) {
    if (it.kind !== 'node') continue;
    for (const s of [...it.scopes.declared, ...it.scopes.configured, ...it.scopes.transported]) scopes.add(s);
    for (const r of it.scopes.declared) regions.add(r);
  }
  const sort = (s) => [...s].sort((a, b) => a.localeCompare(b));
  return { scopes: sort(scopes), regions: sort(regions) };
}
