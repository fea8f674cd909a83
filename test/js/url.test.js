import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseHash, buildHash, parseSort, formatSort } from '../../public/js/lib/url.js';
import { rewrite } from '../../public/js/router.js';

test('TestURL_ParseHash', () => {
  assert.deepEqual(parseHash(''), { path: [], query: {} });
  assert.deepEqual(parseHash('#/packets/ab12?obs=7&filter=type%20%3D%3D%20ADVERT'),
    { path: ['packets', 'ab12'], query: { obs: '7', filter: 'type == ADVERT' } });
  assert.deepEqual(parseHash('#/channels/%23test').path, ['channels', '#test']);
  assert.deepEqual(parseHash('#/bad/%E0%A4%A').path, ['bad', '%E0%A4%A'], 'malformed escapes do not throw');
});

test('TestURL_BuildHashOmitsDefaults', () => {
  assert.equal(buildHash(['packets'], { timeWindow: '0', group: '1', filter: '' }, { timeWindow: '0', group: '1' }), '#/packets');
  assert.equal(buildHash(['packets', 'ab'], { obs: 5, filter: 'snr > 5' }), '#/packets/ab?filter=snr+%3E+5&obs=5');
  assert.equal(buildHash(['channels', '#test']), '#/channels/%23test');
  const round = parseHash(buildHash(['nodes'], { search: 'a&b=c', tab: 'room' }));
  assert.deepEqual(round.query, { search: 'a&b=c', tab: 'room' });
});

test('TestURL_Sort', () => {
  assert.deepEqual(parseSort('time'), { col: 'time', asc: false });
  assert.deepEqual(parseSort('name:asc'), { col: 'name', asc: true });
  assert.deepEqual(parseSort('', { col: 'x', asc: true }), { col: 'x', asc: true });
  assert.equal(formatSort({ col: 'name', asc: true }), 'name:asc');
  assert.equal(formatSort({ col: 'time', asc: false }), 'time');
  assert.equal(formatSort(null), '');
});

test('TestRouter_Rewrites', () => {
  assert.equal(rewrite([], {}), '#/home');
  assert.equal(rewrite(['traces', 'abc'], {}), '#/tools/trace/abc');
  assert.equal(rewrite(['roles'], {}), '#/analytics?tab=roles');
  assert.equal(rewrite(['packets', 'id', '42'], {}), '#/packet/42');
  assert.equal(rewrite(['packets'], {}), null);
});
