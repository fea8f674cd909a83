// Client-side MeshCore group-channel decryption (packet-format §5.2/§5.3, ui.md §3.11). Keys never
// leave the browser: this module does no I/O. DOM-free and synchronous.
// SHA-256, HMAC and AES come from the audited @noble packages, served from node_modules as /vendor/.
import { sha256 } from '/vendor/@noble/hashes/sha2.js';
import { hmac } from '/vendor/@noble/hashes/hmac.js';
import { ecb } from '/vendor/@noble/ciphers/aes.js';
import { breakdown } from './bytes.js';

const enc = new TextEncoder();

/** bytesToHex renders bytes as lower-case hex. */
export function bytesToHex(b) {
  return Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');
}

/** hexBytes parses an even-length hex string (whitespace ignored); null when invalid. */
export function hexBytes(s) {
  const h = String(s || '').replace(/\s+/g, '');
  if (!h || h.length % 2 || !/^[0-9a-fA-F]+$/.test(h)) return null;
  const out = new Uint8Array(h.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = parseInt(h.slice(2 * i, 2 * i + 2), 16);
  return out;
}

/** normalizeHashtag trims a channel name and prefixes "#" when missing; null for an empty/invalid name. */
export function normalizeHashtag(name) {
  let n = String(name || '').trim();
  if (!n || n === '#') return null;
  if (!n.startsWith('#')) n = `#${n}`;
  if (/\s/.test(n) || n.length > 64) return null;
  return n;
}

/** hashtagKey derives a hashtag channel key: the first 16 bytes of SHA-256 of the UTF-8 name incl. "#". */
export function hashtagKey(name) {
  return sha256(enc.encode(name)).slice(0, 16);
}

/** parseKey accepts a 32-hex-character (16-byte) channel key; null otherwise. */
export function parseKey(hex) {
  const b = hexBytes(hex);
  return b && b.length === 16 ? b : null;
}

/** channelHashByte is the first byte of SHA-256 of the key: the channel id carried in GRP_TXT packets. */
export function channelHashByte(key) {
  return sha256(key)[0];
}

/** grpPayload extracts the GRP_TXT payload bytes from a raw packet hex; null when not a GRP_TXT. */
export function grpPayload(rawHex) {
  const bd = breakdown(rawHex);
  if (bd.error || bd.payloadType !== 5) return null;
  return bd.bytes.subarray(bd.payloadStart);
}

function countNonPrintable(text) {
  let n = 0;
  for (const ch of text) {
    const c = ch.codePointAt(0);
    if ((c < 0x20 && ch !== '\n' && ch !== '\t') || c === 0xfffd) n++;
  }
  return n;
}

/** splitSender splits "name: message" the way the server does (prefix < 50 bytes, no ':', '[' or ']'). */
export function splitSender(text) {
  const i = text.indexOf(': ');
  const prefix = i > 0 ? text.slice(0, i) : '';
  const bytes = enc.encode(prefix).length;
  if (i > 0 && bytes < 50 && !/[:[\]]/.test(prefix)) return { sender: prefix, message: text.slice(i + 2) };
  return { sender: '', message: text };
}

/**
 * decryptGroupText tries one 16-byte key on a GRP_TXT payload (channel_hash:1 | MAC:2 | ciphertext).
 * Returns {ok:true, timestamp, flags, text, sender, message} or {ok:false, reason} where reason is
 * 'short' | 'hash' (channel byte differs) | 'mac' | 'length' | 'text'.
 */
export function decryptGroupText(key, payload, hashByte = channelHashByte(key)) {
  if (!payload || payload.length < 3 + 5) return { ok: false, reason: 'short' };
  if (payload[0] !== hashByte) return { ok: false, reason: 'hash' };
  const mac = payload.subarray(1, 3);
  const cipher = payload.subarray(3);
  const secret = new Uint8Array(32);
  secret.set(key);
  const want = hmac(sha256, secret, cipher);
  if (want[0] !== mac[0] || want[1] !== mac[1]) return { ok: false, reason: 'mac' };
  if (cipher.length % 16 !== 0) return { ok: false, reason: 'length' };
  const plain = ecb(key, { disablePadding: true }).decrypt(cipher);
  const timestamp = (plain[0] | (plain[1] << 8) | (plain[2] << 16) | (plain[3] << 24)) >>> 0;
  let end = plain.indexOf(0, 5);
  if (end < 0) end = plain.length;
  let text;
  try { text = new TextDecoder('utf-8', { fatal: true }).decode(plain.subarray(5, end)); } catch { return { ok: false, reason: 'text' }; }
  if (countNonPrintable(text) > 2) return { ok: false, reason: 'text' };
  return { ok: true, timestamp, flags: plain[4], text, ...splitSender(text) };
}

/**
 * tryKeys decrypts a raw GRP_TXT packet with the first matching user key.
 * keys: [{id, key:Uint8Array, hash:number}]. Returns {id, ...decrypted} or null.
 */
export function tryKeys(keys, rawHex) {
  const payload = grpPayload(rawHex);
  if (!payload) return null;
  for (const k of keys) {
    if (payload[0] !== k.hash) continue;
    const r = decryptGroupText(k.key, payload, k.hash);
    if (r.ok) return { id: k.id, ...r };
  }
  return null;
}
