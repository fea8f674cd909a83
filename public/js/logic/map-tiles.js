// Tile provider choice for every map (Map, Live, node mini-map): server config map.tiles picked per
// theme, falling back to Carto light/dark. DOM-free.
//
// Accepted shapes of map.tiles (from /api/config/client):
//   {lightDefault: "name", darkDefault: "name", providers: {name: {url, attribution, subdomains}}}
//   {light: <url or {url, ...}>, dark: <url or {url, ...}>}   (and a bare {url} for light)
// A name that is not a provider, or a URL that is not http(s), is ignored.

const CARTO = 'https://{s}.basemaps.cartocdn.com/{style}/{z}/{x}/{y}{r}.png';
const CARTO_ATTR = '© OpenStreetMap contributors © CARTO';

/** DEFAULT_TILES: Carto light_all / dark_all. */
export const DEFAULT_TILES = Object.freeze({
  light: Object.freeze({ url: CARTO.replace('{style}', 'light_all'), attribution: CARTO_ATTR, subdomains: 'abcd' }),
  dark: Object.freeze({ url: CARTO.replace('{style}', 'dark_all'), attribution: CARTO_ATTR, subdomains: 'abcd' }),
});

const httpURL = (u) => typeof u === 'string' && /^https?:\/\//i.test(u);

/** resolve turns a provider name, a URL or a {url,...} object into a tile spec, or null. */
function resolve(v, providers) {
  if (typeof v === 'string' && Object.hasOwn(providers, v)) v = providers[v];
  if (httpURL(v)) return { url: v, attribution: '', subdomains: 'abc' };
  if (v && typeof v === 'object' && httpURL(v.url)) {
    return { url: v.url, attribution: String(v.attribution || ''), subdomains: v.subdomains || 'abc', maxZoom: Number(v.maxZoom) || undefined };
  }
  return null;
}

/**
 * pickTiles returns {url, attribution, subdomains, invert} for the theme. When the config names a
 * light provider but no dark one, dark mode uses the light tiles with invert=true (pages darken them
 * with a CSS filter); with no usable config at all the Carto pair is used.
 */
export function pickTiles(tiles, dark) {
  const t = tiles && typeof tiles === 'object' ? tiles : {};
  const providers = t.providers && typeof t.providers === 'object' ? t.providers : {};
  const light = resolve(t.light ?? t.lightDefault ?? t.url, providers) || resolve(Object.keys(providers)[0], providers);
  if (!dark) return { ...(light || DEFAULT_TILES.light), invert: false };
  const d = resolve(t.dark ?? t.darkDefault, providers);
  if (d) return { ...d, invert: false };
  if (light) return { ...light, invert: true };
  return { ...DEFAULT_TILES.dark, invert: false };
}
