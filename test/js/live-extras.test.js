// Pure parts of the Live extras (#19 item 10): LoRa airtime, inferred-hop placement, the
// multibyte test and the URL flags. Expected figures are worked by hand in the comments.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { airtimeMs, packetBytes } from '../../public/js/logic/airtime.js';
import { inferPath } from '../../public/js/pages/live/ghosts.js';
import { isMultibyte } from '../../public/js/pages/live/paths.js';

const close = (a, b) => assert.ok(Math.abs(a - b) < 1e-9, `${a} ≈ ${b}`);

test('TestAirtime_HandWorked', () => {
  // Default SF8 / 62.5 kHz / CR 4/5 / 32 preamble: Tsym = 256/62500 s = 4.096 ms, no LDRO.
  // 28 bytes: ceil((224 − 32 + 44)/32) = 8 → 8 + 8·5 = 48 symbols → (32 + 4.25 + 48)·4.096 = 345.088 ms.
  close(airtimeMs(28), 345.088);
  // 0 bytes: ceil(12/32) = 1 → 13 symbols → 49.25·4.096 = 201.728 ms.
  close(airtimeMs(0), 201.728);
  // SF11 / 250 kHz / CR 4/5, default preamble 16: Tsym = 8.192 ms; 40 bytes: ceil(320/44) = 8 → 48 symbols
  // → (16 + 4.25 + 48)·8.192 = 559.104 ms.
  close(airtimeMs(40, { bwKHz: 250, sf: 11, cr: 5 }), 559.104);
  // SF12 / 125 kHz: Tsym = 32.768 ms ≥ 16 ms, so LDRO: 10 bytes: ceil(76/40) = 2 → 18 symbols
  // → (16 + 4.25 + 18)·32.768 = 1253.376 ms.
  close(airtimeMs(10, { bwKHz: 125, sf: 12, cr: 5 }), 1253.376);
  assert.equal(airtimeMs(-1), 0);
  assert.equal(airtimeMs(NaN), 0);
  assert.equal(airtimeMs(10, { bwKHz: 125, sf: 5, cr: 5 }), 0);
  assert.equal(packetBytes({ raw_hex: '0500AABB' }), 4);
  assert.equal(packetBytes({ raw_hex: 'zz' }), null);
  assert.equal(packetBytes({}), null);
});

test('TestInferPath_PlacesUnknownHopsBetweenNeighbours', () => {
  const A = { key: 'a', ll: [0, 0], prefix: null };
  const B = { key: 'b', ll: [3, 6], prefix: 'BB' };
  const unknown = (p) => ({ key: null, ll: null, prefix: p });
  let r = inferPath([A, unknown('X1'), { ...B, ll: [2, 4] }]);
  assert.deepEqual(r.ghosts, [{ prefix: 'X1', lat: 1, lon: 2 }]);
  assert.deepEqual(r.points, [[0, 0], [1, 2], [2, 4]]);
  // Two unknown hops in a row split the gap in thirds; a known but unlocated hop is skipped over.
  r = inferPath([A, unknown('X1'), { key: 'c', ll: null, prefix: 'CC' }, unknown('X2'), B]);
  assert.deepEqual(r.ghosts, [{ prefix: 'X1', lat: 1, lon: 2 }, { prefix: 'X2', lat: 2, lon: 4 }]);
  // Nothing to place against: unknown hops before the first or after the last located point.
  r = inferPath([unknown('X1'), A, unknown('X2')]);
  assert.deepEqual(r, { points: [[0, 0]], ghosts: [] });
});

test('TestIsMultibyte', () => {
  assert.equal(isMultibyte({ payload_type: 1, hops: ['AB', 'CD'] }), false);
  assert.equal(isMultibyte({ payload_type: 1, hops: ['ABCD'] }), true);
  assert.equal(isMultibyte({ payload_type: 1, hops: ['ABCDEF'] }), true);
  assert.equal(isMultibyte({ payload_type: 1, hops: [] }), false, 'no path: no hash size');
  assert.equal(isMultibyte({ payload_type: 9, hops: ['ABCD'] }), false, 'TRACE path bytes are SNR samples');
});
