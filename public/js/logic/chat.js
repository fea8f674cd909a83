// Channel chat helpers: @mention splitting, user-channel records, packet → message rows. DOM-free.
import { hashtagKey, parseKey, channelHashByte, bytesToHex, normalizeHashtag, tryKeys } from './channel-crypto.js';
import { parseJSON, messageBody } from './payload.js';

/**
 * mentionParts splits message text into [{text, mention}] runs. MeshCore clients write mentions as
 * "@[Name]"; a bare "@word" counts too.
 */
export function mentionParts(text) {
  const s = String(text ?? '');
  const out = [];
  const re = /@\[([^\]\n]{1,64})\]|@([\p{L}\p{N}_-]{2,32})/gu;
  let last = 0;
  for (const m of s.matchAll(re)) {
    if (m.index > last) out.push({ text: s.slice(last, m.index), mention: false });
    out.push({ text: m[0], mention: true, name: m[1] ?? m[2] });
    last = m.index + m[0].length;
  }
  if (last < s.length) out.push({ text: s.slice(last), mention: false });
  return out;
}

/**
 * makeUserChannel validates user input into a stored channel record {id, name, keyHex, kind}:
 * kind 'hashtag' derives the key from the name; kind 'key' takes 32 hex characters (label optional).
 * Throws an Error with a user-facing message on bad input.
 */
export function makeUserChannel({ kind, name, key, label }) {
  if (kind === 'hashtag') {
    const n = normalizeHashtag(name);
    if (!n) throw new Error('Enter a channel name like #mesh (no spaces, up to 64 characters).');
    return { id: `user:${n}`, name: n, keyHex: bytesToHex(hashtagKey(n)), kind: 'hashtag' };
  }
  const k = parseKey(key);
  if (!k) throw new Error('A channel key is 32 hexadecimal characters (16 bytes).');
  const hex = bytesToHex(k);
  const nm = String(label || '').trim().slice(0, 64) || `Key ${hex.slice(0, 8)}`;
  return { id: `user:${hex}`, name: nm, keyHex: hex, kind: 'key' };
}

/** keyRing turns stored channel records into decrypt keys [{id, key, hash}], skipping corrupt entries. */
export function keyRing(channels) {
  const out = [];
  for (const c of channels || []) {
    const key = parseKey(c?.keyHex);
    if (key && typeof c.id === 'string') out.push({ id: c.id, key, hash: channelHashByte(key) });
  }
  return out;
}

/** shareURL is the MeshCore "add channel" link for a QR code. */
export function shareURL(c) {
  const p = new URLSearchParams();
  p.set('name', c.name);
  p.set('secret', c.keyHex);
  return `meshcore://channel/add?${p.toString()}`;
}

function hopCount(p) {
  if (Array.isArray(p._parsedPath)) return p._parsedPath.length;
  const arr = parseJSON(p.path_json, []);
  return Array.isArray(arr) ? arr.length : 0;
}

/**
 * decryptPackets decrypts GRP_TXT transmissions (rows of /api/packets or WS packet data) with the
 * key ring; returns Map<channelId, message[]> with messages oldest first. A message is
 * {sender, text, timestamp, sender_timestamp, packetHash, repeats, hops, snr}.
 */
export function decryptPackets(ring, packets) {
  const out = new Map();
  if (!ring.length) return out;
  const seen = new Set();
  for (const p of packets || []) {
    if (!p || !p.raw_hex || seen.has(p.hash)) continue;
    const r = tryKeys(ring, p.raw_hex);
    if (!r) continue;
    seen.add(p.hash);
    const m = { sender: r.sender, text: r.message, timestamp: p.timestamp || p.first_seen, sender_timestamp: r.timestamp,
      packetHash: p.hash, repeats: p.observation_count || 1, hops: hopCount(p), snr: p.snr ?? null };
    if (!out.has(r.id)) out.set(r.id, []);
    out.get(r.id).push(m);
  }
  for (const list of out.values()) list.sort((a, b) => String(a.timestamp).localeCompare(String(b.timestamp)));
  return out;
}

/** initialsOf returns up to two initials, counting emoji and other astral characters as one. */
export function initialsOf(name) {
  const words = String(name || '?').replace(/^#/, '').trim().split(/[\s_-]+/).filter(Boolean);
  const first = (w) => Array.from(w)[0] || '';
  if (!words.length) return '?';
  if (words.length === 1) return Array.from(words[0]).slice(0, 2).join('').toUpperCase();
  return (first(words[0]) + first(words[1])).toUpperCase();
}

/**
 * wsChannelMessage reads a WebSocket packet: null unless it is a GRP_TXT; otherwise {channel,
 * message} where channel is the server's channel name (decrypted) or "enc_<HEX>" (no key), and
 * message is the chat row for a decrypted one (null when encrypted).
 */
export function wsChannelMessage(d) {
  if (!d || Number(d.payload_type) !== 5) return null;
  const p = d.decoded?.payload || parseJSON(d.decoded_json, null) || {};
  const path = parseJSON(d.path_json, []);
  const base = { timestamp: d.timestamp || d.first_seen || null, packetHash: d.hash, repeats: 1,
    hops: Array.isArray(path) ? path.length : 0, snr: d.snr ?? null, ...(d.scope_name !== undefined ? { scope_name: d.scope_name } : {}) };
  if (p.channel && typeof p.text === 'string') {
    return { channel: String(p.channel), message: { ...base, sender: p.sender || '', text: messageBody(p.text, p.sender), sender_timestamp: p.sender_timestamp ?? null } };
  }
  const hx = String(p.channelHashHex || '').toUpperCase();
  return { channel: hx ? `enc_${hx}` : null, message: null, timestamp: base.timestamp };
}
