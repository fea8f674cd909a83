import { test } from 'node:test';
import assert from 'node:assert/strict';
import { MODES, SPEEDS, initialState, reduce, nextSpeed, speedLabel } from '../../public/js/logic/vcr.js';
import { replayDelay, densityBins, timeToFrac, fracToTime, groupPackets, isoSec, packetTime } from '../../public/js/logic/vcr-timeline.js';

const NOW = Date.parse('2026-05-17T18:00:00Z');

function run(state, ...events) {
  const effects = [];
  for (const ev of events) {
    const r = reduce(state, ev);
    state = r.state;
    effects.push(...r.effects);
  }
  return { state, effects };
}

test('TestVCR_LiveAnimates', () => {
  const { state, effects } = run(initialState(), { type: 'packet', packet: { hash: 'a' } });
  assert.equal(state.mode, MODES.LIVE);
  assert.deepEqual(effects, ['animate']);
  assert.equal(state.missed, 0);
});

test('TestVCR_PauseBuffersAndCounts', () => {
  const { state } = run(initialState(), { type: 'pause', now: NOW }, { type: 'packet', packet: 1 }, { type: 'packet', packet: 2 });
  assert.equal(state.mode, MODES.PAUSED);
  assert.equal(state.missed, 2);
  assert.deepEqual(state.buffer, [1, 2]);
  assert.equal(state.pausedAt, NOW);
});

test('TestVCR_BufferCapped', () => {
  let s = reduce(initialState({ bufferCap: 3 }), { type: 'pause', now: NOW }).state;
  for (let i = 0; i < 10; i++) s = reduce(s, { type: 'packet', packet: i }).state;
  assert.deepEqual(s.buffer, [7, 8, 9]);
  assert.equal(s.missed, 10, 'missed counts every packet, not only buffered ones');
});

test('TestVCR_PlayWithoutMissedGoesLive', () => {
  const { state, effects } = run(initialState(), { type: 'pause', now: NOW }, { type: 'play' });
  assert.equal(state.mode, MODES.LIVE);
  assert.deepEqual(effects, ['clearScene']);
});

test('TestVCR_PlayWithMissedPrompts', () => {
  let { state } = run(initialState(), { type: 'pause', now: NOW }, { type: 'packet', packet: 1 }, { type: 'play' });
  assert.equal(state.mode, MODES.PAUSED);
  assert.equal(state.prompt, true);
  const skip = reduce(state, { type: 'skipToLive' });
  assert.equal(skip.state.mode, MODES.LIVE);
  assert.equal(skip.state.missed, 0);
  assert.equal(skip.state.prompt, false);
  const rep = reduce(state, { type: 'replayMissed' });
  assert.equal(rep.state.mode, MODES.REPLAY);
  assert.equal(rep.state.replayFrom, NOW);
  assert.deepEqual(rep.effects, ['startReplay']);
  state = rep.state;
  assert.equal(state.missed, 0);
});

test('TestVCR_ScrubEntersReplay', () => {
  const t = NOW - 1800000;
  const { state, effects } = run(initialState(), { type: 'scrub', t });
  assert.equal(state.mode, MODES.REPLAY);
  assert.equal(state.cursor, t);
  assert.deepEqual(effects, ['clearScene', 'startReplay']);
  const again = reduce(state, { type: 'scrub', t: t + 1000 });
  assert.deepEqual(again.effects, ['stopReplay', 'clearScene', 'startReplay'], 'rescrub stops the running replay first');
  assert.equal(reduce(state, { type: 'scrub', t: Number.NaN }).state, state, 'bad time ignored');
});

test('TestVCR_RewindUsesScope', () => {
  const s = reduce(initialState({ scope: '6h' }), { type: 'rewind', now: NOW }).state;
  assert.equal(s.mode, MODES.REPLAY);
  assert.equal(s.replayFrom, NOW - 6 * 3600000);
});

test('TestVCR_PauseDuringReplayResumes', () => {
  let { state } = run(initialState(), { type: 'scrub', t: NOW - 1000 }, { type: 'replayTick', t: NOW - 500 });
  let r = reduce(state, { type: 'pause', now: NOW });
  assert.equal(r.state.mode, MODES.PAUSED);
  assert.deepEqual(r.effects, ['stopReplay']);
  r = reduce(reduce(r.state, { type: 'packet', packet: 'x' }).state, { type: 'play' });
  assert.equal(r.state.mode, MODES.REPLAY);
  assert.deepEqual(r.effects, ['resumeReplay']);
  assert.equal(r.state.cursor, NOW - 500);
  state = reduce(r.state, { type: 'replayEnd' }).state;
  assert.equal(state.mode, MODES.LIVE);
  assert.equal(state.cursor, null);
});

test('TestVCR_LiveFromReplayStops', () => {
  const { state, effects } = run(initialState(), { type: 'scrub', t: NOW }, { type: 'live' });
  assert.equal(state.mode, MODES.LIVE);
  assert.deepEqual(effects.slice(-2), ['stopReplay', 'clearScene']);
  assert.deepEqual(reduce(state, { type: 'live' }).effects, [], 'LIVE→LIVE is a no-op');
});

test('TestVCR_SpeedCycles', () => {
  let s = initialState();
  const seen = [];
  for (let i = 0; i < SPEEDS.length; i++) { s = reduce(s, { type: 'speed' }).state; seen.push(s.speed); }
  assert.deepEqual(seen, [2, 4, 8, 0.25, 0.5, 1]);
  assert.equal(nextSpeed(8), 0.25);
  assert.equal(initialState({ speed: 3 }).speed, 1, 'unknown persisted speed falls back to 1');
  assert.equal(speedLabel(0.25), '¼×');
  assert.equal(speedLabel(4), '4×');
});

test('TestVCR_UnknownEventUnchanged', () => {
  const s = initialState();
  assert.equal(reduce(s, { type: 'nope' }).state, s);
  assert.equal(reduce(s, null).state, s);
  assert.equal(reduce(s, { type: 'scope', scope: '3h' }).state.scope, '1h');
  assert.equal(reduce(s, { type: 'scope', scope: '24h' }).state.scope, '24h');
});

test('TestTimeline_ReplayDelayClamped', () => {
  assert.equal(replayDelay(10, 1), 100);
  assert.equal(replayDelay(60000, 1), 2000);
  assert.equal(replayDelay(1000, 2), 500);
  assert.equal(replayDelay(1000, 0.25), 4000);
  assert.equal(replayDelay(Number.NaN, 1), 100);
  assert.equal(replayDelay(500, 0), 500, 'zero speed treated as 1');
});

test('TestTimeline_DensityBins', () => {
  const start = NOW - 3600000;
  const bins = densityBins([start, start + 1, NOW - 1, NOW, start - 5, new Date(start + 1800000).toISOString(), 'bad'], start, NOW, 4);
  assert.deepEqual(bins, [2, 0, 1, 1]);
  assert.deepEqual(densityBins([1], 5, 5, 3), [0, 0, 0]);
});

test('TestTimeline_FracRoundTrip', () => {
  const a = NOW - 1000;
  assert.equal(timeToFrac(NOW - 500, a, NOW), 0.5);
  assert.equal(timeToFrac(0, a, NOW), 0);
  assert.equal(timeToFrac(NOW + 5, a, NOW), 1);
  assert.equal(fracToTime(0.25, a, NOW), NOW - 750);
  assert.equal(fracToTime(7, a, NOW), NOW);
  assert.equal(fracToTime('x', a, NOW), a);
});

test('TestTimeline_GroupPacketsOrdersAndDedups', () => {
  const seen = new Set(['dup']);
  const rows = [
    { id: 1, hash: 'c', first_seen: '2026-05-17T18:13:27Z' },
    { id: 3, hash: 'a', first_seen: '2026-05-17T16:00:00Z', observations: [{ observer_id: 'O1' }, { observer_id: 'O2' }] },
    { id: 2, hash: 'b', first_seen: '2026-05-17T16:00:00Z' },
    { id: 4, hash: 'dup', first_seen: '2026-05-17T16:00:00Z' },
    { id: 5, hash: 'x' }, null,
  ];
  const g = groupPackets(rows, seen);
  assert.deepEqual(g.map((x) => x.hash), ['b', 'a', 'c']);
  assert.equal(g[1].observations.length, 2);
  assert.equal(g[0].observations[0], rows[2], 'a row without observations is its own observation');
  assert.ok(seen.has('a') && seen.has('c'));
  assert.equal(groupPackets(rows, seen).length, 0, 'second page with the same rows adds nothing');
});

test('TestTimeline_IsoSecAndPacketTime', () => {
  assert.equal(isoSec(Date.parse('2026-05-17T18:00:01.900Z')), '2026-05-17T18:00:01Z');
  assert.equal(packetTime({ timestamp: '2026-05-17T18:00:00Z' }), NOW);
  assert.equal(packetTime({ first_seen: '2026-05-17T18:00:00Z' }), NOW);
  assert.equal(packetTime(null), null);
});

test('TestLCD_Text', async () => {
  const { lcdText } = await import('../../public/js/pages/live/lcd.js');
  const d = new Date(2026, 4, 17, 7, 5, 9);
  assert.equal(lcdText(d.getTime()), '07:05:09');
  assert.equal(lcdText(null), '--:--:--');
  assert.equal(lcdText(Number.NaN), '--:--:--');
});

test('TestReplayer_PagesForwardInTimeOrder', async () => {
  const { replayer } = await import('../../public/js/pages/live/replay.js');
  const T0 = Date.parse('2026-05-17T16:00:00Z');
  const N = 300;
  const iso = (ms) => new Date(ms).toISOString().replace('.000Z', 'Z');
  // Ids run backwards in time (as in the fixture), so id order is not time order.
  const rows = Array.from({ length: N }, (_, i) => ({ id: N - i, hash: `h${String(i).padStart(3, '0')}`, first_seen: iso(T0 + i * 1000), observations: [{ observer_id: 'O1' }] }));
  const calls = [];
  const realFetch = globalThis.fetch;
  globalThis.fetch = async (url) => {
    const q = new URL(url, 'http://x').searchParams;
    calls.push(Object.fromEntries(q));
    const since = q.get('since');
    const until = q.get('until');
    const hit = rows.filter((r) => r.first_seen > since && (!until || r.first_seen < until)).sort((a, b) => a.id - b.id);
    const body = JSON.stringify({ packets: hit, total: hit.length });
    return { status: 200, ok: true, headers: { get: () => null }, text: async () => body };
  };
  try {
    const played = [];
    const ticks = [];
    await new Promise((resolve) => {
      const r = replayer({ timestamps: () => rows.map((x) => Date.parse(x.first_seen)), speed: () => 8,
        onGroup: (g) => played.push(g.hash), onTick: (t) => ticks.push(t), onEnd: resolve });
      r.start(T0 + 10 * 1000);
    });
    assert.equal(played.length, N - 10, 'every packet from the start time on, once');
    assert.deepEqual(played, rows.slice(10).map((x) => x.hash), 'in time order across pages');
    assert.ok(calls.length >= 2, 'fetched more than one page');
    assert.ok(calls.every((c) => c.order === 'asc' && c.since), 'pages ask for since & ascending order');
    for (let i = 1; i < ticks.length; i++) assert.ok(ticks[i] >= ticks[i - 1], 'playback clock never goes back');
  } finally {
    globalThis.fetch = realFetch;
  }
});
