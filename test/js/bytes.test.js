import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, existsSync } from 'node:fs';
import { breakdown, normalizeHex, hexToBytes, rangeAt } from '../../public/js/logic/bytes.js';

const VECTORS = new URL('../../../shared/testdata/vectors.json', import.meta.url);

test('TestBytes_NormalizeHex', () => {
  assert.equal(normalizeHex(' 0a bC \n'), '0ABC');
  assert.equal(normalizeHex('abc'), null);
  assert.equal(normalizeHex('zz'), null);
  assert.equal(hexToBytes('0aff').length, 2);
  assert.equal(hexToBytes('xyz').length, 0);
});

test('TestBytes_FloodPathAndPeerPayload', () => {
  // header 0x09 = FLOOD(1), TXT_MSG(2); path len 0x02 -> 1-byte hashes, 2 hops.
  const b = breakdown('0902AABB' + '1122' + 'CCDD' + '00112233');
  assert.equal(b.routeType, 1);
  assert.equal(b.payloadType, 2);
  assert.equal(b.hashSize, 1);
  assert.equal(b.hopCount, 2);
  assert.deepEqual(b.hops, ['AA', 'BB']);
  assert.equal(b.pathStart, 2);
  assert.equal(b.payloadStart, 4);
  assert.deepEqual(b.fields.map((f) => f.field), ['Header', 'Path Length', 'Path (2 hops)', 'Dest Hash', 'Src Hash', 'MAC', 'Ciphertext']);
  assert.equal(rangeAt(b.ranges, 2), 'path');
  assert.equal(rangeAt(b.ranges, 3), 'path');
  assert.equal(rangeAt(b.ranges, 4), 'hash');
  assert.equal(b.error, null);
});

test('TestBytes_TransportCodesAndMultiByteHash', () => {
  // header 0x14 = TRANSPORT_FLOOD(0), GRP_TXT(5); codes 1234 5678; path len 0x41 -> 2-byte hashes, 1 hop.
  const b = breakdown('14' + '12345678' + '41' + 'ABCD' + '6E' + '20E9' + '00112233');
  assert.equal(b.routeType, 0);
  assert.equal(b.hashSize, 2);
  assert.equal(b.hopCount, 1);
  assert.deepEqual(b.hops, ['ABCD']);
  assert.equal(b.fields[1].field, 'Transport Codes');
  assert.equal(b.fields[1].value, '1234 5678');
  assert.deepEqual(b.fields.slice(4).map((f) => f.field), ['Channel Hash', 'MAC', 'Ciphertext']);
});

test('TestBytes_TruncatedNeverThrows', () => {
  for (const hex of ['', '14', '1412', '09', '0905AA', '11', 'FF'.repeat(3)]) {
    const b = breakdown(hex);
    assert.ok(Array.isArray(b.ranges));
  }
  assert.match(breakdown('0905AA').error, /path extends past end/);
});

test('TestBytes_AdvertLayout', () => {
  const pub = '11'.repeat(32);
  const ts = '00000000';
  const sig = '22'.repeat(64);
  const flags = '92'; // repeater(2) | location(0x10) | name(0x80)
  const lat = '40420F00'; // 1 000 000 -> 1.0
  const lon = 'C0BDF0FF'; // -1 000 000 -> -1.0
  const name = Buffer.from('Hill').toString('hex');
  const b = breakdown('1100' + pub + ts + sig + flags + lat + lon + name);
  const names = b.fields.map((f) => f.field);
  assert.deepEqual(names, ['Header', 'Path Length', 'PubKey', 'Timestamp', 'Signature', 'Flags', 'Latitude', 'Longitude', 'Name']);
  assert.equal(b.fields.find((f) => f.field === 'Latitude').value, '1.000000');
  assert.equal(b.fields.find((f) => f.field === 'Longitude').value, '-1.000000');
  assert.equal(b.fields.find((f) => f.field === 'Name').value, 'Hill');
});

test('TestBytes_TraceSnrValues', () => {
  // header 0x26 = DIRECT(2), TRACE(9); path len 2 -> two SNR bytes 0x14 (5 dB) and 0xF8 (-2 dB).
  const b = breakdown('2602' + '14F8' + '01000000' + '02000000' + '00' + 'AABB');
  assert.deepEqual(b.snrValues, [5, -2]);
  assert.deepEqual(b.fields.slice(3).map((f) => f.field), ['Trace Tag', 'Auth Code', 'Trace Flags', 'Route Hops']);
});

test('TestBytes_SharedVectorsPathInvariant', () => {
  if (!existsSync(VECTORS)) {
    if (process.env.CI === 'true') assert.fail('shared vectors.json missing under CI');
    return;
  }
  const data = JSON.parse(readFileSync(VECTORS, 'utf8'));
  const list = Array.isArray(data) ? data : data.vectors || data.packets || [];
  assert.ok(list.length > 0, 'vectors.json holds packets');
  let checked = 0;
  for (const v of list) {
    const hex = v.raw_hex || v.hex || v.raw;
    if (typeof hex !== 'string') continue;
    const b = breakdown(hex);
    if (b.error) continue;
    const pathBytes = b.ranges.filter((r) => r.kind === 'path').reduce((s, r) => s + (r.end - r.start), 0);
    assert.equal(pathBytes, b.hashSize * b.hopCount, `path bytes for ${hex.slice(0, 20)}`);
    assert.equal(b.hops.length, b.hopCount);
    if (Array.isArray(v.header_path_hops) && b.payloadType !== 9) {
      assert.deepEqual(b.hops.map((x) => x.toLowerCase()), v.header_path_hops.map((x) => String(x).toLowerCase()), `hops of vector ${v.id}`);
    }
    if (typeof v.route_type === 'number') assert.equal(b.routeType, v.route_type);
    if (typeof v.payload_type === 'number') assert.equal(b.payloadType, v.payload_type);
    const covered = b.ranges.reduce((s, r) => s + (r.end - r.start), 0);
    assert.equal(covered, b.bytes.length, 'ranges cover every byte exactly once');
    checked++;
  }
  assert.ok(checked > 100, `checked ${checked} vectors`);
});

test('TestBytes_DecryptedChannelFields', async () => {
  const { decryptedFields } = await import('../../public/js/logic/bytes.js');
  const rows = decryptedFields({ type: 'CHAN', channel: '#test', sender: 'Ann', sender_timestamp: 1700000000, text: 'Ann: hi' });
  assert.deepEqual(rows.map((r) => r.field), ['Channel', 'Sender', 'Sender time', 'Text']);
  assert.equal(rows[2].description, '2023-11-14T22:13:20.000Z');
  assert.ok(rows.every((r) => r.offset === null));
  assert.deepEqual(decryptedFields({ type: 'GRP_TXT', channelHashHex: '81' }), [], 'no key: no decrypted rows');
  assert.deepEqual(decryptedFields(null), []);
});
