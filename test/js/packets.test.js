import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parsePacketsQuery, packetsHash, serverParams, activeFilterCount, PKT_DEFAULTS } from '../../public/js/logic/packets-url.js';
import { parseHash } from '../../public/js/lib/url.js';
import { sortPackets, mergeLive, displayItems, flattenWS, mineMatcher, liveAccepts, rowTime, hashBytes, MAX_ROWS,
  flattenObservations, observationFilter }
  from '../../public/js/logic/packet-rows.js';
import { visibleRange, scrollTopFor } from '../../public/js/logic/vscroll.js';

test('TestPacketsURL_DefaultsStayOutOfTheURL', () => {
  const st = parsePacketsQuery({});
  assert.equal(st.timeWindow, '15', 'the feed opens on the last 15 minutes (ui.md §1.4), not all time');
  assert.equal(st.timeWindow, PKT_DEFAULTS.timeWindow);
  assert.equal(st.group, true);
  assert.deepEqual(st.sort, { col: 'time', asc: false });
  assert.equal(packetsHash(st), '#/packets');
  assert.equal(activeFilterCount(st), 0);
  assert.equal(parsePacketsQuery({}, false).group, false, 'stored group choice applies when the URL is silent');
  // "All time" is a choice: it stays in the URL, counts as a filter and survives a reload.
  const all = parsePacketsQuery({ timeWindow: '0' });
  assert.equal(packetsHash(all), '#/packets?timeWindow=0');
  assert.equal(parsePacketsQuery(parseHash(packetsHash(all)).query).timeWindow, '0');
  assert.equal(activeFilterCount(all), 1);
  assert.equal(serverParams(all).since, undefined);
});

test('TestPacketsURL_EveryFilterRoundTrips', () => {
  const q = { timeWindow: '60', type: '4,5', observer: 'obsA,obsB', region: 'sjc,SFO', node: 'Alice', channel: '#test',
    hash: 'ABCDEF0123456789', filter: 'snr > 5 && type == ADVERT', sort: 'size:asc', group: '0', mine: '1' };
  const st = parsePacketsQuery(q);
  assert.deepEqual(st.types, ['4', '5']);
  assert.deepEqual(st.regions, ['SJC', 'SFO'], 'regions upper-cased');
  assert.equal(st.hash, 'abcdef0123456789', 'hash lower-cased');
  assert.equal(activeFilterCount(st), 9);
  const hash = packetsHash(st, 'abcdef0123456789', '42');
  const back = parseHash(hash);
  assert.deepEqual(back.path, ['packets', 'abcdef0123456789']);
  assert.equal(back.query.obs, '42');
  assert.deepEqual(parsePacketsQuery(back.query), { ...st, obs: '42' });
});

test('TestPacketsURL_DefaultRegion', () => {
  // A link that names no region gets config defaultRegion; the default stays out of the URL.
  const st = parsePacketsQuery({}, true, 'sjc');
  assert.deepEqual(st.regions, ['SJC']);
  assert.equal(packetsHash(st), '#/packets');
  assert.equal(serverParams(st).region, 'SJC');
  // Another region, or all of them, must be said in the URL so a reload keeps it.
  st.regions = [];
  assert.equal(packetsHash(st), '#/packets?region=all');
  const all = parsePacketsQuery(parseHash(packetsHash(st)).query, true, 'SJC');
  assert.deepEqual(all.regions, []);
  assert.equal(serverParams(all).region, '');
  const sfo = parsePacketsQuery({ region: 'sfo' }, true, 'SJC');
  assert.deepEqual(sfo.regions, ['SFO']);
  assert.equal(packetsHash(sfo), '#/packets?region=SFO');
  // Without a default nothing changes: no "all" in the URL.
  assert.equal(packetsHash(parsePacketsQuery({})), '#/packets');
});

test('TestPacketsURL_InvalidValuesFallBack', () => {
  const st = parsePacketsQuery({ timeWindow: '9999', type: 'x,4', group: 'yes' });
  assert.equal(st.timeWindow, PKT_DEFAULTS.timeWindow);
  assert.deepEqual(st.types, ['4']);
  assert.equal(st.group, true);
});

test('TestPacketsURL_ServerParams', () => {
  const now = Date.parse('2026-05-17T18:00:00Z');
  const one = serverParams(parsePacketsQuery({ type: '4', timeWindow: '15', observer: 'a,b', region: 'SJC' }), now);
  assert.equal(one.type, '4');
  assert.equal(one.groupByHash, 'true');
  assert.equal(one.since, '2026-05-17T17:45:00.000Z');
  assert.equal(one.observer, 'a,b');
  assert.equal(one.region, 'SJC');
  assert.equal(one.expand, undefined);
  const many = serverParams(parsePacketsQuery({ type: '4,5', group: '0' }), now);
  assert.equal(many.type, '4,5', 'several types go to the server as a comma list');
  assert.equal(many.groupByHash, undefined);
  assert.equal(many.expand, 'observations', 'ungrouped lists observations');
  assert.equal(many.since, '2026-05-17T17:45:00.000Z', 'the default window is sent as since');
  assert.equal(serverParams(parsePacketsQuery({ hash: 'ABCDEF0123456789' }), now).since, undefined, 'a pinned hash is not hidden by the window');
});

test('TestPacketRows_FlattenObservations', () => {
  const tx = (hash, obs) => ({ id: 7, hash, first_seen: '2026-05-17T18:00:00Z', timestamp: '2026-05-17T18:00:00Z', payload_type: 4,
    observer_id: 'best', snr: 1, rssi: -1, path_json: '["AA","BB"]', _parsedPath: ['AA', 'BB'], observation_count: obs.length, observations: obs });
  const txs = [
    tx('h1', [{ id: 11, observer_id: 'o1', observer_name: 'One', observer_iata: 'SJC', snr: 9.5, rssi: -80, path_json: '["AA"]', timestamp: '2026-05-17T18:00:01Z' },
      { id: 12, observer_id: 'o2', observer_iata: 'SFO', snr: -3, rssi: -110, path_json: '[]', timestamp: '2026-05-17T18:00:02Z' }]),
    tx('h2', [{ id: 21, observer_id: 'o3', snr: null, rssi: null, path_json: null, timestamp: null }]),
    { id: 8, hash: 'h3', first_seen: '2026-05-17T17:00:00Z', observer_id: 'x' },
  ];
  const rows = flattenObservations(txs);
  assert.equal(rows.length, 4, 'one row per observation; a transmission without observations keeps its own row');
  assert.deepEqual(rows.map((r) => [r.hash, r.obs_id, r.observer_id, r.snr, r.rssi, r.path_json]), [
    ['h1', 11, 'o1', 9.5, -80, '["AA"]'], ['h1', 12, 'o2', -3, -110, '[]'], ['h2', 21, 'o3', null, null, null], ['h3', undefined, 'x', undefined, undefined, undefined]]);
  assert.equal(rows[0].timestamp, '2026-05-17T18:00:01Z', 'time as that observer heard it');
  assert.equal(rows[2].timestamp, '2026-05-17T18:00:00Z', 'first_seen when the observation has no time');
  assert.equal(rows[0].observations, undefined);
  assert.equal(rows[0]._parsedPath, undefined, 'no stale best-observation path');
  assert.equal(rows[0].payload_type, 4);
  const items = displayItems(rows, { group: false });
  assert.deepEqual(items.slice(0, 2).map((it) => it.key), ['h1:11', 'h1:12'], 'flat keys name the observation');
  // Observer and region filters keep only matching observations of a transmission.
  const iata = new Map([['o3', 'SJC']]);
  const sjc = flattenObservations(txs, observationFilter(parsePacketsQuery({ region: 'sjc' }), iata));
  assert.deepEqual(sjc.map((r) => r.obs_id), [11, 21, undefined]);
  const o2 = flattenObservations(txs, observationFilter(parsePacketsQuery({ observer: 'o2' })));
  assert.deepEqual(o2.map((r) => r.obs_id), [12, undefined]);
});

const rows = () => [
  { hash: 'a', latest: '2026-05-17T18:00:00Z', raw_hex: '1100', payload_type: 4, observation_count: 1 },
  { hash: 'b', latest: '2026-05-17T18:05:00Z', raw_hex: '110000', payload_type: 5, observation_count: 3 },
  { hash: 'c', latest: null, payload_type: 0, observation_count: 2 },
];

test('TestPacketRows_SortNullsLastBothDirections', () => {
  assert.deepEqual(sortPackets(rows(), { col: 'time', asc: false }).map((r) => r.hash), ['b', 'a', 'c']);
  assert.deepEqual(sortPackets(rows(), { col: 'time', asc: true }).map((r) => r.hash), ['a', 'b', 'c']);
  assert.deepEqual(sortPackets(rows(), { col: 'size', asc: false }).map((r) => r.hash), ['b', 'a', 'c']);
  assert.deepEqual(sortPackets(rows(), { col: 'rpt', asc: false }).map((r) => r.hash), ['b', 'c', 'a']);
  assert.deepEqual(sortPackets(rows(), { col: 'nope', asc: false }).map((r) => r.hash), ['a', 'b', 'c']);
});

test('TestPacketRows_HashBytesAndTime', () => {
  assert.equal(hashBytes({ raw_hex: '1142', route_type: 1, payload_type: 4 }), 2);
  assert.equal(hashBytes({ raw_hex: '10AABBCCDD82', route_type: 0, payload_type: 4 }), 3, 'transport codes skipped');
  assert.equal(hashBytes({ raw_hex: '2642', route_type: 2, payload_type: 9 }), null, 'TRACE has no hash size');
  assert.equal(rowTime({ timestamp: '2026-05-17T18:00:00Z' }), Date.parse('2026-05-17T18:00:00Z'));
  assert.equal(rowTime({}), null);
});

test('TestPacketRows_MergeLiveGrouped', () => {
  const list = rows();
  const children = new Map([['a', [{ id: 1 }]]]);
  const added = mergeLive(list, [
    { hash: 'a', observer_id: 'o2', _live: 1000 },
    { hash: 'a', observer_id: 'o2', _live: 2000 },
    { hash: 'z', observer_id: 'o1', observer_iata: 'SJC', _live: 3000 },
  ], { group: true, children });
  assert.equal(added, 1);
  assert.deepEqual(list.map((r) => r.hash), ['z', 'a', 'b', 'c']);
  const a = list[1];
  assert.equal(a.observation_count, 3);
  assert.equal(a.observer_count, 2, 'a second observation from the same observer does not add an observer');
  assert.equal(a.latest, new Date(2000).toISOString());
  assert.equal(children.get('a').length, 3, 'expanded children get the new observations');
  assert.deepEqual(list[0].distinct_iatas, ['SJC']);
});

test('TestPacketRows_MergeLiveFlatAndCap', () => {
  const list = [];
  for (let i = 0; i < 5; i++) mergeLive(list, [{ hash: `h${i}` }], { group: false, max: 3 });
  assert.deepEqual(list.map((r) => r.hash), ['h4', 'h3', 'h2']);
  assert.ok(MAX_ROWS >= 50000);
});

test('TestPacketRows_DisplayItemsExpand', () => {
  const r = rows();
  const items = displayItems(r, { group: true, expanded: new Set(['b']), children: new Map([['b', [{ id: 7, observer_id: 'x' }, { id: 8 }]]]) });
  assert.deepEqual(items.map((i) => i.key), ['a', 'b', 'b:7', 'b:8', 'c']);
  assert.equal(items[1].expandable, true);
  assert.equal(items[0].expandable, false);
  assert.equal(items[2].kind, 'child');
  assert.equal(items[2].row.payload_type, 5, 'child inherits the transmission fields');
  assert.equal(items[2].row.observer_id, 'x');
  const flat = displayItems(r, { group: false });
  assert.ok(flat.every((i) => i.kind === 'flat'));
  assert.equal(new Set(flat.map((i) => i.key)).size, 3, 'flat keys are unique');
});

test('TestPacketRows_FlattenWS', () => {
  const p = flattenWS({ id: 3, hash: 'ab', observer_id: 'o', decoded: { header: {} }, packet: { id: 3, raw_hex: '11', hash: 'ab' } });
  assert.equal(p.raw_hex, '11');
  assert.equal(p.observer_id, 'o');
  assert.equal(p.decoded, undefined);
  assert.equal(flattenWS(null), null);
  assert.equal(flattenWS({ type: 'x' }), null, 'no hash, no row');
});

test('TestPacketRows_MineAndLiveAccepts', () => {
  const key = 'a'.repeat(64);
  const mine = mineMatcher([key, 'short']);
  assert.equal(mine({ decoded_json: JSON.stringify({ pubKey: key.toUpperCase() }) }), true);
  assert.equal(mine({ resolved_path: [null, key] }), true);
  assert.equal(mine({ decoded_json: '{}' }), false);
  assert.equal(mineMatcher([])({ decoded_json: key }), false);
  const st = parsePacketsQuery({ type: '5', region: 'SJC', channel: '#test' });
  const iata = new Map([['o1', 'SJC']]);
  const ok = { hash: 'x', payload_type: 5, observer_id: 'o1', decoded_json: '{"channel":"#Test"}' };
  assert.equal(liveAccepts(st, ok, { observerIata: iata }), true);
  assert.equal(liveAccepts(st, { ...ok, observer_id: 'o2' }, { observerIata: iata }), false, 'region by observer');
  assert.equal(liveAccepts(st, { ...ok, payload_type: 4 }, { observerIata: iata }), false);
  assert.equal(liveAccepts(st, { ...ok, decoded_json: '{"channel":"public"}' }, { observerIata: iata }), false);
  const pinned = parsePacketsQuery({ hash: 'X' });
  assert.equal(liveAccepts(pinned, { hash: 'y' }), false, 'a pinned hash accepts only that hash');
  const old = parsePacketsQuery({ timeWindow: '15' });
  assert.equal(liveAccepts(old, { hash: 'y', timestamp: '2020-01-01T00:00:00Z' }, { now: Date.parse('2026-01-01T00:00:00Z') }), false);
  const m = parsePacketsQuery({ mine: '1' });
  assert.equal(liveAccepts(m, { hash: 'y', decoded_json: '{}' }, { mine }), false);
});

test('TestVScroll_Range', () => {
  assert.deepEqual(visibleRange({ count: 0, rowHeight: 34, scrollTop: 0, viewport: 500 }), { start: 0, end: 0, padTop: 0, padBottom: 0 });
  const top = visibleRange({ count: 50000, rowHeight: 34, scrollTop: 0, viewport: 340, overscan: 5 });
  assert.deepEqual(top, { start: 0, end: 16, padTop: 0, padBottom: (50000 - 16) * 34 });
  const mid = visibleRange({ count: 50000, rowHeight: 34, scrollTop: 34 * 1000, viewport: 340, overscan: 5 });
  assert.equal(mid.start, 995);
  assert.equal(mid.end, 1016);
  assert.equal(mid.padTop + (mid.end - mid.start) * 34 + mid.padBottom, 50000 * 34, 'spacers keep the full height');
  const end = visibleRange({ count: 100, rowHeight: 10, scrollTop: 1e9, viewport: 100, overscan: 2 });
  assert.equal(end.end, 100);
  assert.equal(end.padBottom, 0);
});

test('TestVScroll_ScrollTopFor', () => {
  const o = { rowHeight: 10, scrollTop: 100, viewport: 50 };
  assert.equal(scrollTopFor(12, o), 100, 'already visible');
  assert.equal(scrollTopFor(2, o), 20, 'above: align top');
  assert.equal(scrollTopFor(30, o), 260, 'below: align bottom');
});

test('TestSearch_ItemsOrderAndPrefix', async () => {
  const { searchItems } = await import('../../public/js/components/search.js');
  const items = searchItems('ab12', {
    packets: [{ hash: 'ab12cd34ef567890', payload_type: 4 }, { hash: 'ff00000000000000', payload_type: 5 }, { hash: 'ab12cd34ef567890', payload_type: 4 }],
    nodes: [{ public_key: 'ab12'.padEnd(64, '0'), name: 'Alpha', role: 'repeater' }],
    channels: [{ hash: '#ab12', name: '#ab12', messageCount: 3 }, { hash: 'public', name: 'public' }],
  });
  assert.deepEqual(items.map((i) => i.kind), ['Packet', 'Node', 'Channel'], 'packets by hash prefix, de-duplicated; channels by name');
  assert.equal(items[0].href, '#/packets/ab12cd34ef567890');
  assert.equal(items[2].href, '#/channels/%23ab12');
});

test('TestObservations_DistinctPaths', async () => {
  const { distinctPaths } = await import('../../public/js/components/observations.js');
  const ps = distinctPaths([
    { observer_id: 'a', path_json: '["AA","BB"]' }, { observer_id: 'b', path_json: '["AA","BB"]' },
    { observer_id: 'b', path_json: '["aa","bb"]' }, { observer_id: 'c', path_json: '[]' },
  ]);
  assert.equal(ps.length, 2, 'hop case does not split paths');
  assert.deepEqual(ps[0].hops, ['AA', 'BB']);
  assert.equal(ps[0].count, 3);
  assert.equal(ps[0].observers.size, 2);
  assert.deepEqual(ps[1].hops, []);
});

test('TestPacketRows_ObservationSort', async () => {
  const { sortObservations } = await import('../../public/js/logic/packet-rows.js');
  const obs = [
    { id: 1, observer_name: 'Zed', timestamp: '2026-05-17T18:00:02Z', path_json: '["AA"]' },
    { id: 2, observer_name: 'Amy', timestamp: '2026-05-17T18:00:01Z', path_json: '["AA","BB","CC"]' },
    { id: 3, observer_name: 'Max', timestamp: '2026-05-17T18:00:03Z', path_json: '[]' },
  ];
  const ids = (mode) => sortObservations(obs, mode).map((o) => o.id);
  assert.deepEqual(ids('time'), [2, 1, 3]);
  assert.deepEqual(ids('time-desc'), [3, 1, 2]);
  assert.deepEqual(ids('observer'), [2, 3, 1]);
  assert.deepEqual(ids('path'), [3, 1, 2]);
  assert.deepEqual(ids('path-desc'), [2, 1, 3]);
  assert.deepEqual(ids('bogus'), [2, 1, 3], 'unknown mode falls back to time');
  assert.deepEqual(obs.map((o) => o.id), [1, 2, 3], 'input untouched');
});
