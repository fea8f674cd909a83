import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, existsSync } from 'node:fs';
import { createHash, createHmac, createCipheriv, randomBytes } from 'node:crypto';
import { sha256, hmacSha256 } from '../../public/js/logic/sha256.js';
import { decryptECB, expandKey, decryptBlock } from '../../public/js/logic/aes128.js';
import {
  hashtagKey, parseKey, channelHashByte, grpPayload, decryptGroupText, tryKeys, splitSender, normalizeHashtag, bytesToHex, hexBytes,
} from '../../public/js/logic/channel-crypto.js';

const VECTORS = new URL('../../../shared/testdata/vectors.json', import.meta.url);

function loadVectors(t) {
  if (!existsSync(VECTORS)) {
    if (process.env.CI === 'true') assert.fail('shared vectors.json missing under CI');
    t.skip('shared vectors.json not present');
    return null;
  }
  return JSON.parse(readFileSync(VECTORS, 'utf8'));
}

test('TestSha256_MatchesNodeCrypto', () => {
  assert.equal(bytesToHex(sha256(new Uint8Array(0))), 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
  assert.equal(bytesToHex(sha256(new TextEncoder().encode('abc'))), 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  for (const n of [1, 55, 56, 63, 64, 65, 119, 120, 1000]) {
    const d = randomBytes(n);
    assert.equal(bytesToHex(sha256(d)), createHash('sha256').update(d).digest('hex'), `length ${n}`);
    const k = randomBytes(n % 3 === 0 ? 32 : 80);
    assert.equal(bytesToHex(hmacSha256(k, d)), createHmac('sha256', k).update(d).digest('hex'), `hmac length ${n}`);
  }
});

test('TestAES128_FIPS197AndRandomBlocks', () => {
  // FIPS-197 appendix C.1 example.
  const key = hexBytes('000102030405060708090a0b0c0d0e0f');
  const ct = hexBytes('69c4e0d86a7b0430d8cdb78070b4c55a');
  assert.equal(bytesToHex(decryptBlock(expandKey(key), ct)), '00112233445566778899aabbccddeeff');
  for (let i = 0; i < 20; i++) {
    const k = randomBytes(16);
    const p = randomBytes(48);
    const c = createCipheriv('aes-128-ecb', k, null).setAutoPadding(false).update(p);
    assert.deepEqual(Buffer.from(decryptECB(k, c)), p);
  }
  assert.throws(() => decryptECB(randomBytes(16), randomBytes(17)), /multiple of 16/);
  assert.throws(() => expandKey(randomBytes(15)), /16 bytes/);
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
