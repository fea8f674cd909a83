import { test } from 'node:test';
import assert from 'node:assert/strict';
import { compileFilter, formatClause, appendClause } from '../../public/js/logic/filter.js';
import { tokenize } from '../../public/js/logic/filter-lex.js';

const NOW = Date.parse('2026-05-17T18:00:00Z');
const advert = {
  hash: 'ab12cd34ef56a7b8', payload_type: 4, route_type: 1, snr: 7.5, rssi: -92, observer_name: 'Kennedy Repeater',
  observer_id: 'D5EF', observer_iata: 'OAK', observation_count: 3, path_json: '["7D","DA"]', timestamp: '2026-05-17T17:58:00Z',
  raw_hex: '1102AABB', decoded_json: JSON.stringify({ type: 'ADVERT', name: 'Hilltop Rpt', flags: { repeater: true }, lat: 37.5 }),
};
const chan = {
  hash: '00ff00ff00ff00ff', payload_type: 5, route_type: 0, snr: null, observer_name: 'GY889', observation_count: 1,
  path_json: '[]', timestamp: '2026-05-17T16:00:00Z', raw_hex: '1412345678000102',
  decoded_json: JSON.stringify({ type: 'CHAN', channel: '#test', sender: 'alice', text: 'hello world' }),
};
const m = (expr, row) => {
  const c = compileFilter(expr);
  assert.equal(c.error, null, `unexpected error for ${expr}: ${c.error}`);
  return c.match(row, NOW);
};

test('TestFilter_EmptyMatchesAll', () => {
  const c = compileFilter('  ');
  assert.equal(c.error, null);
  assert.equal(c.empty, true);
  assert.equal(c.match(chan), true);
});

test('TestFilter_TypeAliasesAndCase', () => {
  assert.equal(m('type == ADVERT', advert), true);
  assert.equal(m('type == advert', advert), true);
  assert.equal(m('type == "channel msg"', chan), true);
  assert.equal(m('type == dm', chan), false);
  assert.equal(m('type != ADVERT', chan), true);
  assert.equal(m('route == t_flood', chan), true);
  assert.equal(m('route == FLOOD', advert), true);
  assert.equal(m('transport', chan), true);
  assert.equal(m('transport', advert), false);
});

test('TestFilter_NumericAndNull', () => {
  assert.equal(m('snr > 5', advert), true);
  assert.equal(m('snr > 5', chan), false);
  assert.equal(m('!snr > 5', chan), true, 'NOT applies to the whole comparison; null comparison is false');
  assert.equal(m('rssi >= -92 && rssi <= -92', advert), true);
  assert.equal(m('hops == 2', advert), true);
  assert.equal(m('hops > 1', chan), false);
  assert.equal(m('size == 4', advert), true);
  assert.equal(m('payload_bytes == 2', advert), true);
  assert.equal(m('observations >= 3', advert), true);
});

test('TestFilter_StringOps', () => {
  assert.equal(m('observer contains "kennedy"', advert), true);
  assert.equal(m('payload.name starts_with "hill"', advert), true);
  assert.equal(m('payload.name ends_with "RPT"', advert), true);
  assert.equal(m('payload.text contains "world"', chan), true);
  assert.equal(m('payload.channel == "#test"', chan), true);
  assert.equal(m('payload.flags.repeater', advert), true);
  assert.equal(m('payload.flags.repeater', chan), false);
  assert.equal(m('hash starts_with "ab12"', advert), true);
  assert.equal(m('hash == ab12cd34ef56a7b8', advert), true);
  assert.equal(m('iata in (SJC, oak)', advert), true);
  assert.equal(m('type in (ADVERT, GRP_TXT)', chan), true);
  assert.equal(m('path contains "7D → DA"', advert), true);
  assert.equal(m('code1 == "1234"', chan), true);
  assert.equal(m('code2 == "5678"', chan), true);
  assert.equal(m('code1 == "1234"', advert), false);
});

test('TestFilter_PrecedenceAndGrouping', () => {
  assert.equal(m('type == GRP_TXT || type == ADVERT && snr > 100', chan), true);
  assert.equal(m('(type == GRP_TXT || type == ADVERT) && snr > 100', chan), false);
  assert.equal(m('!(type == ADVERT)', chan), true);
  assert.equal(m('!type == ADVERT', advert), false);
});

test('TestFilter_TimeAndDurations', () => {
  assert.equal(m('age < 5m', advert), true);
  assert.equal(m('age < 5m', chan), false);
  assert.equal(m('age > 1h', chan), true);
  assert.equal(m('time after "2026-05-17T17:00:00Z"', advert), true);
  assert.equal(m('time before "2026-05-17T17:00:00Z"', advert), false);
  assert.equal(m('time between "2026-05-17T18:00:00Z" "2026-05-17T15:00:00Z"', chan), true);
  assert.equal(m(`time after ${Date.parse('2026-05-17T17:59:00Z')}`, advert), false);
  assert.deepEqual(tokenize('1.5h').map((t) => [t.t, t.v]), [['DURATION', 5400]]);
  assert.deepEqual(tokenize('2w').map((t) => t.v), [1209600]);
});

test('TestFilter_NegativeNumbers', () => {
  assert.deepEqual(tokenize('rssi > -100').map((t) => t.t), ['FIELD', 'OP', 'NUMBER']);
  assert.equal(tokenize('rssi > -100')[2].v, -100);
  assert.equal(m('rssi > -100', advert), true);
});

test('TestFilter_Errors', () => {
  const cases = [
    ['type == "ADVERT', /Unterminated string starting at position 8/],
    ['snr > 5 snr', /Unexpected 'snr' at end of expression/],
    ['hash == 3a4f', /Hex values must be quoted/],
    ['snr > 5x', /Invalid number suffix/],
    ['snr # 5', /Unexpected character '#' at position 4/],
    ['type in ()', /Empty 'in \(\)' list/],
    ['time after "not a date"', /Invalid datetime/],
    ['snr >', /Expected value/],
    ['(snr > 5', /Expected '\)'/],
    ['snr 5', /Expected operator/],
    ['&& snr', /Expected field name/],
  ];
  for (const [expr, re] of cases) {
    const c = compileFilter(expr);
    assert.match(String(c.error), re, expr);
    assert.equal(c.match(chan), true, 'errors yield a pass-all filter');
  }
});

test('TestFilter_BackslashStaysInString', () => {
  const t = tokenize('payload.text contains "a\\"b"');
  assert.equal(t[2].v, 'a\\"b');
});

test('TestFilter_ClauseBuilding', () => {
  assert.equal(formatClause('type', 'ADVERT'), 'type == ADVERT');
  assert.equal(formatClause('snr', 7.5), 'snr == 7.5');
  assert.equal(formatClause('observer', 'Kennedy "K" Rpt'), 'observer == "Kennedy \\"K\\" Rpt"');
  assert.equal(appendClause('', 'a == 1'), 'a == 1');
  assert.equal(appendClause('b == 2', 'a == 1'), 'b == 2 && a == 1');
  const c = compileFilter(appendClause('type == ADVERT', formatClause('observer', 'Kennedy Repeater')));
  assert.equal(c.error, null);
  assert.equal(c.match(advert), true);
});

test('TestFilterSuggest_FieldsOperatorsEnums', async () => {
  const { suggestFor, payloadKeys } = await import('../../public/js/logic/filter-suggest.js');
  assert.ok(suggestFor('sn').items.includes('snr'));
  assert.equal(suggestFor('sn').start, 0);
  assert.deepEqual(suggestFor('snr ').items.slice(0, 2), ['==', '!='], 'operators after a field');
  assert.deepEqual(suggestFor('type == ADV').items, ['ADVERT']);
  assert.equal(suggestFor('type == ADV').start, 8);
  assert.ok(suggestFor('route != T').items.includes('TRANSPORT_FLOOD'));
  assert.ok(suggestFor('snr > 5 && ho').items.includes('hops'), 'fields after &&');
  assert.deepEqual(suggestFor('snr > 5').items, [], 'nothing after a number');
  assert.ok(suggestFor('payload.na', 10, ['payload.name']).items.includes('payload.name'));
  assert.deepEqual(payloadKeys([{ decoded_json: '{"name":"x","flags":{"repeater":true}}' }, { decoded_json: 'bad' }]),
    ['payload.flags.repeater', 'payload.name']);
});
