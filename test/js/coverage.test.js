// Unit tests of public/js/logic/coverage.js (Reach and RX Coverage pages).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { snrColor, NO_SNR, pickDays, hexRes, bboxParam, totalCount, isHexKey } from '../../public/js/logic/coverage.js';

test('snrColor bands', () => {
  assert.equal(snrColor(null), NO_SNR);
  assert.equal(snrColor(Number.NaN), NO_SNR);
  assert.equal(snrColor(5), '#2da44e');
  assert.equal(snrColor(4.75), '#bf8700');
  assert.equal(snrColor(-5), '#bf8700');
  assert.equal(snrColor(-5.25), '#cf222e');
});

test('pickDays and hexRes keep the API bounds', () => {
  assert.equal(pickDays('30'), '30');
  assert.equal(pickDays('365'), '7');
  assert.equal(pickDays(undefined), '7');
  assert.equal(hexRes(1), 3);
  assert.equal(hexRes(19), 18);
  assert.equal(hexRes(10.6), 11);
  assert.equal(hexRes('x'), 12);
});

test('bboxParam clamps to the API range', () => {
  assert.equal(bboxParam({ south: -95, west: -200, north: 10.123456, east: 181 }), '-90.00000,-180.00000,10.12346,180.00000');
});

test('totalCount and isHexKey', () => {
  assert.equal(totalCount({ features: [{ properties: { count: 2 } }, { properties: { count: 5 } }] }), 7);
  assert.equal(totalCount(null), 0);
  assert.ok(isHexKey('ab'.repeat(32)));
  assert.ok(!isHexKey('ab'));
  assert.ok(!isHexKey('zz'.repeat(32)));
});
