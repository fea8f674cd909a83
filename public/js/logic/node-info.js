// Node page helpers: status explanation with role-aware thresholds, contact QR URL, advert gaps. DOM-free.
import { nodeStatus, toMs, timeAgo } from '../lib/format.js';
import { parseJSON } from './payload.js';

const DEFAULT_TH = { infraDegradedMs: 86400000, infraSilentMs: 259200000, nodeDegradedMs: 3600000, nodeSilentMs: 86400000 };

/** isInfra reports whether a role uses the infrastructure thresholds (repeaters and rooms). */
export function isInfra(role) {
  return role === 'repeater' || role === 'room';
}

function dur(ms) {
  const h = ms / 3600000;
  return h >= 24 && h % 24 === 0 ? `${h / 24} d` : `${+h.toFixed(2)} h`;
}

/**
 * statusExplain returns {status, text}: the node's Active/Degraded/Silent status plus a sentence that
 * says why, naming the thresholds that apply to its role (th = /api/config/client healthThresholds).
 */
export function statusExplain(node, now = Date.now(), th = null) {
  const t = { ...DEFAULT_TH, ...(th || {}) };
  const infra = isInfra(node?.role);
  const deg = infra ? t.infraDegradedMs : t.nodeDegradedMs;
  const sil = infra ? t.infraSilentMs : t.nodeSilentMs;
  const status = nodeStatus(node?.last_seen, node?.role, now, t);
  const kind = infra ? `${node.role === 'room' ? 'Room servers' : 'Repeaters'} advertise rarely, so they` : 'Companions and sensors';
  const rule = `${kind} count as Active when heard within ${dur(deg)}, Degraded within ${dur(sil)}, Silent after that.`;
  const last = toMs(node?.last_seen);
  if (last === null) return { status, text: `Never heard. ${rule}` };
  return { status, text: `Last heard ${timeAgo(last, now)}. ${rule}` };
}

const CONTACT_TYPES = { companion: 1, repeater: 2, room: 3, sensor: 4 };

/** contactURL builds the MeshCore "add contact" URL encoded in a node's QR code. */
export function contactURL(node) {
  const p = new URLSearchParams();
  p.set('name', node?.name || '');
  p.set('public_key', String(node?.public_key || '').toLowerCase());
  p.set('type', String(CONTACT_TYPES[node?.role] || 1));
  return `meshcore://contact/add?${p.toString()}`;
}

/** hasLocation reports whether a node carries a usable GPS position (0,0 counts as none). */
export function hasLocation(n) {
  return Boolean(n) && typeof n.lat === 'number' && typeof n.lon === 'number' && Number.isFinite(n.lat) && Number.isFinite(n.lon)
    && !(n.lat === 0 && n.lon === 0) && Math.abs(n.lat) <= 90 && Math.abs(n.lon) <= 180;
}

/**
 * advertTimeline sorts adverts newest first and adds gapMs = time since the previous (older) advert,
 * so long silences stand out. Input rows need timestamp or first_seen.
 */
export function advertTimeline(adverts) {
  const rows = (adverts || []).map((a) => ({ ...a, t: toMs(a.timestamp || a.first_seen) })).filter((a) => a.t !== null)
    .sort((a, b) => b.t - a.t);
  return rows.map((a, i) => ({ ...a, gapMs: i + 1 < rows.length ? a.t - rows[i + 1].t : null }));
}

/** matchesNode reports whether a node matches a directory search (name substring or pubkey prefix). */
export function matchesNode(n, q) {
  const s = String(q || '').trim().toLowerCase();
  if (!s) return true;
  return String(n.name || '').toLowerCase().includes(s) || String(n.public_key || '').toLowerCase().startsWith(s);
}

/** radioText renders "freq,bw,sf,cr" radio settings readably; other strings pass through. */
export function radioText(r) {
  const p = String(r || '').split(',').map((x) => Number(x));
  if (p.length !== 4 || p.some((x) => !Number.isFinite(x))) return r || '—';
  return `${+p[0].toFixed(3)} MHz · BW ${p[1]} kHz · SF${p[2]} · CR 4/${p[3]}`;
}

const ADVERT_ROLES = { 1: 'companion', 2: 'repeater', 3: 'room', 4: 'sensor' };

/**
 * advertFromWS reads a WebSocket packet: null unless it is an ADVERT carrying a public key; else a
 * node-shaped row {public_key, name, role, lat, lon, last_seen, first_seen, advert_count:1, hash}.
 */
export function advertFromWS(d, now = new Date().toISOString()) {
  if (!d || Number(d.payload_type) !== 4) return null;
  const p = d.decoded?.payload || parseJSON(d.decoded_json, null);
  const pk = String(p?.pubKey || '').toLowerCase();
  if (!/^[0-9a-f]{16,64}$/.test(pk)) return null;
  const ts = d.timestamp || d.first_seen || now;
  return { public_key: pk, name: p.name || '', role: ADVERT_ROLES[p.flags?.type] || 'unknown', lat: p.lat ?? null, lon: p.lon ?? null,
    last_seen: ts, first_seen: ts, advert_count: 1, hash: d.hash || '' };
}
