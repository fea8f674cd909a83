// Prefix Tool model: which 1-, 2- and 3-byte public-key prefixes the mesh's nodes already use.
// A relay is named in packet paths by the first 1–3 bytes of its key, so a new node whose prefix
// nobody else uses is never confused with another one. Pure functions over /api/nodes rows.

export const SIZES = [1, 2, 3];
const SPACE = { 1: 256, 2: 65536, 3: 16777216 };

/** relays keeps the roles that appear as hops in paths (repeaters and rooms). */
export function isRelay(n) {
  return n && (n.role === 'repeater' || n.role === 'room');
}

/** prefixIndex maps, per size, an upper-case prefix to the nodes whose key starts with it. */
export function prefixIndex(nodes) {
  const idx = { 1: new Map(), 2: new Map(), 3: new Map() };
  for (const n of nodes || []) {
    const pk = String(n.public_key || '').toUpperCase();
    if (!/^[0-9A-F]{6,}$/.test(pk)) continue;
    for (const s of SIZES) {
      const p = pk.slice(0, 2 * s);
      if (!idx[s].has(p)) idx[s].set(p, []);
      idx[s].get(p).push(n);
    }
  }
  return idx;
}

/** usage summarises one size: prefixes in use, shared by more than one node, and free. */
export function usage(idx, size) {
  let shared = 0;
  for (const list of idx[size].values()) if (list.length > 1) shared++;
  return { used: idx[size].size, shared, free: SPACE[size] - idx[size].size, space: SPACE[size] };
}

/** normalisePrefix upper-cases hex input; null unless it is 2–64 hex digits of whole bytes. */
export function normalisePrefix(s) {
  const v = String(s || '').trim().replace(/^0x/i, '').toUpperCase();
  return /^([0-9A-F]{2}){1,32}$/.test(v) ? v : null;
}

/** check reports, for each byte size the input covers, the nodes already using that prefix. */
export function check(idx, hex) {
  const v = normalisePrefix(hex);
  if (!v) return [];
  return SIZES.filter((s) => v.length >= 2 * s).map((s) => {
    const prefix = v.slice(0, 2 * s);
    const nodes = idx[s].get(prefix) || [];
    return { size: s, prefix, nodes, free: nodes.length === 0 };
  });
}

/** freeOneByte lists the 1-byte prefixes no node uses, ascending. */
export function freeOneByte(idx) {
  const out = [];
  for (let i = 0; i < 256; i++) {
    const p = i.toString(16).toUpperCase().padStart(2, '0');
    if (!idx[1].has(p)) out.push(p);
  }
  return out;
}

/**
 * suggest returns a 3-byte prefix free at every size it can be: a free first byte when one is left
 * (else the least-used one), then free second and third bytes. rand() in [0,1) picks among equals.
 */
export function suggest(idx, rand = Math.random) {
  const hex = (i) => i.toString(16).toUpperCase().padStart(2, '0');
  const pick = (list) => list[Math.floor(rand() * list.length) % list.length];
  const byUse = (size, base) => {
    const all = [];
    for (let i = 0; i < 256; i++) all.push({ p: base + hex(i), n: (idx[size].get(base + hex(i)) || []).length });
    const least = Math.min(...all.map((x) => x.n));
    return pick(all.filter((x) => x.n === least)).p;
  };
  const one = byUse(1, '');
  const two = byUse(2, one);
  return byUse(3, two);
}
