import { test } from 'node:test';
import assert from 'node:assert/strict';
import { timeAgo, absTime, fmtNum, fmtBytes, fmtDuration, fmtDistance, snrQuality, nodeStatus, observerStatus, toMs, shortHash } from '../../public/js/lib/format.js';
import { hashColor, hashHue, initials, readableHashColor } from '../../public/js/logic/hashcolor.js';
import { pathHops, buildPrefixIndex, resolveHops, hopLabel } from '../../public/js/logic/hops.js';
import { payloadName, payloadLabel, routeName } from '../../public/js/logic/payload.js';

const NOW = Date.parse('2026-05-17T18:00:00Z');

test('TestFormat_TimeAgo', () => {
  assert.equal(timeAgo('2026-05-17T17:59:30Z', NOW), '30s ago');
  assert.equal(timeAgo('2026-05-17T17:45:00Z', NOW), '15m ago');
  assert.equal(timeAgo('2026-05-17T15:00:00Z', NOW), '3h ago');
  assert.equal(timeAgo('2026-05-15T18:00:00Z', NOW), '2d ago');
  assert.equal(timeAgo('2026-05-17T18:05:00Z', NOW), 'in 5m');
  assert.equal(timeAgo(null, NOW), '—');
  assert.equal(timeAgo('garbage', NOW), '—');
});

test('TestFormat_AbsTimeAndToMs', () => {
  assert.equal(absTime('2026-05-17T08:09:05Z', true), '2026-05-17 08:09:05');
  assert.equal(absTime(undefined), '—');
  assert.equal(toMs(1779041263), 1779041263000, 'epoch seconds become ms');
  assert.equal(toMs(1779041263000), 1779041263000);
});

test('TestFormat_Numbers', () => {
  assert.equal(fmtNum(1234567), '1,234,567');
  assert.equal(fmtNum(null), '—');
  assert.equal(fmtBytes(512), '512 B');
  assert.equal(fmtBytes(1536), '1.5 KB');
  assert.equal(fmtBytes(5 * 1024 * 1024), '5.0 MB');
  assert.equal(fmtDuration(59), '59s');
  assert.equal(fmtDuration(3661), '1h 1m');
  assert.equal(fmtDuration(90000), '1d 1h');
  assert.equal(fmtDistance(0.5), '500 m');
  assert.equal(fmtDistance(12.34), '12.3 km');
  assert.equal(fmtDistance(0.1, true), '328 ft');
  assert.equal(shortHash('ab12cd34ef'), 'AB12CD34');
});

test('TestFormat_Status', () => {
  assert.equal(snrQuality(11), 'Excellent');
  assert.equal(snrQuality(1), 'Good');
  assert.equal(snrQuality(-3), 'Marginal');
  assert.equal(snrQuality(-9), 'Poor');
  assert.equal(nodeStatus(NOW - 30 * 60000, 'companion', NOW), 'Active');
  assert.equal(nodeStatus(NOW - 2 * 3600000, 'companion', NOW), 'Degraded');
  assert.equal(nodeStatus(NOW - 2 * 3600000, 'repeater', NOW), 'Active', 'infrastructure uses 24 h');
  assert.equal(nodeStatus(NOW - 48 * 3600000, 'repeater', NOW), 'Degraded');
  assert.equal(nodeStatus(NOW - 100 * 3600000, 'room', NOW), 'Silent');
  assert.equal(nodeStatus(null, 'room', NOW), 'Silent');
  assert.equal(observerStatus(NOW - 10 * 60000, NOW), 'Online');
  assert.equal(observerStatus(NOW - 5 * 3600000, NOW), 'Stale');
  assert.equal(observerStatus(NOW - 30 * 3600000, NOW), 'Offline');
});

test('TestFormat_PayloadNames', () => {
  assert.equal(payloadName(4), 'ADVERT');
  assert.equal(payloadName(15), 'RAW_CUSTOM');
  assert.equal(payloadName(13), 'UNK(13)');
  assert.equal(payloadLabel(5), 'Channel Msg');
  assert.equal(routeName(3), 'TRANSPORT_DIRECT');
});

test('TestHashColor_Stable', () => {
  assert.equal(hashHue('abc'), hashHue('abc'));
  assert.notEqual(hashHue('abc'), hashHue('abd'));
  assert.match(hashColor('abc'), /^hsl\(\d+, 65%, 42%\)$/);
  assert.match(hashColor('abc', true), /62%\)$/);
  assert.equal(initials('#test'), 'TE');
});

// WCAG relative luminance and contrast ratio of an hsl() string against a hex colour.
function contrast(hsl, hex) {
  const [h, sat, l] = hsl.match(/[\d.]+/g).map(Number);
  const a = (sat / 100) * Math.min(l / 100, 1 - l / 100);
  const f = (n) => { const k = (n + h / 30) % 12; return l / 100 - a * Math.max(-1, Math.min(k - 3, 9 - k, 1)); };
  const lin = (v) => (v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4);
  const lum = (r, g, b) => 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b);
  const L1 = lum(f(0), f(8), f(4));
  const x = parseInt(hex.slice(1), 16);
  const L2 = lum((x >> 16) / 255, ((x >> 8) & 255) / 255, (x & 255) / 255);
  return (Math.max(L1, L2) + 0.05) / (Math.min(L1, L2) + 0.05);
}

test('TestReadableHashColor_ContrastForEveryHue', () => {
  let worstLight = Infinity, worstDark = Infinity;
  for (let i = 0; i < 2000; i++) {
    const name = `node ${i}`;
    worstLight = Math.min(worstLight, contrast(readableHashColor(name), '#ffffff'), contrast(readableHashColor(name), '#f5f7fa'));
    worstDark = Math.min(worstDark, contrast(readableHashColor(name, true), '#0d1117'), contrast(readableHashColor(name, true), '#161b22'));
  }
  assert.ok(worstLight >= 4.5, `light: worst contrast ${worstLight.toFixed(2)}`);
  assert.ok(worstDark >= 4.5, `dark: worst contrast ${worstDark.toFixed(2)}`);
  // The plain stripe colour is not meant for text: it fails somewhere, which is why this exists.
  let plain = Infinity;
  for (let i = 0; i < 2000; i++) plain = Math.min(plain, contrast(hashColor(`node ${i}`), '#ffffff'));
  assert.ok(plain < 4.5);
  assert.equal(initials('Kennedy Repeater'), 'KR');
  assert.equal(initials(''), '?');
});

test('TestHops_Resolve', () => {
  const nodes = [
    { public_key: 'aa11000000', name: 'Alpha' },
    { public_key: 'bb22000000', name: 'Beta' },
    { public_key: 'bb33000000', name: 'Beta2' },
  ];
  const idx = buildPrefixIndex(nodes);
  const byKey = new Map(nodes.map((n) => [n.public_key, n]));
  const hops = pathHops({ path_json: '["aa","BB","CC"]' });
  assert.deepEqual(hops, ['AA', 'BB', 'CC']);
  const r = resolveHops(hops, null, idx, byKey);
  assert.equal(r[0].name, 'Alpha');
  assert.equal(r[1].ambiguous, true);
  assert.equal(r[2].pubkey, null);
  assert.equal(hopLabel(r[1]), 'BB?');
  const r2 = resolveHops(hops, [null, 'bb33000000', null], idx, byKey);
  assert.equal(r2[1].name, 'Beta2');
  assert.equal(hopLabel(r2[0], true), 'AA');
  assert.deepEqual(pathHops({ path_json: 'not json' }), []);
  assert.deepEqual(pathHops(null), []);
});

test('TestFormat_Unit', async () => {
  const { fmtUnit } = await import('../../public/js/lib/format.js');
  assert.equal(fmtUnit(7.25, 'dB'), '7.3 dB');
  assert.equal(fmtUnit(-91, 'dBm', 0), '-91 dBm');
  assert.equal(fmtUnit(null, 'dB'), '—');
  assert.equal(fmtUnit(undefined, 'dB'), '—');
  assert.equal(fmtUnit('x', 'dB'), '—');
});

test('TestFormat_CompactPacketTime', async () => {
  const { compactTime } = await import('../../public/js/pages/packets/columns.js');
  const now = new Date(2026, 4, 17, 18, 30, 0).getTime();
  assert.equal(compactTime(new Date(2026, 4, 17, 18, 13, 27).getTime(), now), '18:13:27');
  assert.equal(compactTime(new Date(2026, 4, 16, 9, 5, 0).getTime(), now), '05-16 09:05');
});
