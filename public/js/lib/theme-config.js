// Branding, home text, navigation and colour overrides: the server's /api/config/theme (config.json
// blocks and the operator's theme.json) with this browser's customizer overrides on top
// (localStorage 'cs-theme-overrides', same sections as theme.json). The server's default colours are
// this UI's base.css palette, so its colours are applied as given and the overrides win over them.
import { getJSON } from './api.js';
import { load, save } from './store.js';

/** OVERRIDES_KEY stores the customizer's delta over the server's theme. */
export const OVERRIDES_KEY = 'cs-theme-overrides';

/** COLOR_TOKENS: theme.json colour key → CSS custom property → label. */
export const COLOR_TOKENS = Object.freeze([
  ['accent', '--accent', 'Accent'], ['navBg', '--nav-bg', 'Header background'], ['navText', '--nav-text', 'Header text'],
  ['background', '--bg', 'Page background'], ['surface1', '--surface', 'Cards and panels'], ['text', '--text', 'Text'],
  ['textMuted', '--text-muted', 'Muted text'], ['border', '--border', 'Borders'], ['rowHover', '--row-hover', 'Row hover'],
  ['selectedBg', '--row-selected', 'Selected row'], ['statusGreen', '--ok', 'Status: good'], ['statusYellow', '--warn', 'Status: warning'],
  ['statusRed', '--bad', 'Status: bad'],
]);

/** CB_PRESETS are the colour-blind simulations (feColorMatrix rows, Machado et al. 2009 at full severity). */
export const CB_PRESETS = Object.freeze({
  protanopia: '0.152 1.053 -0.205 0 0  0.115 0.786 0.099 0 0  -0.004 -0.048 1.052 0 0  0 0 0 1 0',
  deuteranopia: '0.367 0.861 -0.228 0 0  0.280 0.673 0.047 0 0  -0.012 0.043 0.969 0 0  0 0 0 1 0',
  tritanopia: '1.256 -0.077 -0.179 0 0  -0.078 0.931 0.148 0 0  0.005 0.691 0.304 0 0  0 0 0 1 0',
  achromatopsia: '0.299 0.587 0.114 0 0  0.299 0.587 0.114 0 0  0.299 0.587 0.114 0 0  0 0 0 1 0',
});

/** SERVER_ONLY_TOKENS are further colour keys the operator's config may set (no customizer field). */
const SERVER_ONLY_TOKENS = Object.freeze([['surface2', '--surface2'], ['surface3', '--surface3'], ['navTextMuted', '--nav-muted'],
  ['rowStripe', '--row-stripe']]);

const TEXT_FIELDS = { branding: ['siteName', 'tagline', 'logoUrl', 'faviconUrl'], home: ['heroTitle', 'heroSubtitle'] };
const COLOR_RE = /^#(?:[0-9a-f]{3}|[0-9a-f]{6})$/i;
const MAX_TEXT = 200;

/**
 * sanitizeOverrides keeps the known sections with valid values and returns {value, errors}: colours
 * are #rgb/#rrggbb, texts are strings up to 200 characters, logo/favicon URLs are http(s) or
 * same-origin paths, nav.hidden is a list of page keys. Anything else is dropped with an error line.
 */
export function sanitizeOverrides(raw) {
  const errors = [];
  const out = {};
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) return { value: out, errors: ['theme.json must be a JSON object'] };
  for (const [sec, fields] of Object.entries(TEXT_FIELDS)) {
    const src = raw[sec];
    if (src === undefined) continue;
    if (!src || typeof src !== 'object') { errors.push(`${sec}: not an object`); continue; }
    for (const f of fields) {
      const v = src[f];
      if (v === undefined) continue;
      if (typeof v !== 'string' || v.length > MAX_TEXT) { errors.push(`${sec}.${f}: expected text up to ${MAX_TEXT} characters`); continue; }
      if (/Url$/.test(f) && v && !/^(https?:\/\/|\/(?!\/))/i.test(v)) { errors.push(`${sec}.${f}: only http(s) or /path URLs`); continue; }
      (out[sec] ||= {})[f] = v;
    }
  }
  for (const sec of ['theme', 'themeDark']) {
    const src = raw[sec];
    if (src === undefined) continue;
    if (!src || typeof src !== 'object') { errors.push(`${sec}: not an object`); continue; }
    for (const [key] of COLOR_TOKENS) {
      const v = src[key];
      if (v === undefined) continue;
      if (typeof v !== 'string' || !COLOR_RE.test(v)) { errors.push(`${sec}.${key}: expected a colour like #1a2b3c`); continue; }
      (out[sec] ||= {})[key] = v.toLowerCase();
    }
  }
  if (raw.nav !== undefined) {
    const hidden = raw.nav?.hidden;
    if (Array.isArray(hidden) && hidden.every((k) => typeof k === 'string' && /^[a-z-]{1,32}$/.test(k))) out.nav = { hidden: [...new Set(hidden)] };
    else errors.push('nav.hidden: expected a list of page names');
  }
  if (raw.colorBlind !== undefined) {
    if (raw.colorBlind === '' || Object.hasOwn(CB_PRESETS, raw.colorBlind)) out.colorBlind = raw.colorBlind;
    else errors.push('colorBlind: unknown preset');
  }
  return { value: out, errors };
}

/** mergeTheme lays overrides over the server's sections (one level deep). */
export function mergeTheme(server, overrides) {
  const out = {};
  for (const sec of new Set([...Object.keys(server || {}), ...Object.keys(overrides || {})])) {
    const a = server?.[sec];
    const b = overrides?.[sec];
    out[sec] = a && typeof a === 'object' && !Array.isArray(a) && b && typeof b === 'object' && !Array.isArray(b) ? { ...a, ...b } : (b ?? a);
  }
  return out;
}

/** exportable is what "Export theme.json" writes: the overrides minus the per-browser preview. */
export function exportable(overrides) {
  const rest = { ...(overrides || {}) };
  delete rest.colorBlind;
  return rest;
}

/** loadOverrides reads the stored overrides (sanitized: storage is user-editable). */
export function loadOverrides() {
  return sanitizeOverrides(load(OVERRIDES_KEY, {})).value;
}

/** saveOverrides stores the overrides and re-applies the theme. */
export function saveOverrides(o) {
  save(OVERRIDES_KEY, o);
  applyTheme();
}

let serverTheme = null;
let serverPromise = null;

/** fetchServerTheme loads /api/config/theme once; an unreachable server leaves the built-in look. */
export function fetchServerTheme() {
  serverPromise ||= getJSON('/config/theme', null, { quiet: true }).then((t) => { serverTheme = t || {}; return serverTheme; })
    .catch(() => { serverTheme = {}; return serverTheme; });
  return serverPromise;
}

/** effectiveTheme is the server theme with this browser's overrides; null before the server answered. */
export function effectiveTheme() {
  return serverTheme ? mergeTheme(serverTheme, loadOverrides()) : null;
}

/** sanitizeColors keeps the #rgb/#rrggbb values of a server colour block (config is operator input too). */
function sanitizeColors(block) {
  const out = {};
  if (!block || typeof block !== 'object') return out;
  for (const [key] of [...COLOR_TOKENS, ...SERVER_ONLY_TOKENS]) {
    if (typeof block[key] === 'string' && COLOR_RE.test(block[key])) out[key] = block[key].toLowerCase();
  }
  return out;
}

/**
 * safeUrl returns the URL when it is http(s) or relative (no scheme, not protocol-relative), else ''.
 * Browsers drop tabs, newlines and leading spaces from URLs, so those are removed before the check.
 */
export function safeUrl(u) {
  if (typeof u !== 'string') return '';
  const s = Array.from(u).filter((c) => c.charCodeAt(0) > 0x20).join('');
  if (!s) return '';
  if (/^https?:\/\//i.test(s)) return u.trim();
  if (/^[a-z][a-z0-9+.-]*:/i.test(s) || s.startsWith('//') || s.startsWith('\\') || s.startsWith('/\\')) return '';
  return u.trim();
}

/** applyFavicon points <link rel=icon> at href (created on first use); '' removes an applied one. */
function applyFavicon(href) {
  let link = document.querySelector('link[rel="icon"]');
  if (!href) { if (link?.dataset.themed) link.remove(); return; }
  if (!link) link = Object.assign(document.createElement('link'), { rel: 'icon' });
  link.dataset.themed = 'true';
  if (link.getAttribute('href') !== href) link.setAttribute('href', href);
  if (!link.isConnected) document.head.append(link);
}

function cbSprite() {
  if (document.getElementById('cbFilters')) return;
  const ns = 'http://www.w3.org/2000/svg';
  const svg = document.createElementNS(ns, 'svg');
  svg.setAttribute('class', 'cb-filters');
  svg.setAttribute('id', 'cbFilters');
  svg.setAttribute('aria-hidden', 'true');
  for (const [name, matrix] of Object.entries(CB_PRESETS)) {
    const f = document.createElementNS(ns, 'filter');
    f.setAttribute('id', `cb-${name}`);
    f.setAttribute('color-interpolation-filters', 'linearRGB');
    // The filter region is the element's own box: the default 10% margin would widen the page.
    for (const [a, v] of [['x', '0'], ['y', '0'], ['width', '1'], ['height', '1']]) f.setAttribute(a, v);
    const m = document.createElementNS(ns, 'feColorMatrix');
    m.setAttribute('type', 'matrix');
    m.setAttribute('values', matrix);
    f.append(m);
    svg.append(f);
  }
  document.body.append(svg);
}

/** applyTheme puts branding, navigation, colours (current mode) and the colour-blind preview on the page. */
export function applyTheme() {
  const o = loadOverrides();
  const t = effectiveTheme() || mergeTheme({}, o);
  const root = document.documentElement;
  const dark = root.dataset.theme === 'dark';
  // Operator colours (server, checked like an import) under this browser's overrides.
  const server = sanitizeColors(serverTheme?.[dark ? 'themeDark' : 'theme']);
  const colors = { ...server, ...((dark ? o.themeDark : o.theme) || {}) };
  for (const [key, prop] of [...COLOR_TOKENS, ...SERVER_ONLY_TOKENS]) {
    if (colors[key]) root.style.setProperty(prop, colors[key]); else root.style.removeProperty(prop);
  }
  const b = t.branding || {};
  const name = b.siteName || 'CoreScope';
  const brandText = document.querySelector('#brand .brand-text');
  if (brandText) brandText.textContent = name;
  const brand = document.getElementById('brand');
  if (brand) { brand.setAttribute('aria-label', `${name} home`); if (b.tagline) brand.title = b.tagline; else brand.removeAttribute('title'); }
  const logo = document.getElementById('brandImg');
  if (b.logoUrl) {
    const img = logo || Object.assign(document.createElement('img'), { id: 'brandImg', className: 'brand-img', alt: '', width: 24, height: 24 });
    if (img.getAttribute('src') !== b.logoUrl) img.src = b.logoUrl;
    if (!logo) brand?.prepend(img);
    brand?.querySelector('.brand-logo')?.classList.add('hidden');
  } else if (logo) { logo.remove(); brand?.querySelector('.brand-logo')?.classList.remove('hidden'); }
  applyFavicon(safeUrl(b.faviconUrl));
  if (!/ · /.test(document.title)) document.title = name;
  const desc = document.querySelector('meta[name="description"]');
  if (desc && b.tagline) desc.content = `${name} — ${b.tagline}`;
  const hidden = new Set(t.nav?.hidden || []);
  for (const a of document.querySelectorAll('[data-nav], [data-nav-more]')) {
    const key = a.dataset.nav || a.dataset.navMore;
    (a.closest('li') || a).classList.toggle('nav-hidden', hidden.has(key));
  }
  if (o.colorBlind) { cbSprite(); root.dataset.cb = o.colorBlind; } else delete root.dataset.cb;
  window.dispatchEvent(new CustomEvent('branding-change'));
}

/** startTheme fetches the server theme, applies it and keeps the colours in step with the dark/light switch. */
export function startTheme() {
  applyTheme();
  fetchServerTheme().then(applyTheme);
  window.addEventListener('theme-refresh', applyTheme);
  window.addEventListener('storage', (e) => { if (e.key === OVERRIDES_KEY) applyTheme(); });
}
