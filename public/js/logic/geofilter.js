// Geo-filter and area shapes for the stand-alone tools (geofilter-builder.html, area-map.html).
// DOM-free. The rules mirror PUT /api/config/geo-filter, so the builder can say what is wrong
// before the server does.

export const MAX_POINTS = 1000;
export const MAX_BUFFER_KM = 20000;

const round6 = (v) => Math.round(v * 1e6) / 1e6;

/** filterBody returns the PUT body {polygon: [[lat, lon], ...], bufferKm} (coordinates to 6 decimals). */
export function filterBody(points, bufferKm) {
  return { polygon: points.map(([lat, lon]) => [round6(lat), round6(lon)]), bufferKm: Number(bufferKm) || 0 };
}

/** problem returns what makes points/bufferKm unacceptable to the server, or '' when they are fine. */
export function problem(points, bufferKm) {
  const b = Number(bufferKm);
  if (!Number.isFinite(b) || b < 0 || b > MAX_BUFFER_KM) return `Buffer must be between 0 and ${MAX_BUFFER_KM} km.`;
  if (points.length > 0 && points.length < 3) return `A polygon needs at least 3 points (${points.length} so far).`;
  if (points.length > MAX_POINTS) return `At most ${MAX_POINTS} points (${points.length} drawn).`;
  const bad = points.findIndex(([lat, lon]) => !(Math.abs(lat) <= 90 && Math.abs(lon) <= 180));
  return bad >= 0 ? `Point ${bad + 1} is outside latitude ±90 / longitude ±180.` : '';
}

/**
 * parseFilter reads pasted JSON ({polygon, bufferKm} or a bare [[lat, lon], ...] list) and returns
 * {points, bufferKm}; it throws an Error with a readable message otherwise.
 */
export function parseFilter(text) {
  let v;
  try { v = JSON.parse(text); } catch { throw new Error('Not valid JSON.'); }
  const list = Array.isArray(v) ? v : v && typeof v === 'object' ? v.polygon : null;
  if (!Array.isArray(list)) throw new Error('Expected {"polygon": [[lat, lon], ...]} or a list of [lat, lon] pairs.');
  const points = list.map((p, i) => {
    if (!Array.isArray(p) || p.length !== 2 || !p.every((x) => typeof x === 'number' && Number.isFinite(x))) {
      throw new Error(`Point ${i + 1} is not a [lat, lon] pair of numbers.`);
    }
    return [p[0], p[1]];
  });
  const bufferKm = !Array.isArray(v) && v.bufferKm !== undefined ? Number(v.bufferKm) : 0;
  const why = problem(points, bufferKm);
  if (why) throw new Error(why);
  return { points, bufferKm };
}

/**
 * areaRing returns an area's outline as [[lat, lon], ...]: its polygon (3+ points), else the four
 * corners of a complete bounding box, else null (nothing to draw).
 */
export function areaRing(a) {
  if (Array.isArray(a?.polygon) && a.polygon.length >= 3) return a.polygon.map(([lat, lon]) => [lat, lon]);
  const { latMin, latMax, lonMin, lonMax } = a || {};
  if ([latMin, latMax, lonMin, lonMax].every((x) => typeof x === 'number' && Number.isFinite(x))) {
    return [[latMin, lonMin], [latMax, lonMin], [latMax, lonMax], [latMin, lonMax]];
  }
  return null;
}

/** areaKind names an area's shape for the table: 'polygon (n points)', 'box' or 'incomplete'. */
export function areaKind(a) {
  if (Array.isArray(a?.polygon) && a.polygon.length >= 3) return `polygon (${a.polygon.length} points)`;
  return areaRing(a) ? 'box' : 'incomplete';
}
