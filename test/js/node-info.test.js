import { test } from 'node:test';
import assert from 'node:assert/strict';
import { statusExplain, contactURL, hasLocation, advertTimeline, matchesNode, isInfra } from '../../public/js/logic/node-info.js';

const NOW = Date.parse('2026-05-17T18:00:00Z');

test('TestNodeInfo_StatusExplainRoleThresholds', () => {
  const rep = statusExplain({ role: 'repeater', last_seen: '2026-05-16T20:00:00Z' }, NOW);
  assert.equal(rep.status, 'Active', '22 h is inside the 24 h infra window');
  assert.match(rep.text, /Last heard 22h ago/);
  assert.match(rep.text, /Repeaters .* Active when heard within 1 d, Degraded within 3 d/);
  const comp = statusExplain({ role: 'companion', last_seen: '2026-05-17T16:00:00Z' }, NOW);
  assert.equal(comp.status, 'Degraded', '2 h is past the 1 h client window');
  assert.match(comp.text, /within 1 h, Degraded within 1 d/);
  assert.equal(statusExplain({ role: 'room', last_seen: '2026-05-10T00:00:00Z' }, NOW).status, 'Silent');
  const never = statusExplain({ role: 'sensor' }, NOW);
  assert.equal(never.status, 'Silent');
  assert.match(never.text, /^Never heard/);
  const custom = statusExplain({ role: 'companion', last_seen: '2026-05-17T16:00:00Z' }, NOW, { nodeDegradedMs: 3 * 3600000 });
  assert.equal(custom.status, 'Active', 'server thresholds override the defaults');
  assert.match(custom.text, /within 3 h/);
  assert.equal(isInfra('room'), true);
  assert.equal(isInfra('companion'), false);
});

test('TestNodeInfo_ContactURL', () => {
  const u = contactURL({ name: 'A&B <x>', public_key: 'ABCDEF', role: 'repeater' });
  assert.equal(u, 'meshcore://contact/add?name=A%26B+%3Cx%3E&public_key=abcdef&type=2');
  assert.match(contactURL({ public_key: 'aa' }), /type=1$/);
});

test('TestNodeInfo_HasLocation', () => {
  assert.equal(hasLocation({ lat: 37.1, lon: -122 }), true);
  assert.equal(hasLocation({ lat: 0, lon: 0 }), false);
  assert.equal(hasLocation({ lat: null, lon: 1 }), false);
  assert.equal(hasLocation({ lat: 91, lon: 1 }), false);
  assert.equal(hasLocation(null), false);
});

test('TestNodeInfo_AdvertTimelineGaps', () => {
  const rows = advertTimeline([{ timestamp: '2026-05-17T10:00:00Z', hash: 'a' }, { first_seen: '2026-05-17T12:00:00Z', hash: 'b' }, { hash: 'nodate' }]);
  assert.deepEqual(rows.map((r) => r.hash), ['b', 'a']);
  assert.equal(rows[0].gapMs, 2 * 3600000);
  assert.equal(rows[1].gapMs, null);
});

test('TestNodeInfo_MatchesNode', () => {
  const n = { name: 'Berkeley Hill', public_key: 'b56e9d4e' };
  assert.equal(matchesNode(n, 'hill'), true);
  assert.equal(matchesNode(n, 'B56E'), true);
  assert.equal(matchesNode(n, '9d4e'), false, 'keys match by prefix only');
  assert.equal(matchesNode(n, ''), true);
});

test('TestMapTiles_PickPerTheme', async () => {
  const { pickTiles } = await import('../../public/js/logic/map-tiles.js');
  assert.match(pickTiles(null, false).url, /cartocdn.com\/light_all/);
  assert.match(pickTiles({}, true).url, /cartocdn.com\/dark_all/, 'no config: the Carto pair');
  assert.equal(pickTiles({ light: 'https://only/{z}/{x}/{y}.png' }, true).invert, true, 'light provider only: invert it in dark mode');
  assert.equal(pickTiles({ dark: { url: 'https://dk/{z}/{x}/{y}.png', subdomains: 'xy' } }, true).subdomains, 'xy');
  assert.equal(pickTiles({ darkDefault: 'nope' }, true).url.includes('dark_all'), true, 'unknown provider names are ignored');
  const cfg = { lightDefault: 'l', darkDefault: 'd', providers: { l: { url: 'https://l/{z}/{x}/{y}.png', attribution: 'L' }, d: { url: 'https://d/{z}/{x}/{y}.png' } } };
  assert.equal(pickTiles(cfg, false).url, 'https://l/{z}/{x}/{y}.png');
  assert.equal(pickTiles(cfg, true).url, 'https://d/{z}/{x}/{y}.png');
  assert.equal(pickTiles({ providers: { x: { url: 'javascript:alert(1)' } } }, false).url.startsWith('https://'), true, 'non-http URLs are refused');
});

test('TestNodeInfo_RadioText', async () => {
  const { radioText } = await import('../../public/js/logic/node-info.js');
  assert.equal(radioText('910.5250244,62.5,7,5'), '910.525 MHz · BW 62.5 kHz · SF7 · CR 4/5');
  assert.equal(radioText('custom'), 'custom');
  assert.equal(radioText(null), '—');
});

test('TestNodeInfo_AdvertFromWS', async () => {
  const { advertFromWS } = await import('../../public/js/logic/node-info.js');
  const pk = 'AB'.repeat(32);
  const a = advertFromWS({ payload_type: 4, hash: 'h1', timestamp: 't1', decoded_json: JSON.stringify({ pubKey: pk, name: 'N', flags: { type: 3 }, lat: 1.5, lon: 2 }) });
  assert.deepEqual(a, { public_key: pk.toLowerCase(), name: 'N', role: 'room', lat: 1.5, lon: 2, last_seen: 't1', first_seen: 't1', advert_count: 1, hash: 'h1' });
  assert.equal(advertFromWS({ payload_type: 4, decoded: { payload: { pubKey: pk } } }, 'now').last_seen, 'now');
  assert.equal(advertFromWS({ payload_type: 4, decoded: { payload: { pubKey: pk } } }).role, 'unknown');
  assert.equal(advertFromWS({ payload_type: 5, decoded_json: JSON.stringify({ pubKey: pk }) }), null);
  assert.equal(advertFromWS({ payload_type: 4, decoded_json: JSON.stringify({ pubKey: '<img>' }) }), null, 'non-hex keys are refused');
  assert.equal(advertFromWS(undefined), null);
});
