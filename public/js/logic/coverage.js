// Pure helpers of the Reach and RX Coverage pages: SNR bands for hex cells and links, the coverage
// request for a map view, and the default query values kept out of the URL.

/** SNR_BANDS colour SNR (dB) on the maps: strong, usable, marginal; no reading is grey. */
export const SNR_BANDS = [
  { min: 5, color: '#2da44e', label: '≥ 5 dB' },
  { min: -5, color: '#bf8700', label: '−5 … 5 dB' },
  { min: -Infinity, color: '#cf222e', label: '< −5 dB' },
];
export const NO_SNR = '#8c959f';

/** snrColor maps an SNR to its band colour (grey when unknown). */
export function snrColor(snr) {
  if (snr === null || snr === undefined || !Number.isFinite(snr)) return NO_SNR;
  return SNR_BANDS.find((b) => snr >= b.min).color;
}

/** DAY_CHOICES are the lookbacks the pages offer (the API accepts 1–30). */
export const DAY_CHOICES = [['1', '24 h'], ['7', '7 d'], ['30', '30 d']];

/** pickDays keeps a known lookback from the URL, else 7. */
export function pickDays(v) {
  return DAY_CHOICES.some((d) => d[0] === String(v)) ? String(v) : '7';
}

/** hexRes turns a map zoom into the API's hex resolution (3–18). */
export function hexRes(zoom) {
  return Math.min(18, Math.max(3, Math.round(Number(zoom) || 12)));
}

/** bboxParam formats Leaflet-style bounds {south, west, north, east} as minLat,minLon,maxLat,maxLon, clamped to the API's range. */
export function bboxParam(b) {
  const c = (v, lo, hi) => Math.min(hi, Math.max(lo, v)).toFixed(5);
  return [c(b.south, -90, 90), c(b.west, -180, 180), c(b.north, -90, 90), c(b.east, -180, 180)].join(',');
}

/** totalCount adds the reception counts of a coverage FeatureCollection. */
export function totalCount(fc) {
  return (fc?.features || []).reduce((s, f) => s + (f.properties?.count || 0), 0);
}

/** isHexKey reports a 64-hex-char public key. */
export function isHexKey(s) {
  return /^[0-9a-f]{64}$/i.test(String(s || ''));
}
