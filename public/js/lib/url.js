// Query state inside the location hash: "#/page/param?key=value". DOM-light (takes strings).

/**
 * parseHash splits a hash like "#/packets/abc?filter=x" into {path:['packets','abc'], query:{filter:'x'}}.
 * Path segments are URI-decoded; an empty hash yields path [].
 */
export function parseHash(hash) {
  let s = String(hash || '');
  if (s.startsWith('#')) s = s.slice(1);
  if (s.startsWith('/')) s = s.slice(1);
  const qi = s.indexOf('?');
  const pathPart = qi >= 0 ? s.slice(0, qi) : s;
  const qs = qi >= 0 ? s.slice(qi + 1) : '';
  const path = pathPart.split('/').filter((x) => x !== '').map((x) => {
    try { return decodeURIComponent(x); } catch { return x; }
  });
  const query = {};
  for (const [k, v] of new URLSearchParams(qs)) query[k] = v;
  return { path, query };
}

/**
 * buildHash assembles "#/a/b?k=v" from path segments and a query object. Keys whose value is
 * null, undefined, '' or equal to defaults[key] are omitted (default values stay out of the URL).
 */
export function buildHash(path, query = {}, defaults = {}) {
  const segs = (Array.isArray(path) ? path : [path]).filter((x) => x !== null && x !== undefined && x !== '')
    .map((x) => encodeURIComponent(String(x)));
  const params = new URLSearchParams();
  for (const k of Object.keys(query).sort()) {
    const v = query[k];
    if (v === null || v === undefined || v === '' || v === false) continue;
    if (Object.hasOwn(defaults, k) && String(defaults[k]) === String(v)) continue;
    params.set(k, String(v));
  }
  const qs = params.toString();
  return `#/${segs.join('/')}${qs ? `?${qs}` : ''}`;
}

/** parseSort reads "col" or "col:asc" into {col, asc}; fallback when empty. */
export function parseSort(s, fallback = { col: '', asc: false }) {
  if (!s) return { ...fallback };
  const [col, dir] = String(s).split(':');
  return { col, asc: dir === 'asc' };
}

/** formatSort writes {col, asc} as "col" (descending) or "col:asc". */
export function formatSort(sort) {
  if (!sort || !sort.col) return '';
  return sort.asc ? `${sort.col}:asc` : sort.col;
}
