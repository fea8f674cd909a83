// Hex byte breakdown of a raw packet (ui.md §3.12). DOM-free; recomputed per observation.
import { payloadName, routeName, isTransport } from './payload.js';

/** normalizeHex strips whitespace and returns upper-case hex, or null when not valid hex. */
export function normalizeHex(s) {
  const h = String(s || '').replace(/\s+/g, '');
  if (h.length === 0 || h.length % 2 !== 0 || !/^[0-9a-fA-F]+$/.test(h)) return null;
  return h.toUpperCase();
}

/** hexToBytes converts a hex string to a Uint8Array (empty on invalid input). */
export function hexToBytes(hex) {
  const h = normalizeHex(hex);
  if (!h) return new Uint8Array(0);
  const out = new Uint8Array(h.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = parseInt(h.slice(i * 2, i * 2 + 2), 16);
  return out;
}

const toHex = (b, s, e) => Array.from(b.slice(s, e), (x) => x.toString(16).padStart(2, '0').toUpperCase()).join('');
const u32le = (b, o) => (b[o] | (b[o + 1] << 8) | (b[o + 2] << 16) | (b[o + 3] << 24)) >>> 0;
const i32le = (b, o) => b[o] | (b[o + 1] << 8) | (b[o + 2] << 16) | (b[o + 3] << 24);
const int8 = (x) => (x > 127 ? x - 256 : x);

/** RANGE_KINDS lists the colour classes a range may carry, with legend labels. */
export const RANGE_KINDS = {
  header: 'Header', transport: 'Transport codes', pathlen: 'Path length', path: 'Path', payload: 'Payload',
  pubkey: 'Public key', timestamp: 'Timestamp', signature: 'Signature', flags: 'Flags', location: 'Location',
  feature: 'Feature', name: 'Name', mac: 'MAC', cipher: 'Ciphertext', hash: 'Hash',
};

/**
 * breakdown splits a raw packet into coloured byte ranges and field rows.
 * @returns {{bytes:Uint8Array, ranges:{start:number,end:number,kind:string,label:string}[],
 *   fields:{offset:number,length:number,field:string,value:string,description:string}[],
 *   routeType:number|null, payloadType:number|null, hashSize:number, hopCount:number, hops:string[],
 *   pathStart:number, payloadStart:number, error:string|null}}
 */
export function breakdown(hexIn) {
  const b = hexToBytes(hexIn);
  const res = { bytes: b, ranges: [], fields: [], routeType: null, payloadType: null, hashSize: 0, hopCount: 0,
    hops: [], pathStart: 0, payloadStart: 0, snrValues: [], error: null };
  if (b.length === 0) { res.error = 'no bytes'; return res; }
  const add = (start, len, kind, label, value, description = '') => {
    const end = Math.min(start + len, b.length);
    if (end <= start) return;
    res.ranges.push({ start, end, kind, label });
    res.fields.push({ offset: start, length: end - start, field: label, value: value ?? toHex(b, start, end), description });
  };
  const h = b[0];
  res.routeType = h & 0x03;
  res.payloadType = (h >> 2) & 0x0f;
  const version = h >> 6;
  add(0, 1, 'header', 'Header', `0x${toHex(b, 0, 1)}`,
    `route ${routeName(res.routeType)}, type ${payloadName(res.payloadType)}, version ${version}`);
  let o = 1;
  if (isTransport(res.routeType)) {
    if (b.length < 5) { res.error = 'truncated transport codes'; return res; }
    add(1, 4, 'transport', 'Transport Codes', `${toHex(b, 1, 3)} ${toHex(b, 3, 5)}`, 'two 2-byte region codes');
    o = 5;
  }
  if (o >= b.length) { res.error = 'missing path length'; return res; }
  const pl = b[o];
  res.hashSize = (pl >> 6) + 1;
  res.hopCount = pl & 0x3f;
  add(o, 1, 'pathlen', 'Path Length', `0x${toHex(b, o, o + 1)}`, `${res.hopCount} hops × ${res.hashSize} byte hash`);
  o += 1;
  res.pathStart = o;
  const pathLen = res.hashSize * res.hopCount;
  if (pathLen > 0) {
    const isTrace = res.payloadType === 9;
    for (let i = 0; i < res.hopCount && o + (i + 1) * res.hashSize <= b.length; i++) {
      res.hops.push(toHex(b, o + i * res.hashSize, o + (i + 1) * res.hashSize));
      if (isTrace) res.snrValues.push(int8(b[o + i * res.hashSize]) / 4);
    }
    add(o, pathLen, 'path', `Path (${res.hopCount} hops)`, res.hops.join(' '),
      isTrace ? `per-hop SNR: ${res.snrValues.map((x) => `${x} dB`).join(', ')}` : 'hop hash prefixes');
    if (o + pathLen > b.length) res.error = 'path extends past end of packet';
    o += pathLen;
  }
  res.payloadStart = o;
  if (o < b.length) payloadRanges(b, o, res, add);
  return res;
}

function payloadRanges(b, o, res, add) {
  const n = b.length - o;
  const t = res.payloadType;
  if (t === 4 && n >= 100) return advert(b, o, add);
  if (t === 5 || t === 6) {
    add(o, 1, 'hash', 'Channel Hash', `0x${toHex(b, o, o + 1)}`, 'first byte of SHA-256 of the channel key');
    add(o + 1, 2, 'mac', 'MAC', null, 'HMAC-SHA256, first 2 bytes');
    add(o + 3, n - 3, 'cipher', 'Ciphertext', null, `${Math.max(0, n - 3)} bytes, AES-128-ECB`);
    return;
  }
  if (t === 3) {
    add(o, 4, 'hash', 'ACK Checksum', null, 'first 4 bytes of SHA-256 of the acknowledged message');
    if (n > 4) add(o + 4, n - 4, 'payload', 'ACK extra', null, 'attempt / random bytes');
    return;
  }
  if (t === 9 && n >= 9) {
    add(o, 4, 'hash', 'Trace Tag', `${u32le(b, o)}`);
    add(o + 4, 4, 'hash', 'Auth Code', `${u32le(b, o + 4)}`);
    add(o + 8, 1, 'flags', 'Trace Flags', `0x${toHex(b, o + 8, o + 9)}`, `route entries of ${1 << (b[o + 8] & 3)} bytes`);
    if (n > 9) add(o + 9, n - 9, 'hash', 'Route Hops', null, 'intended route');
    return;
  }
  if ([0, 1, 2, 8].includes(t) && n >= 4) {
    add(o, 1, 'hash', 'Dest Hash', `0x${toHex(b, o, o + 1)}`);
    add(o + 1, 1, 'hash', 'Src Hash', `0x${toHex(b, o + 1, o + 2)}`);
    add(o + 2, 2, 'mac', 'MAC', null);
    add(o + 4, n - 4, 'cipher', 'Ciphertext', null, `${n - 4} bytes`);
    return;
  }
  if (t === 7 && n >= 35) {
    add(o, 1, 'hash', 'Dest Hash', `0x${toHex(b, o, o + 1)}`);
    add(o + 1, 32, 'pubkey', 'Ephemeral PubKey', null);
    add(o + 33, 2, 'mac', 'MAC', null);
    add(o + 35, n - 35, 'cipher', 'Ciphertext', null, `${n - 35} bytes`);
    return;
  }
  add(o, n, 'payload', 'Payload', null, `${n} bytes`);
}

function advert(b, o, add) {
  add(o, 32, 'pubkey', 'PubKey', null, 'Ed25519 public key');
  const ts = u32le(b, o + 32);
  add(o + 32, 4, 'timestamp', 'Timestamp', String(ts), new Date(ts * 1000).toISOString());
  add(o + 36, 64, 'signature', 'Signature', null, 'Ed25519 signature');
  let p = o + 100;
  if (p >= b.length) return;
  const flags = b[p];
  const roles = ['none', 'companion', 'repeater', 'room', 'sensor'];
  add(p, 1, 'flags', 'Flags', `0x${toHex(b, p, p + 1)}`, `type ${roles[flags & 0x0f] || `type-${flags & 0x0f}`}` +
    `${flags & 0x10 ? ', location' : ''}${flags & 0x80 ? ', name' : ''}`);
  p += 1;
  if (flags & 0x10 && b.length - p >= 8) {
    add(p, 4, 'location', 'Latitude', (i32le(b, p) / 1e6).toFixed(6));
    add(p + 4, 4, 'location', 'Longitude', (i32le(b, p + 4) / 1e6).toFixed(6));
    p += 8;
  }
  if (flags & 0x20 && b.length - p >= 2) { add(p, 2, 'feature', 'Feature 1', null); p += 2; }
  if (flags & 0x40 && b.length - p >= 2) { add(p, 2, 'feature', 'Feature 2', null); p += 2; }
  if (flags & 0x80 && p < b.length) {
    let text;
    try { text = new TextDecoder().decode(b.slice(p)).replace(/\0+$/, ''); } catch { text = ''; }
    add(p, b.length - p, 'name', 'Name', text);
  }
}

/** rangeAt returns the kind of the range that contains byte index i, or 'payload'. */
export function rangeAt(ranges, i) {
  for (const r of ranges) if (i >= r.start && i < r.end) return r.kind;
  return 'payload';
}

/**
 * decryptedFields returns the extra field-table rows for a channel message the server decrypted (§3.12): channel,
 * sender, sender time and text. They carry no byte offset (they live inside the ciphertext). Empty otherwise.
 */
export function decryptedFields(decoded) {
  const d = decoded && typeof decoded === 'object' ? decoded : null;
  if (!d || typeof d.text !== 'string') return [];
  const rows = [];
  if (d.channel) rows.push({ field: 'Channel', value: String(d.channel), description: `decrypted with the key of ${d.channel}` });
  if (d.sender) rows.push({ field: 'Sender', value: String(d.sender), description: 'from the plaintext' });
  if (typeof d.sender_timestamp === 'number') {
    rows.push({ field: 'Sender time', value: String(d.sender_timestamp), description: new Date(d.sender_timestamp * 1000).toISOString() });
  }
  rows.push({ field: 'Text', value: d.text, description: 'decrypted message' });
  return rows.map((r) => ({ offset: null, length: 0, ...r }));
}
