// Browser tests for #/live against the live stack: packets published to Mosquitto go through the
// real ingestor and server WebSocket; replay reads the fixture shifted to now.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { SHOTS } from './stack.mjs';
import { liveSuite, openPage, fixtureHexes, freshHexes } from './livestack.mjs';

const suite = liveSuite();

async function visit(opts) {
  const v = await openPage(suite.browser, suite.stack.base, suite.stack.tilePrefix, opts);
  await v.page.goto(`${suite.stack.base}/#/live`);
  await v.page.waitForSelector('#livePage[data-loaded="true"]', { timeout: 30000 });
  await v.page.waitForSelector('.live-beacon[data-state="open"]', { timeout: 15000 });
  return v;
}

async function done(v) {
  assert.deepEqual(v.errors, [], 'no console errors besides unreachable tiles');
  await v.context.close();
}

const num = async (page, sel) => Number((await page.textContent(sel)).replace(/,/g, ''));
const mode = (page) => page.textContent('#vcrMode');
let skip = 40;
const nextHexes = async (n) => { const hx = await fixtureHexes(n, skip); skip += n; return hx; };

test('TestLive_AnimatesPublishedPacket', async () => {
  const v = await visit();
  const { page } = v;
  assert.equal(await mode(page), 'LIVE');
  assert.ok(await num(page, '#liveNodeCount') > 100, 'nodes drawn');
  const before = await num(page, '#livePktCount');
  await suite.stack.publish([suite.stack.advert.raw_hex]);
  await page.waitForFunction((b) => Number(document.getElementById('livePktCount').textContent.replace(/,/g, '')) > b, before, { timeout: 20000 });
  await page.waitForFunction(() => Number(document.querySelector('.live-anim').dataset.started || 0) >= 1);
  const name = suite.stack.advert.decoded.name;
  assert.ok((await page.textContent('#liveFeed')).includes(name), 'feed shows the advert');
  assert.ok(await num(page, '#liveRate') >= 1, 'rate per minute counts it');
  // The animation has a sender and an observer with locations: something is drawn on the canvas.
  const painted = await page.evaluate(() => {
    const c = document.querySelector('.live-anim');
    const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
    for (let i = 3; i < d.length; i += 4) if (d[i] > 0) return true;
    return false;
  });
  assert.ok(painted, 'animation painted on the canvas');
  await done(v);
});

test('TestLive_PauseCountsMissedThenSkip', async () => {
  const v = await visit();
  const { page } = v;
  await page.click('#vcrPlay');
  assert.equal(await mode(page), 'PAUSED');
  const count = await num(page, '#livePktCount');
  await suite.stack.publish(await nextHexes(3));
  await page.waitForFunction(() => /^[3-9] missed|^\d\d+ missed/.test(document.getElementById('vcrPausedCount').textContent), null, { timeout: 20000 });
  assert.equal(await num(page, '#livePktCount'), count, 'nothing animated while paused');
  await page.click('#vcrPlay');
  await page.waitForSelector('#vcrPrompt:not(.hidden)');
  assert.match(await page.textContent('#vcrMissed'), /You missed [3-9] packets/);
  await page.click('#vcrSkip');
  assert.equal(await mode(page), 'LIVE');
  assert.ok(await page.locator('#vcrPrompt.hidden').count() === 1);
  await done(v);
});

test('TestLive_SpeedCyclesAndPersists', async () => {
  const v = await visit();
  const { page } = v;
  const seen = [];
  for (let i = 0; i < 6; i++) { await page.click('#vcrSpeed'); seen.push(await page.textContent('#vcrSpeed')); }
  assert.deepEqual(seen, ['2×', '4×', '8×', '¼×', '½×', '1×']);
  await page.click('#vcrSpeed');
  await page.click('#vcrSpeed');
  await page.click('#vcrSpeed');
  await page.reload();
  await page.waitForSelector('#livePage[data-loaded="true"]');
  assert.equal(await page.textContent('#vcrSpeed'), '8×', 'speed persisted');
  await done(v);
});

test('TestLive_ScrubReplaysInOrderAndReturnsLive', async () => {
  const v = await visit();
  const { page } = v;
  if (await page.textContent('#vcrSpeed') !== '8×') for (let i = 0; i < 6 && await page.textContent('#vcrSpeed') !== '8×'; i++) await page.click('#vcrSpeed');
  const liveNodes = await num(page, '#liveNodeCount');
  const box = await page.locator('#vcrTimeline').boundingBox();
  // Drag the playhead from 20 % to 40 % of the hour (pointer events), releasing there.
  await page.mouse.move(box.x + box.width * 0.2, box.y + box.height / 2);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width * 0.4, box.y + box.height / 2, { steps: 4 });
  await page.mouse.up();
  await page.waitForFunction(() => document.getElementById('vcrMode').textContent === 'REPLAY');
  await page.waitForFunction(() => document.querySelectorAll('#liveFeed li.replay').length >= 6, null, { timeout: 20000 });
  // Nodes are shown as of the replay time: the publisher's node, first seen at start-up, is not there yet.
  await page.waitForFunction((n) => Number(document.getElementById('liveNodeCount').textContent.replace(/,/g, '')) < n, liveNodes);
  const times = await page.$$eval('#liveFeed li.replay', (els) => els.map((e) => ({ t: Number(e.dataset.t), hash: e.dataset.hash })));
  const played = times.slice().reverse();
  for (let i = 1; i < played.length; i++) assert.ok(played[i].t >= played[i - 1].t, `replayed in time order at ${i}`);
  // The first replayed packet is the earliest stored one at or after the scrub time.
  const start = played[0].t;
  const cursor = Number(await page.getAttribute('#vcrClock', 'data-t'));
  assert.ok(cursor >= start, 'clock follows playback');
  const since = new Date(start - 120000).toISOString().replace(/\.\d+Z$/, 'Z');
  const { packets } = await suite.stack.api(`/packets?since=${since}&order=asc&limit=5000`);
  const firstAfter = packets.map((p) => ({ t: Date.parse(p.first_seen), id: p.id, hash: p.hash })).filter((p) => p.t >= start - 1000 && p.t <= start)
    .sort((a, b) => a.t - b.t || a.id - b.id);
  assert.ok(firstAfter.some((p) => p.hash === played[0].hash), 'first replayed packet comes from the store at that time');
  assert.equal(await page.getAttribute('#vcrClock', 'data-text') !== null, true, 'LCD drawn');
  await page.click('#vcrLive');
  assert.equal(await mode(page), 'LIVE');
  // Scrub near the end: the replay runs out and returns to LIVE by itself.
  await page.mouse.click(box.x + box.width * 0.995, box.y + box.height / 2);
  await page.waitForFunction(() => document.getElementById('vcrMode').textContent === 'LIVE', null, { timeout: 20000 });
  await done(v);
});

test('TestLive_PauseDuringReplayResumesAndRewind', async () => {
  const v = await visit();
  const { page } = v;
  await page.click('#vcrRewind');
  await page.waitForFunction(() => document.querySelectorAll('#liveFeed li.replay').length >= 2, null, { timeout: 20000 });
  await page.click('#vcrPlay');
  assert.equal(await mode(page), 'PAUSED');
  const n = await page.locator('#liveFeed li.replay').count();
  await page.waitForTimeout(700);
  assert.equal(await page.locator('#liveFeed li.replay').count(), n, 'paused replay stops');
  await page.click('#vcrPlay');
  assert.equal(await mode(page), 'REPLAY');
  await page.waitForFunction((c) => document.querySelectorAll('#liveFeed li.replay').length > c, n, { timeout: 20000 });
  await page.click('#vcrScope button[data-scope="6h"]');
  assert.equal(await page.getAttribute('#vcrScope button[data-scope="6h"]', 'aria-checked'), 'true');
  await page.click('#vcrLive');
  await done(v);
});

test('TestLive_ControlsAndScreenshots', async () => {
  for (const theme of ['light', 'dark']) {
    for (const [w, hgt] of [[1280, 800], [375, 812]]) {
      const v = await visit({ width: w, height: hgt, theme });
      const { page } = v;
      if (w > 500) {
        await page.click('#liveCog');
        await page.check('#liveHeat');
        await page.waitForSelector('canvas.leaflet-heatmap-layer');
        await page.uncheck('#liveHeat');
        await page.click('#liveCog');
      }
      if (w > 500) await page.click('#vcrRewind');
      else {
        // Touch scrubbing on the compact bar.
        const box = await page.locator('#vcrTimeline').boundingBox();
        await page.touchscreen.tap(box.x + box.width * 0.3, box.y + box.height / 2);
        await page.waitForFunction(() => document.getElementById('vcrMode').textContent === 'REPLAY');
      }
      await page.waitForFunction(() => Number(document.querySelector('.live-anim').dataset.started || 0) >= 2, null, { timeout: 20000 });
      await page.screenshot({ path: join(SHOTS, `live-${theme}-${w}.png`) });
      await page.click('#vcrLive');
      await done(v);
    }
  }
});

test('TestLive_TypeFilterAppliesToReplay', async () => {
  const v = await visit();
  const { page } = v;
  await page.click('#liveCog');
  for (const t of ['GRP_TXT', 'TXT_MSG', 'REQ', 'RESPONSE', 'ACK', 'PATH', 'TRACE', 'ANON_REQ', 'OTHER']) await page.uncheck(`#liveControls input[data-type="${t}"]`);
  await page.click('#vcrRewind');
  await page.waitForFunction(() => document.querySelectorAll('#liveFeed li.replay').length >= 4, null, { timeout: 20000 });
  const badges = await page.$$eval('#liveFeed li.replay .type-badge', (els) => els.map((e) => e.title));
  assert.ok(badges.length >= 4);
  assert.deepEqual([...new Set(badges)], ['ADVERT'], 'only adverts pass the type filter');
  // Clicking a feed item shows its detail card with links to the packet and its route.
  const hash = await page.getAttribute('#liveFeed li.replay >> nth=0', 'data-hash');
  await page.click('#liveFeed li.replay >> nth=0');
  await page.waitForSelector('#liveNodePanel:not(.hidden)');
  assert.ok((await page.textContent('#liveNodePanel .lp-key')).includes(hash));
  assert.ok(await page.getAttribute(`#liveNodePanel a[href^="#/map?packet=${hash}"]`, 'href'));
  await page.click('#vcrLive');
  for (const t of ['GRP_TXT', 'TXT_MSG', 'REQ', 'RESPONSE', 'ACK', 'PATH', 'TRACE', 'ANON_REQ', 'OTHER']) await page.check(`#liveControls input[data-type="${t}"]`);
  await done(v);
});

test('TestLive_NodeClickOpensPanel', async () => {
  const v = await visit();
  const { page } = v;
  // Find a painted repeater (filled #dc2626) on the node canvas and click it.
  const pt = await page.evaluate(() => {
    const c = document.querySelector('.live-nodes');
    const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
    const dpr = c.width / c.clientWidth;
    for (let y = Math.floor(c.height * 0.3); y < c.height; y += 2) {
      for (let x = Math.floor(c.width * 0.3); x < c.width * 0.7; x += 2) {
        const i = (y * c.width + x) * 4;
        if (d[i] === 220 && d[i + 1] === 38 && d[i + 2] === 38 && d[i + 3] === 255) {
          const r = c.getBoundingClientRect();
          return { x: r.left + x / dpr, y: r.top + y / dpr };
        }
      }
    }
    return null;
  });
  assert.ok(pt, 'a repeater is drawn on the canvas');
  await page.mouse.click(pt.x, pt.y);
  await page.waitForSelector('#liveNodePanel:not(.hidden) .lp-name');
  assert.match(await page.textContent('#liveNodePanel'), /repeater/);
  await page.waitForFunction(() => !document.querySelector('#liveNodePanel .lp-extra').textContent.includes('Loading'));
  assert.match(await page.textContent('#liveNodePanel .lp-extra'), /packets · .* today .*relay paths/, 'health stats and paths');
  await done(v);
});

test('TestLive_BurstStaysBounded', async () => {
  const v = await visit();
  const { page } = v;
  const before = await num(page, '#livePktCount');
  await suite.stack.publish(await nextHexes(60), { rate: 20 });
  await page.waitForFunction((b) => Number(document.getElementById('livePktCount').textContent.replace(/,/g, '')) >= b + 50, before, { timeout: 30000 });
  assert.ok(await num(page, '#liveAnimCount') <= 80, 'in-flight animations are bounded');
  assert.ok(await page.locator('#liveFeed li').count() <= 80, 'feed is bounded');
  // Leaving mid-animation tears everything down without errors.
  await page.goto(`${suite.stack.base}/#/map`);
  await page.waitForSelector('.map-page[data-loaded="true"]');
  await page.waitForTimeout(500);
  await done(v);
});

test('TestLive_ReplayHandOffFromPacketPage', async () => {
  const { packets } = await suite.stack.api('/packets?limit=50&type=4');
  const p = packets.find((x) => JSON.parse(x.path_json || '[]').length > 0) || packets[0];
  const v = await openPage(suite.browser, suite.stack.base, suite.stack.tilePrefix);
  await v.page.goto(`${suite.stack.base}/#/live?replay=${p.hash}`);
  await v.page.waitForSelector('#livePage[data-loaded="true"]', { timeout: 30000 });
  await v.page.waitForSelector(`#liveFeed li.feed-item[data-hash="${p.hash}"]`);
  await v.page.waitForSelector('#liveNodePanel:not(.hidden)');
  assert.ok((await v.page.textContent('#liveNodePanel .lp-key')).includes(p.hash));
  await done(v);
});

test('TestLive_PauseThenReplayMissed', async () => {
  const v = await visit();
  const { page } = v;
  await page.click('#vcrPlay');
  await page.waitForTimeout(1100);
  await suite.stack.publish(await freshHexes(3));
  await page.waitForFunction(() => /^[3-9] missed/.test(document.getElementById('vcrPausedCount').textContent), null, { timeout: 20000 });
  await page.click('#vcrPlay');
  await page.click('#vcrReplayMissed');
  assert.equal(await mode(page), 'REPLAY');
  await page.waitForFunction(() => document.querySelectorAll('#liveFeed li.replay').length >= 3, null, { timeout: 20000 });
  // The missed packets play, then the replay runs out and the VCR is live again.
  await page.waitForFunction(() => document.getElementById('vcrMode').textContent === 'LIVE', null, { timeout: 20000 });
  await done(v);
});

test('TestLive_RegionFilterAndNodeFromURL', async () => {
  const iata = new Map((await suite.stack.api('/observers')).observers.map((o) => [o.id.toLowerCase(), o.iata]));
  const v = await visit();
  const { page } = v;
  await page.click('#liveCog');
  await page.selectOption('#liveRegion', 'SJC');
  await page.click('#vcrRewind');
  await page.waitForFunction(() => document.querySelectorAll('#liveFeed li.replay').length >= 3, null, { timeout: 20000 });
  const obs = await page.$$eval('#liveFeed li.replay', (els) => els.map((e) => e.dataset.obs));
  assert.deepEqual([...new Set(obs.map((o) => iata.get(o)))], ['SJC'], 'only packets heard in SJC');
  await page.click('#vcrLive');
  await page.selectOption('#liveRegion', '');
  await page.goto(`${suite.stack.base}/#/live?node=abcdef`);
  await page.waitForFunction(() => document.getElementById('liveNodeFilter')?.value === 'abcdef', null, { timeout: 15000 });
  await done(v);
});
