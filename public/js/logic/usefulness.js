// Usefulness grade of repeaters and rooms (api.md §4.4; definitions in the OpenAPI NodeBase schema).
// Pure helpers: what the grade means and how the four axes made it.

export const WEIGHTS = { bridge: 0.30, coverage: 0.25, redundancy: 0.25, traffic: 0.20 };
export const BANDS = [['A', 0.65], ['B', 0.45], ['C', 0.30], ['D', 0.15], ['F', 0]];

/** AXES describe each axis in one line (same wording as the API documentation). */
export const AXES = [
  ['bridge_score', 'Bridge', 'lies on the shortest paths between other nodes'],
  ['coverage_score', 'Coverage', 'reaches much of the mesh in few, strong links'],
  ['redundancy_score', 'Redundancy', 'nodes lose their only route if it disappears'],
  ['traffic_share_score', 'Traffic share', 'share of non-advert packets it relayed'],
];

const pct = (v) => `${Math.round((Number(v) || 0) * 100)} %`;

/** hasGrade reports a node the server graded (repeaters and rooms once the neighbour graph exists). */
export function hasGrade(n) {
  return Boolean(n && typeof n.usefulness_grade === 'string' && n.usefulness_grade);
}

/** gradeSortKey orders nodes by composite score; ungraded nodes (null) sort last either way. */
export function gradeSortKey(n) {
  return hasGrade(n) ? Number(n.usefulness_score) || 0 : null;
}

/** gradeTone maps a grade to a badge tone. */
export function gradeTone(g) {
  return { A: 'ok', B: 'ok', C: 'warn', D: 'warn', F: 'bad' }[g] || 'muted';
}

/** gradeExplain is the tooltip text: the score, the band it fell in and the four axes. */
export function gradeExplain(n) {
  if (!hasGrade(n)) {
    if (n && n.usefulness_score !== undefined) return 'Not graded yet: the neighbour graph has not been built since the server started.';
    return 'Only repeaters and rooms are graded.';
  }
  const band = BANDS.find(([g]) => g === n.usefulness_grade);
  const next = BANDS[BANDS.indexOf(band) - 1];
  const range = next ? `${band[1].toFixed(2)}–${next[1].toFixed(2)}` : `≥ ${band[1].toFixed(2)}`;
  const lines = [`Grade ${n.usefulness_grade}: usefulness ${pct(n.usefulness_score)} (band ${range}).`,
    'Weighted 30 % bridge, 25 % coverage, 25 % redundancy, 20 % traffic (relative to the busiest relay):'];
  for (const [key, label, what] of AXES) lines.push(`• ${label} ${pct(n[key])}: ${what}`);
  return lines.join('\n');
}

/** multiByteText describes the node's multi-byte path-hash capability in words. */
export function multiByteText(n) {
  const max = n?.multi_byte_max_hash_size;
  switch (n?.multi_byte_status) {
    case 'confirmed': return `Confirmed (${max}-byte hashes in its own adverts)`;
    case 'suspected': return `Suspected (a ${max}-byte hop matching its key was seen; prefixes can collide)`;
    case 'unknown': return 'Unknown (only 1-byte hashes seen)';
    default: return '—';
  }
}
