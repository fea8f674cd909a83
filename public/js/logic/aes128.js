// AES-128 block decryption (FIPS 197) for MeshCore's ECB channel cipher. Web Crypto has no ECB mode
// and is absent on plain-HTTP origins, so the browser decrypts with this. Tables are derived at load
// from GF(2^8) arithmetic. DOM-free.

const SBOX = new Uint8Array(256);
const INV_SBOX = new Uint8Array(256);

const xtime = (a) => ((a << 1) ^ (a & 0x80 ? 0x1b : 0)) & 0xff;
function gmul(a, b) {
  let p = 0;
  for (let i = 0; i < 8; i++) {
    if (b & 1) p ^= a;
    a = xtime(a);
    b >>= 1;
  }
  return p;
}

(function initSbox() {
  // Multiplicative inverse via exp/log tables over generator 3, then the affine transform.
  const exp = new Uint8Array(256);
  const log = new Uint8Array(256);
  let x = 1;
  for (let i = 0; i < 255; i++) { exp[i] = x; log[x] = i; x = gmul(x, 3); }
  for (let a = 0; a < 256; a++) {
    const inv = a === 0 ? 0 : exp[(255 - log[a]) % 255];
    let s = inv;
    for (let r = 1; r <= 4; r++) s ^= ((inv << r) | (inv >> (8 - r))) & 0xff;
    s ^= 0x63;
    SBOX[a] = s;
    INV_SBOX[s] = a;
  }
})();

/** expandKey derives the 11 AES-128 round keys (176 bytes) from a 16-byte key. */
export function expandKey(key) {
  if (!key || key.length !== 16) throw new Error('AES-128 key must be 16 bytes');
  const w = new Uint8Array(176);
  w.set(key);
  let rcon = 1;
  for (let i = 16; i < 176; i += 4) {
    let t0 = w[i - 4]; let t1 = w[i - 3]; let t2 = w[i - 2]; let t3 = w[i - 1];
    if (i % 16 === 0) {
      [t0, t1, t2, t3] = [SBOX[t1] ^ rcon, SBOX[t2], SBOX[t3], SBOX[t0]];
      rcon = xtime(rcon);
    }
    w[i] = w[i - 16] ^ t0; w[i + 1] = w[i - 15] ^ t1; w[i + 2] = w[i - 14] ^ t2; w[i + 3] = w[i - 13] ^ t3;
  }
  return w;
}

function addRoundKey(s, w, round) {
  for (let i = 0; i < 16; i++) s[i] ^= w[round * 16 + i];
}

function invShiftSub(s) {
  // State is column-major (s[row + 4*col]); row r rotates right by r, then the inverse S-box.
  const t = s.slice();
  for (let r = 0; r < 4; r++) for (let c = 0; c < 4; c++) s[r + 4 * ((c + r) % 4)] = INV_SBOX[t[r + 4 * c]];
}

function invMixColumns(s) {
  for (let c = 0; c < 4; c++) {
    const [a0, a1, a2, a3] = [s[4 * c], s[4 * c + 1], s[4 * c + 2], s[4 * c + 3]];
    s[4 * c] = gmul(a0, 14) ^ gmul(a1, 11) ^ gmul(a2, 13) ^ gmul(a3, 9);
    s[4 * c + 1] = gmul(a0, 9) ^ gmul(a1, 14) ^ gmul(a2, 11) ^ gmul(a3, 13);
    s[4 * c + 2] = gmul(a0, 13) ^ gmul(a1, 9) ^ gmul(a2, 14) ^ gmul(a3, 11);
    s[4 * c + 3] = gmul(a0, 11) ^ gmul(a1, 13) ^ gmul(a2, 9) ^ gmul(a3, 14);
  }
}

/** decryptBlock decrypts one 16-byte block with expanded round keys w. */
export function decryptBlock(w, block) {
  const s = Uint8Array.from(block);
  addRoundKey(s, w, 10);
  for (let round = 9; round >= 1; round--) {
    invShiftSub(s);
    addRoundKey(s, w, round);
    invMixColumns(s);
  }
  invShiftSub(s);
  addRoundKey(s, w, 0);
  return s;
}

/** decryptECB decrypts whole 16-byte blocks (no padding removal); throws on a partial block. */
export function decryptECB(key, data) {
  if (data.length % 16 !== 0) throw new Error('ciphertext is not a multiple of 16 bytes');
  const w = expandKey(key);
  const out = new Uint8Array(data.length);
  for (let o = 0; o < data.length; o += 16) out.set(decryptBlock(w, data.subarray(o, o + 16)), o);
  return out;
}
