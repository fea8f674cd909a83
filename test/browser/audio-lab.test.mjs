// Browser tests for the Audio Lab (#/audio-lab) and the Live page's audio toggle against the real stack:
// the bars equal GET /api/audio-lab/buckets and an SQL count on the stack's database, the deep link's
// parameters reach the controls and the API, play/pause drive the AudioContext (data-audio mirrors its
// state, data-scheduled counts the notes scheduled), the empty window says what to do, 375 px fits,
// axe passes, and a packet arriving on Live sounds only while the toggle is on.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useStack, visit, done, screenshots } from './pagekit.mjs';
import { join } from 'node:path';
import { newPage, mutateHex, SHOTS } from './stack.mjs';
import { axeScan } from './axe.mjs';

const env = useStack();
const LOADED = '#audioLabPage[data-loaded="true"]';
const DEEP = 'minutes=180&bucket=300&to=2026-05-17T18:15:00Z';

test('TestAudioLab_BarsMatchAPIAndSQL_DeepLink', { timeout: 180000 }, async () => {
  const api = await env.stack.api(`/audio-lab/buckets?${DEEP}`);
  // Independent count: transmissions of the window per 5-minute bucket, straight from the database.
  const rows = (await env.stack.sql(`SELECT (strftime('%s', first_seen) - strftime('%s', '${api.from}')) / 300, count(*) FROM transmissions
    WHERE strftime('%s', first_seen) >= strftime('%s', '${api.from}') AND strftime('%s', first_seen) < strftime('%s', '${api.to}') GROUP BY 1`))
    .split('\n').filter(Boolean).map((l) => l.split('|').map(Number));
  const sqlCounts = Array(36).fill(0);
  for (const [b, n] of rows) sqlCounts[b] = n;
  assert.deepEqual(api.timeline.map((b) => b.count), sqlCounts, 'API timeline buckets equal the SQL count');

  const v = await visit(env.browser, env.stack, '#/tools', { waitFor: '#audioLabLink' });
  const { page } = v;
  await page.click('#audioLabLink');
  await page.waitForSelector(LOADED);
  assert.equal(await page.locator('#alBars li').count(), 60, 'default: 60 one-minute buckets');
  await page.goto(`${env.stack.base}/#/audio-lab?${DEEP}&speed=8`);
  await page.waitForFunction(() => document.querySelectorAll('#alBars li').length === 36);
  await page.waitForSelector(LOADED);
  const counts = await page.$$eval('#alBars li', (els) => els.map((e) => Number(e.dataset.count)));
  assert.deepEqual(counts, sqlCounts, 'bars equal the API/SQL counts');
  assert.equal(await page.inputValue('#alMinutes'), '180');
  assert.equal(await page.inputValue('#alBucket'), '300');
  assert.equal(await page.inputValue('#alSpeed'), '8');
  const total = sqlCounts.reduce((a, b) => a + b, 0);
  assert.match(await page.textContent('#alSummary'), new RegExp(`^${total} packets in 36 buckets of 300 s`));

  // A control change rewrites the URL and reloads the buckets.
  await page.selectOption('#alBucket', '900');
  await page.waitForFunction(() => document.querySelectorAll('#alBars li').length === 12);
  assert.match(await page.evaluate(() => location.hash), /bucket=900/);
  await page.reload();
  await page.waitForSelector(LOADED);
  assert.equal(await page.locator('#alBars li').count(), 12, 'the changed bucket survives a reload');
  assert.equal(await page.$$eval('#alBars li', (els) => els.reduce((a, e) => a + Number(e.dataset.count), 0)), total);
  await done(v);
});

test('TestAudioLab_PlayPauseDriveTheAudioContext', { timeout: 120000 }, async () => {
  const v = await visit(env.browser, env.stack, `#/audio-lab?${DEEP}&speed=8`, { waitFor: LOADED });
  const { page } = v;
  const attr = (n) => page.getAttribute('#audioLabPage', n);
  assert.equal(await attr('data-audio'), 'none', 'no AudioContext before the user asks');
  const firstBusy = await page.$$eval('#alBars li', (els) => els.findIndex((e) => Number(e.dataset.count) > 0));
  assert.equal(await attr('data-bucket'), String(firstBusy), 'playback starts at the first bucket with packets');
  await page.click('#alPlay');
  await page.waitForFunction(() => document.querySelector('#audioLabPage').dataset.audio === 'running');
  assert.equal(await attr('data-state'), 'playing');
  assert.equal(await page.getAttribute('#alPlay', 'aria-pressed'), 'true');
  // The player reaches the first busy bucket and schedules its notes.
  await page.waitForFunction((i) => Number(document.querySelector('#audioLabPage').dataset.bucket) > i, firstBusy, { timeout: 30000 });
  const scheduled = Number(await attr('data-scheduled'));
  assert.ok(scheduled > 0, `notes scheduled: ${scheduled}`);
  assert.equal(await page.locator('#alBars li.playing').count(), 1, 'the bucket being played is highlighted');
  await page.click('#alPlay');
  await page.waitForFunction(() => document.querySelector('#audioLabPage').dataset.audio === 'suspended');
  assert.equal(await attr('data-state'), 'paused');
  assert.equal(await page.textContent('#alPlay'), 'Play');
  const pausedAt = await attr('data-bucket');
  await page.click('#alPlay');
  await page.waitForFunction(() => document.querySelector('#audioLabPage').dataset.audio === 'running');
  assert.ok(Number(await attr('data-bucket')) >= Number(pausedAt), 'resumes where it paused');
  await page.click('#alStop');
  await page.waitForFunction(() => document.querySelector('#audioLabPage').dataset.state === 'stopped');
  assert.equal(await attr('data-bucket'), String(firstBusy), 'stop rewinds to the first bucket with packets');
  await done(v);
});

test('TestAudioLab_EmptyWindowPhoneWidthAxe', { timeout: 120000 }, async () => {
  const empty = await visit(env.browser, env.stack, '#/audio-lab?to=2020-01-01T00:00:00Z', { waitFor: LOADED });
  assert.match(await empty.page.textContent('#alSummary'), /^No packets between .* Choose a wider window/);
  assert.equal(await empty.page.isDisabled('#alPlay'), true, 'nothing to play');
  await done(empty);

  const v = await newPage(env.browser, env.stack.base, { width: 375, height: 812, bypassCSP: true });
  await v.page.goto(`${env.stack.base}/#/audio-lab?${DEEP}`);
  await v.page.waitForSelector(LOADED);
  const overflow = await v.page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 0, `no horizontal scroll at 375 px (overflow ${overflow}px)`);
  const box = await v.page.locator('#alBars').boundingBox();
  assert.ok(box && box.width > 300 && box.x >= 0 && box.x + box.width <= 375, `bars fit the phone: ${JSON.stringify(box)}`);
  assert.deepEqual(await axeScan(v.page), [], 'axe: no serious or critical violations');
  await done(v);
  await screenshots(env.browser, env.stack, [[`#/audio-lab?${DEEP}`, 'audio-lab', LOADED]]);
});

test('TestLiveAudioToggle_SoundsArrivingPacketsOnlyWhenOn', { timeout: 120000 }, async () => {
  const v = await visit(env.browser, env.stack, '#/live', { waitFor: '#livePage[data-loaded="true"]' });
  const { page } = v;
  const raw = (await env.stack.sql('SELECT raw_hex FROM transmissions WHERE payload_type = 1 AND length(raw_hex) >= 40 ORDER BY first_seen DESC LIMIT 1')).trim();
  const count = () => page.$$eval('.live-feed-panel li.feed-item', (els) => els.length);
  const sched = async () => Number(await page.getAttribute('#liveAudio', 'data-scheduled'));
  // Off: a packet arrives (the feed grows) and nothing is scheduled.
  const before = await count();
  await env.stack.inject(mutateHex(raw));
  await page.waitForFunction((n) => document.querySelectorAll('.live-feed-panel li.feed-item').length > n, before, { timeout: 30000 });
  assert.equal(await sched(), 0, 'audio off: no note');
  await page.click('#liveAudio');
  await page.waitForFunction(() => document.querySelector('#liveAudio').dataset.audio === 'running');
  assert.equal(await page.getAttribute('#liveAudio', 'aria-pressed'), 'true');
  await env.stack.inject(mutateHex(raw));
  await page.waitForFunction(() => Number(document.querySelector('#liveAudio').dataset.scheduled) === 1, null, { timeout: 30000 });
  await page.screenshot({ path: join(SHOTS, 'live-audio-on-1280x800-light.png') });
  await page.click('#liveAudio');
  await page.waitForFunction(() => document.querySelector('#liveAudio').dataset.audio === 'suspended');
  assert.equal(await page.getAttribute('#liveAudio', 'aria-pressed'), 'false');
  await done(v);
  // At 375 px the toggle stays inside the header bar.
  const phone = await visit(env.browser, env.stack, '#/live', { width: 375, height: 812, theme: 'dark', waitFor: '#livePage[data-loaded="true"]' });
  const btn = await phone.page.locator('#liveAudio').boundingBox();
  assert.ok(btn && btn.x >= 0 && btn.x + btn.width <= 375, `audio toggle visible at 375 px: ${JSON.stringify(btn)}`);
  await phone.page.screenshot({ path: join(SHOTS, 'live-audio-375x812-dark.png') });
  await done(phone);
});
