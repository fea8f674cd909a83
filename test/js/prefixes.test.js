import { test } from 'node:test';
import assert from 'node:assert/strict';
import { prefixIndex, usage, check, freeOneByte, suggest, normalisePrefix } from '../../public/js/logic/prefixes.js';

const key = (p) => p.padEnd(64, '0').toLowerCase();
const NODES = [{ public_key: key('AB12CD'), role: 'repeater' }, { public_key: key('AB12EF'), role: 'repeater' },
  { public_key: key('AB99'), role: 'room' }, { public_key: key('01'), role: 'repeater' }, { public_key: 'zz', role: 'repeater' }];

test('TestPrefixes_UsageAndCheck', () => {
  const idx = prefixIndex(NODES);
  assert.deepEqual(usage(idx, 1), { used: 2, shared: 1, free: 254, space: 256 }, 'AB (three nodes) and 01; the bad key is skipped');
  assert.deepEqual(usage(idx, 2), { used: 3, shared: 1, free: 65533, space: 65536 }, 'AB12 is shared');
  assert.equal(usage(idx, 3).shared, 0);
  const c = check(idx, 'ab12ee');
  assert.deepEqual(c.map((x) => [x.prefix, x.nodes.length, x.free]), [['AB', 3, false], ['AB12', 2, false], ['AB12EE', 0, true]]);
  assert.deepEqual(check(idx, 'A'), [], 'half a byte is not a prefix');
  assert.equal(normalisePrefix('0x7f'), '7F');
  assert.equal(freeOneByte(idx).length, 254);
  assert.ok(!freeOneByte(idx).includes('AB'));
});

test('TestPrefixes_SuggestIsFreeAtEverySize', () => {
  const idx = prefixIndex(NODES);
  for (const r of [0, 0.5, 0.999]) {
    const s = suggest(idx, () => r);
    assert.equal(s.length, 6);
    assert.ok(check(idx, s).every((x) => x.free), `${s} is free at 1, 2 and 3 bytes`);
  }
  // Every first byte taken: the least-used one is picked, and the rest is still free.
  const full = [];
  for (let i = 0; i < 256; i++) full.push({ public_key: key(i.toString(16).padStart(2, '0') + '00'), role: 'repeater' });
  full.push({ public_key: key('0000'), role: 'repeater' });
  const s = suggest(prefixIndex(full), () => 0);
  assert.equal(s.slice(0, 2), '01', 'first byte 00 is used twice, 01 once');
  assert.ok(check(prefixIndex(full), s).slice(1).every((x) => x.free));
});
