// Stable colours derived from packet hashes and names (colour-by-hash).

/** hashHue returns a hue 0..359 derived from a string with FNV-1a. */
export function hashHue(s) {
  let h = 0x811c9dc5;
  const str = String(s || '');
  for (let i = 0; i < str.length; i++) {
    h ^= str.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h % 360;
}

/** hashColor returns an hsl() colour for a string; dark selects a lighter tone. */
export function hashColor(s, dark = false) {
  return `hsl(${hashHue(s)}, 65%, ${dark ? 62 : 42}%)`;
}

/**
 * readableHashColor is hashColor toned for contrast (WCAG AA 4.5:1 for every hue): in light
 * mode dark enough behind white initials or as text on a light page, in dark mode light enough
 * behind near-black initials or as text on a dark page.
 */
export function readableHashColor(s, dark = false) {
  return `hsl(${hashHue(s)}, 65%, ${dark ? 68 : 27}%)`;
}

/** initials returns up to two upper-case initials for a display name. */
export function initials(name) {
  const clean = String(name || '?').replace(/^#/, '').trim();
  const parts = clean.split(/[\s_-]+/).filter(Boolean);
  if (parts.length === 0) return '?';
  if (parts.length === 1) return parts[0].slice(0, 2).toUpperCase();
  return (parts[0][0] + parts[1][0]).toUpperCase();
}
