import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, existsSync } from 'node:fs';
import { createHash, createHmac, createCipheriv, randomBytes } from 'node:crypto';
import './vendor-resolve.mjs';

// Dynamic import: channel-crypto.js imports /vendor/@noble/…, resolved by the hook registered above.
const {
  hashtagKey, parseKey, channelHashByte, grpPayload, decryptGroupText, tryKeys, splitSender, normalizeHashtag, bytesToHex,
} = await import('../../public/js/logic/channel-crypto.js');

const VECTORS = new URL('../../../shared/testdata/vectors.json', import.meta.url);

function loadVectors(t) {
  if (!existsSync(VECTORS)) {
    if (process.env.CI === 'true') assert.fail('shared vectors.json missing under CI');
    t.skip('shared vectors.json not present');
    return null;
  }
  return JSON.parse(readFileSync(VECTORS, 'utf8'));
}

// The primitives are @noble's; these check that channel-crypto wires them as MeshCore needs, against
// node:crypto (OpenSSL) as the independent reference, across SHA-256 block boundaries and AES block counts.
test('TestChannelCrypto_HashesMatchNodeCrypto', () => {
  for (const n of [1, 54, 55, 56, 63, 64, 65, 119, 120, 300]) {
    const name = `#${'x'.repeat(n)}`;
    const want = createHash('sha256').update(name).digest();
    assert.equal(bytesToHex(hashtagKey(name)), want.subarray(0, 16).toString('hex'), `hashtag length ${n}`);
    const key = randomBytes(16);
    assert.equal(channelHashByte(key), createHash('sha256').update(key).digest()[0], `hash byte ${n}`);
  }
});

test('TestChannelCrypto_MacAndAesMatchNodeCrypto', () => {
  for (let blocks = 1; blocks <= 8; blocks++) {
    const key = randomBytes(16);
    const text = `bob: ${'m'.repeat(blocks * 16 - 10)}`;
    const plain = Buffer.alloc(blocks * 16);
    plain.writeUInt32LE(1700000000 + blocks, 0);
    plain.write(text, 5, 'utf8');
    const cipher = createCipheriv('aes-128-ecb', key, null).setAutoPadding(false).update(plain);
    const mac = createHmac('sha256', Buffer.concat([key, Buffer.alloc(16)])).update(cipher).digest().subarray(0, 2);
    const hash = createHash('sha256').update(key).digest()[0];
    const payload = Buffer.concat([Buffer.from([hash]), mac, cipher]);
    const r = decryptGroupText(key, payload);
    assert.deepEqual({ ok: r.ok, timestamp: r.timestamp, sender: r.sender, message: r.message },
      { ok: true, timestamp: 1700000000 + blocks, sender: 'bob', message: 'm'.repeat(blocks * 16 - 10) }, `${blocks} blocks`);
    const badMac = Buffer.from(payload);
    badMac[1] ^= 1;
    assert.equal(decryptGroupText(key, badMac).reason, 'mac');
  }
});

test('TestChannelKeys_HashtagAndPublic', () => {
  assert.equal(bytesToHex(hashtagKey('#test')), '9cd8fcf22a47333b591d96a2b848b73f');
  assert.equal(channelHashByte(parseKey('8b3387e9c5cdea6ac9e5edbaa115cd72')), 0x11);
  assert.equal(parseKey('abcd'), null);
  assert.equal(parseKey('zz'.repeat(16)), null);
  assert.equal(normalizeHashtag(' test '), '#test');
  assert.equal(normalizeHashtag('#Test'), '#Test', 'case is kept: keys are case-sensitive');
  assert.equal(normalizeHashtag('#'), null);
  assert.equal(normalizeHashtag('two words'), null);
});

test('TestSplitSender_Rules', () => {
  assert.deepEqual(splitSender('alice: hi there'), { sender: 'alice', message: 'hi there' });
  assert.deepEqual(splitSender(': x'), { sender: '', message: ': x' });
  assert.deepEqual(splitSender('[bot] x: y'), { sender: '', message: '[bot] x: y' });
  assert.deepEqual(splitSender('no sender here'), { sender: '', message: 'no sender here' });
});

test('TestDecrypt_FixtureVectorsMatchReferenceDecode', (t) => {
  const vectors = loadVectors(t);
  if (!vectors) return;
  const names = new Set();
  for (const v of vectors) {
    const p = v.reference_decode?.payload;
    if (p?.type === 'CHAN' && String(p.channel).startsWith('#')) names.add(p.channel);
  }
  assert.ok(names.has('#test') && names.has('#bot'), 'fixture has hashtag channels');
  const keys = [...names].map((n) => { const key = hashtagKey(n); return { id: n, key, hash: channelHashByte(key) }; });
  const pub = parseKey('8b3387e9c5cdea6ac9e5edbaa115cd72');
  keys.push({ id: 'Public', key: pub, hash: channelHashByte(pub) });
  let decrypted = 0;
  let failed = 0;
  for (const v of vectors) {
    const rd = v.reference_decode;
    if (!rd || rd.header?.payloadType !== 5 || !v.raw_hex) continue;
    const got = tryKeys(keys, v.raw_hex);
    if (rd.payload?.type === 'CHAN') {
      assert.ok(got, `vector ${v.id ?? v.name} decrypts`);
      assert.equal(got.id, rd.payload.channel);
      assert.equal(got.text, rd.payload.text);
      assert.equal(got.sender, rd.payload.sender || '');
      assert.equal(got.timestamp, rd.payload.sender_timestamp);
      decrypted++;
    } else {
      assert.equal(got, null, `vector ${v.id ?? v.name} stays encrypted`);
      failed++;
    }
  }
  assert.ok(decrypted >= 81, `decrypted ${decrypted}`);
  assert.ok(failed >= 80, `undecryptable ${failed}`);
});

test('TestDecrypt_WrongKeyAndTamperedMac', () => {
  const key = hashtagKey('#corescope');
  const plain = Buffer.alloc(32);
  plain.writeUInt32LE(1779000000, 0);
  Buffer.from('bob: hello @[alice]').copy(plain, 5);
  const cipher = createCipheriv('aes-128-ecb', Buffer.from(key), null).setAutoPadding(false).update(plain);
  const secret = Buffer.concat([Buffer.from(key), Buffer.alloc(16)]);
  const mac = createHmac('sha256', secret).update(cipher).digest().subarray(0, 2);
  const payload = new Uint8Array(Buffer.concat([Buffer.from([channelHashByte(key)]), mac, cipher]));
  const ok = decryptGroupText(key, payload);
  assert.equal(ok.ok, true);
  assert.equal(ok.sender, 'bob');
  assert.equal(ok.message, 'hello @[alice]');
  assert.equal(ok.timestamp, 1779000000);
  const bad = payload.slice();
  bad[1] ^= 1;
  assert.equal(decryptGroupText(key, bad).reason, 'mac');
  assert.equal(decryptGroupText(hashtagKey('#other'), payload, payload[0]).reason, 'mac');
  assert.equal(decryptGroupText(key, payload.subarray(0, 4)).reason, 'short');
  // A full raw packet: header FLOOD|GRP_TXT (0x15), no path.
  const raw = `1500${bytesToHex(payload)}`;
  assert.equal(bytesToHex(grpPayload(raw)), bytesToHex(payload));
  assert.equal(grpPayload('0900'), null, 'not a GRP_TXT');
  assert.equal(tryKeys([{ id: 'x', key, hash: channelHashByte(key) }], raw).message, 'hello @[alice]');
});
