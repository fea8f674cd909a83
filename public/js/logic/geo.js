// Geography helpers shared by the map and the path inspector. DOM-free.

/** haversineKm is the great-circle distance between two {lat, lon} points (mean Earth radius 6371 km). */
export function haversineKm(a, b) {
  const R = 6371;
  const rad = (d) => (d * Math.PI) / 180;
  const dLat = rad(b.lat - a.lat);
  const dLon = rad(b.lon - a.lon);
  const x = Math.sin(dLat / 2) ** 2 + Math.cos(rad(a.lat)) * Math.cos(rad(b.lat)) * Math.sin(dLon / 2) ** 2;
  return 2 * R * Math.asin(Math.min(1, Math.sqrt(x)));
}

/** located reports whether a point has usable coordinates (0,0 is "no GPS fix"), as the map's markers do. */
export function located(p) {
  return Boolean(p) && Number.isFinite(p.lat) && Number.isFinite(p.lon) && !(p.lat === 0 && p.lon === 0)
    && Math.abs(p.lat) <= 90 && Math.abs(p.lon) <= 180;
}
