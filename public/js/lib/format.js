// Formatting helpers: time, numbers, bytes, hex (ui.md §3.13). DOM-free.

/** toMs converts an ISO string, epoch seconds/ms number or Date to epoch ms (null when unknown). */
export function toMs(v) {
  if (v === null || v === undefined || v === '') return null;
  if (v instanceof Date) return v.getTime();
  if (typeof v === 'number') return v < 1e12 ? v * 1000 : v;
  const t = Date.parse(String(v));
  return Number.isNaN(t) ? null : t;
}

/** timeAgo renders "Ns/Nm/Nh/Nd ago", "in Nm" for the future and "—" when missing. */
export function timeAgo(v, now = Date.now()) {
  const t = toMs(v);
  if (t === null) return '—';
  let d = Math.round((now - t) / 1000);
  const future = d < 0;
  d = Math.abs(d);
  let s;
  if (d < 60) s = `${d}s`;
  else if (d < 3600) s = `${Math.floor(d / 60)}m`;
  else if (d < 86400) s = `${Math.floor(d / 3600)}h`;
  else s = `${Math.floor(d / 86400)}d`;
  return future ? `in ${s}` : `${s} ago`;
}

const pad = (n, w = 2) => String(n).padStart(w, '0');

/** absTime renders YYYY-MM-DD HH:mm:ss in local time (utc=true for UTC); "—" when missing. */
export function absTime(v, utc = false) {
  const t = toMs(v);
  if (t === null) return '—';
  const d = new Date(t);
  const g = utc
    ? [d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate(), d.getUTCHours(), d.getUTCMinutes(), d.getUTCSeconds()]
    : [d.getFullYear(), d.getMonth() + 1, d.getDate(), d.getHours(), d.getMinutes(), d.getSeconds()];
  return `${g[0]}-${pad(g[1])}-${pad(g[2])} ${pad(g[3])}:${pad(g[4])}:${pad(g[5])}`;
}

/** fmtNum formats an integer with thousands separators; "—" for null/NaN. */
export function fmtNum(n) {
  if (n === null || n === undefined || Number.isNaN(Number(n))) return '—';
  return Number(n).toLocaleString('en-US');
}

/** fmtDec formats a number with a fixed number of decimals; "—" for null. */
export function fmtDec(n, digits = 1) {
  if (n === null || n === undefined || Number.isNaN(Number(n))) return '—';
  return Number(n).toFixed(digits);
}

/** fmtBytes renders a byte count as B / KB / MB / GB. */
export function fmtBytes(n) {
  if (n === null || n === undefined || Number.isNaN(Number(n))) return '—';
  const v = Number(n);
  if (Math.abs(v) < 1024) return `${v} B`;
  const units = ['KB', 'MB', 'GB', 'TB'];
  let x = v / 1024;
  let i = 0;
  while (Math.abs(x) >= 1024 && i < units.length - 1) { x /= 1024; i++; }
  return `${x.toFixed(1)} ${units[i]}`;
}

/** fmtDuration renders seconds as "Nd Nh", "Nh Nm", "Nm Ns" or "Ns". */
export function fmtDuration(sec) {
  if (sec === null || sec === undefined || Number.isNaN(Number(sec))) return '—';
  const s = Math.max(0, Math.floor(Number(sec)));
  if (s >= 86400) return `${Math.floor(s / 86400)}d ${Math.floor((s % 86400) / 3600)}h`;
  if (s >= 3600) return `${Math.floor(s / 3600)}h ${Math.floor((s % 3600) / 60)}m`;
  if (s >= 60) return `${Math.floor(s / 60)}m ${s % 60}s`;
  return `${s}s`;
}

/** fmtDistance renders km (or miles when imperial) with m/ft below 1 unit. */
export function fmtDistance(km, imperial = false) {
  if (km === null || km === undefined || Number.isNaN(Number(km))) return '—';
  if (imperial) {
    const mi = Number(km) * 0.621371;
    return mi < 0.1 ? `${Math.round(mi * 5280)} ft` : `${mi.toFixed(1)} mi`;
  }
  return km < 1 ? `${Math.round(km * 1000)} m` : `${Number(km).toFixed(1)} km`;
}

/** shortHash returns the first n characters of a hash, upper-cased. */
export function shortHash(h, n = 8) {
  return String(h || '').slice(0, n).toUpperCase();
}

/** shortKey renders a public key as its first 8 hex characters plus an ellipsis. */
export function shortKey(pk) {
  const s = String(pk || '');
  return s.length > 10 ? `${s.slice(0, 8)}…` : s;
}

/** snrQuality maps an average SNR to Excellent (>10), Good (>0), Marginal (>-5) or Poor. */
export function snrQuality(snr) {
  if (snr === null || snr === undefined || Number.isNaN(Number(snr))) return 'Unknown';
  if (snr > 10) return 'Excellent';
  if (snr > 0) return 'Good';
  if (snr > -5) return 'Marginal';
  return 'Poor';
}

/**
 * nodeStatus classifies a node by last-heard age: Active, Degraded or Silent. Infrastructure roles
 * (repeater, room) use 24 h / 72 h; others 1 h / 24 h.
 */
export function nodeStatus(lastHeard, role, now = Date.now(), th = null) {
  const t = toMs(lastHeard);
  if (t === null) return 'Silent';
  const infra = role === 'repeater' || role === 'room';
  const deg = infra ? (th?.infraDegradedMs ?? 86400000) : (th?.nodeDegradedMs ?? 3600000);
  const sil = infra ? (th?.infraSilentMs ?? 259200000) : (th?.nodeSilentMs ?? 86400000);
  const age = now - t;
  if (age < deg) return 'Active';
  if (age < sil) return 'Degraded';
  return 'Silent';
}

/** observerStatus classifies an observer: Online (<1 h), Stale (<24 h) or Offline. */
export function observerStatus(lastSeen, now = Date.now(), th = null) {
  const t = toMs(lastSeen);
  if (t === null) return 'Offline';
  const age = now - t;
  if (age < (th?.observerOnlineMs ?? 3600000)) return 'Online';
  if (age < (th?.observerStaleMs ?? 86400000)) return 'Stale';
  return 'Offline';
}

/** fmtUnit formats a number with a unit ("7.5 dB"), or "—" alone when the value is missing. */
export function fmtUnit(n, unit, digits = 1) {
  if (n === null || n === undefined || n === '' || Number.isNaN(Number(n))) return '—';
  return `${Number(n).toFixed(digits)} ${unit}`;
}
