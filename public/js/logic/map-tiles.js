// Tile provider choice for small maps: server config (map.tiles {lightDefault, darkDefault, providers})
// picked per theme, falling back to OpenStreetMap. DOM-free.

const OSM = { url: 'https://{s}.tile.openstreetmap.org/{z}/{x}/{y}.png', attribution: '© OpenStreetMap contributors', invert: false };

/**
 * pickTiles returns {url, attribution, invert} for the theme. tiles is /api/config/client map.tiles
 * (or /api/config/map tiles). Without a dark provider the light one is used with invert=true (the
 * page darkens it with a CSS filter).
 */
export function pickTiles(tiles, dark) {
  const providers = tiles && typeof tiles.providers === 'object' && tiles.providers ? tiles.providers : {};
  const get = (name) => {
    const p = name ? providers[name] : null;
    return p && typeof p.url === 'string' && /^https?:\/\//.test(p.url) ? { url: p.url, attribution: String(p.attribution || '') } : null;
  };
  const light = get(tiles?.lightDefault) || get(Object.keys(providers)[0]) || OSM;
  if (!dark) return { ...light, invert: false };
  const d = get(tiles?.darkDefault);
  return d ? { ...d, invert: false } : { url: light.url, attribution: light.attribution, invert: true };
}
