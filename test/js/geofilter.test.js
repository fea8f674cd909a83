// Unit tests for the geo-filter/area shapes model (public/js/logic/geofilter.js).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { filterBody, problem, parseFilter, areaRing, areaKind } from '../../public/js/logic/geofilter.js';

test('filterBody rounds to 6 decimals and defaults the buffer', () => {
  assert.deepEqual(filterBody([[37.1234567, -122.0000004]], ''), { polygon: [[37.123457, -122]], bufferKm: 0 });
});

test('problem mirrors the server rules', () => {
  assert.equal(problem([], 0), '');
  assert.match(problem([[1, 1], [2, 2]], 0), /at least 3/);
  assert.equal(problem([[1, 1], [2, 2], [3, 1]], 5), '');
  assert.match(problem([[1, 1], [2, 2], [91, 1]], 0), /Point 3/);
  assert.match(problem([[1, 1], [2, 2], [3, 1]], -1), /Buffer/);
  assert.match(problem(Array.from({ length: 1001 }, () => [1, 1]), 0), /At most 1000/);
});

test('parseFilter accepts the export and a bare list, refuses bad input with a reason', () => {
  assert.deepEqual(parseFilter('{"polygon":[[1,2],[3,4],[5,6]],"bufferKm":2}'), { points: [[1, 2], [3, 4], [5, 6]], bufferKm: 2 });
  assert.deepEqual(parseFilter('[[1,2],[3,4],[5,6]]'), { points: [[1, 2], [3, 4], [5, 6]], bufferKm: 0 });
  assert.throws(() => parseFilter('{'), /Not valid JSON/);
  assert.throws(() => parseFilter('{"polygon":"x"}'), /Expected/);
  assert.throws(() => parseFilter('[[1,"2"],[3,4],[5,6]]'), /Point 1/);
  assert.throws(() => parseFilter('[[1,2],[3,4]]'), /at least 3/);
});

test('areaRing draws polygons and complete boxes only', () => {
  assert.deepEqual(areaRing({ latMin: 1, latMax: 2, lonMin: 3, lonMax: 4 }), [[1, 3], [2, 3], [2, 4], [1, 4]]);
  assert.deepEqual(areaRing({ polygon: [[1, 1], [2, 2], [3, 1]] }), [[1, 1], [2, 2], [3, 1]]);
  assert.equal(areaRing({ latMin: 1, latMax: 2 }), null);
  assert.equal(areaKind({ polygon: [[1, 1], [2, 2], [3, 1]] }), 'polygon (3 points)');
  assert.equal(areaKind({ latMin: 1, latMax: 2, lonMin: 3, lonMax: 4 }), 'box');
  assert.equal(areaKind({}), 'incomplete');
});
