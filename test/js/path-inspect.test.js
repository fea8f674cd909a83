// Unit tests for the path inspector model (public/js/logic/path-inspect.js).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parsePrefixes, hopRows, routeRows, ambiguity } from '../../public/js/logic/path-inspect.js';

test('parsePrefixes accepts commas, spaces, 0x and upper case', () => {
  assert.deepEqual(parsePrefixes(' 2C, A1  0xF4,,'), ['2c', 'a1', 'f4']);
  assert.deepEqual(parsePrefixes(''), []);
});

test('ambiguity names the three cases', () => {
  assert.equal(ambiguity(0), 'no match');
  assert.equal(ambiguity(1), 'unique');
  assert.equal(ambiguity(3), 'ambiguous');
});

// One degree of latitude on the 6371 km sphere is 2π·6371/360 = 111.195 km (hand-checked).
const A = { pubkey: 'aa01', name: 'A', lat: 50, lon: 4 };
const B = { pubkey: 'bb01', name: 'B', lat: 51, lon: 4 };
const C = { pubkey: 'bb02', name: 'C', lat: null, lon: null };

test('hopRows joins the top route with the candidates and measures hop distances', () => {
  const inspect = { candidates: [{ path: ['aa01', 'bb01'], names: ['A', 'B'], score: 0.8,
    evidence: { perHop: [{ prefix: 'aa', candidatesConsidered: 1, chosen: 'aa01', edgeWeight: 0 }, { prefix: 'bb', candidatesConsidered: 2, chosen: 'bb01', edgeWeight: 0.5 }] } }] };
  const resolved = { aa: { candidates: [A] }, bb: { candidates: [B, C] } };
  const rows = hopRows(['aa', 'bb'], inspect, resolved);
  assert.equal(rows[0].ambiguity, 'unique');
  assert.equal(rows[1].ambiguity, 'ambiguous');
  assert.equal(rows[1].count, 2);
  assert.equal(rows[0].km, null);
  assert.equal(rows[1].km.toFixed(3), '111.195');
  assert.equal(rows[1].chosen.name, 'B');
});

test('hopRows without any route still lists candidates', () => {
  const rows = hopRows(['cc'], { candidates: [] }, { cc: { candidates: [] } });
  assert.equal(rows[0].ambiguity, 'no match');
  assert.equal(rows[0].chosen, null);
});

test('routeRows sums located legs and skips unlocated ones', () => {
  const coords = new Map([['aa01', A], ['bb01', B], ['bb02', C]]);
  const r = routeRows({ candidates: [{ path: ['aa01', 'bb01'], score: 0.9 }, { path: ['aa01', 'bb02'], score: 0.4, speculative: true }] }, coords);
  assert.equal(r[0].km.toFixed(3), '111.195');
  assert.equal(r[1].km, null);
  assert.equal(r[1].speculative, true);
  assert.equal(r[1].rank, 2);
});
