// Browser tests for the Live extras (issue #19 item 10) against the live stack: the multibyte-only
// filter, inferred-hop ghost markers, airtime hop timing, fullscreen and matrix rain toggles with
// their URL round trip, 375 px, axe. Packets are built here (FLOOD RESPONSEs with a chosen path and a
// random payload) and published through Mosquitto to the real ingestor and server.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { SHOTS } from './stack.mjs';
import { liveSuite, watchConsole } from './livestack.mjs';
import { axeScan } from './axe.mjs';

const suite = liveSuite();

/**
 * packet builds a FLOOD RESPONSE (header 0x05) whose path is hops (all the same size: 1, 2 or 3
 * bytes each) and whose payload is 20 random bytes (dest, src, MAC, 16 bytes of ciphertext).
 */
function packet(hops) {
  const size = hops.length ? hops[0].length / 2 : 1;
  const pathLen = ((size - 1) << 6) | hops.length;
  const hex = Buffer.concat([Buffer.from([0x05, pathLen]), Buffer.from(hops.join(''), 'hex'), randomBytes(20)]).toString('hex').toUpperCase();
  return hex;
}

async function open(hash, { width = 1280, height = 800, theme = 'light', reducedMotion = 'no-preference' } = {}) {
  const context = await suite.browser.newContext({ viewport: { width, height }, colorScheme: theme, reducedMotion, bypassCSP: true,
    hasTouch: width < 500, isMobile: width < 500 });
  await context.addInitScript((t) => { try { if (!sessionStorage.getItem('seeded')) { localStorage.setItem('meshcore-theme', JSON.stringify(t)); sessionStorage.setItem('seeded', '1'); } } catch { /* about:blank */ } }, theme);
  const page = await context.newPage();
  const errors = watchConsole(page, suite.stack.tilePrefix);
  const { base, tilePrefix } = suite.stack;
  await page.route('**/*', (r) => { const u = r.request().url(); return u.startsWith(base) || u.startsWith(tilePrefix) ? r.continue() : r.abort(); });
  await page.goto(`${base}/${hash}`);
  await page.waitForSelector('#livePage[data-loaded="true"]', { timeout: 30000 });
  await page.waitForSelector('.live-beacon[data-state="open"]', { timeout: 15000 });
  return { page, context, errors };
}

async function done(v) {
  assert.deepEqual(v.errors, [], 'no console errors besides unreachable tiles');
  await v.context.close();
}

const query = (page) => page.evaluate(() => Object.fromEntries(new URLSearchParams(location.hash.split('?')[1] || '')));

/** stored waits until the server has every raw packet and returns raw_hex → hash. */
async function stored(hexes) {
  const want = new Set(hexes.map((x) => x.toUpperCase()));
  for (let i = 0; i < 200; i++) {
    const { packets } = await suite.stack.api('/packets?limit=200');
    const got = new Map(packets.filter((p) => want.has(String(p.raw_hex).toUpperCase())).map((p) => [String(p.raw_hex).toUpperCase(), p.hash]));
    if (got.size === want.size) return got;
    await new Promise((r) => setTimeout(r, 150));
  }
  throw new Error('published packets never reached the API');
}

/** relays picks two located relays whose 2-byte prefixes match no other node, and a 2-byte prefix no node has. */
async function relays() {
  const nodes = [];
  for (let offset = 0; ; offset += 500) {
    const r = await suite.stack.api(`/nodes?limit=500&offset=${offset}`);
    nodes.push(...r.nodes);
    if (r.nodes.length < 500) break;
  }
  const count = new Map();
  for (const n of nodes) { const p = n.public_key.slice(0, 4).toUpperCase(); count.set(p, (count.get(p) || 0) + 1); }
  const ok = nodes.filter((n) => n.role === 'repeater' && n.lat && n.lon && count.get(n.public_key.slice(0, 4).toUpperCase()) === 1);
  assert.ok(ok.length >= 2, 'two located repeaters with unique 2-byte prefixes');
  let unknown = 'FFFE';
  for (let v = 0xfffe; count.has(unknown); v--) unknown = v.toString(16).toUpperCase().padStart(4, '0');
  // Two relays a few kilometres apart, so the ghost between them is clearly placed.
  const [a, b] = [ok[0], ok.find((n) => n !== ok[0] && Math.hypot(n.lat - ok[0].lat, n.lon - ok[0].lon) > 0.01) || ok[1]];
  return { a, b, unknown };
}

test('TestLiveExtras_MultibyteOnlyShowsExactlyMultiByte', async () => {
  const v = await open('#/live?multibyte=1');
  const { page } = v;
  await page.click('#liveCog');
  assert.ok(await page.isChecked('#liveMultibyte'), 'URL ?multibyte=1 ticks the box');
  // Chosen here: three 1-byte paths, one direct (no path), two 2-byte and one 3-byte.
  const single = [packet(['11', '22']), packet(['33']), packet(['44', '55', '66']), packet([])];
  const multi = [packet(['A1B2', 'C3D4']), packet(['0102']), packet(['AABBCC', 'DDEEFF'])];
  await suite.stack.publish([...single, ...multi]);
  const hashes = await stored([...single, ...multi]);
  // A last multi-byte packet, published after the others are stored: once it is in the feed, every
  // earlier frame has been handled by the page (one WebSocket, in order).
  const sentinel = packet(['BEEF', 'CAFE']);
  await suite.stack.publish([sentinel]);
  const sentHash = (await stored([sentinel])).get(sentinel);
  await page.waitForSelector(`#liveFeed li.feed-item[data-hash="${sentHash}"]`, { timeout: 20000 });
  const mine = new Set(hashes.values());
  const shown = new Set((await page.$$eval('#liveFeed li.feed-item', (els) => els.map((e) => e.dataset.hash))).filter((hh) => mine.has(hh)));
  assert.deepEqual([...shown].sort(), multi.map((x) => hashes.get(x)).sort(), 'exactly the 2- and 3-byte packets');
  // Unticking the box puts the URL back and lets 1-byte packets through again.
  await page.uncheck('#liveMultibyte');
  assert.equal((await query(page)).multibyte, undefined);
  const one = packet(['77']);
  await suite.stack.publish([one]);
  const oneHash = (await stored([one])).get(one);
  await page.waitForSelector(`#liveFeed li.feed-item[data-hash="${oneHash}"]`, { timeout: 20000 });
  await done(v);
});

test('TestLiveExtras_GhostMarkerAndAirtimeTiming', async () => {
  const { a, b, unknown } = await relays();
  const v = await open('#/live?ghosts=1&realistic=1');
  const { page } = v;
  const pa = a.public_key.slice(0, 4).toUpperCase();
  const pb = b.public_key.slice(0, 4).toUpperCase();
  const hex = packet([pa, unknown, pb]);
  await suite.stack.publish([hex]);
  const hash = (await stored([hex])).get(hex);
  const ghost = page.locator(`.live-ghost-mark[data-prefix="${unknown}"]`);
  await ghost.waitFor({ timeout: 20000 });
  assert.match(await ghost.getAttribute('title'), /Inferred hop/);
  assert.equal(await ghost.locator('.live-ghost-label').textContent(), `${unknown}?`);
  // Placed half way between its two resolved neighbours (from the API's node rows).
  assert.ok(Math.abs(Number(await ghost.getAttribute('data-lat')) - (a.lat + b.lat) / 2) < 1e-5, 'ghost latitude is the midpoint');
  assert.ok(Math.abs(Number(await ghost.getAttribute('data-lon')) - (a.lon + b.lon) / 2) < 1e-5, 'ghost longitude is the midpoint');
  // Timing plan: the packet is 1 + 1 + 3×2 + 20 = 28 bytes. At SF8, 62.5 kHz, CR 4/5, 32-symbol
  // preamble: Tsym = 256/62500 s = 4.096 ms; payload symbols = 8 + ceil((8·28 − 32 + 44)/32)·5 =
  // 8 + 8·5 = 48; airtime = (32 + 4.25 + 48) × 4.096 = 345.088 ms. Path drawn: A → ghost → B →
  // observer, three hops starting at 0, 345 and 690 ms.
  const canvas = page.locator('.live-anim');
  await page.waitForFunction((hh) => document.querySelector('.live-anim').dataset.planHash === hh, hash);
  assert.equal(await canvas.getAttribute('data-plan-hop-ms'), '345');
  assert.equal(await canvas.getAttribute('data-plan-realistic'), 'true');
  assert.equal(await canvas.getAttribute('data-plan-starts'), '0,345,690');
  // Without inferred hops nothing is placed for the unknown prefix; without realistic timing the
  // fixed animation step is used.
  await page.click('#liveCog');
  await page.uncheck('#liveGhosts');
  await page.uncheck('#liveRealistic');
  assert.deepEqual(await query(page), {});
  await ghost.waitFor({ state: 'detached' });
  const hex2 = packet([pa, unknown, pb]);
  await suite.stack.publish([hex2]);
  const hash2 = (await stored([hex2])).get(hex2);
  await page.waitForFunction((hh) => document.querySelector('.live-anim').dataset.planHash === hh, hash2);
  assert.equal(await canvas.getAttribute('data-plan-realistic'), 'false');
  assert.equal(await canvas.getAttribute('data-plan-starts').then((s) => s.split(',').length), 2, 'A → B → observer: two hops');
  assert.equal(await page.locator('.live-ghost-mark').count(), 0);
  await done(v);
});

test('TestLiveExtras_FullscreenAndMatrixRoundTrip', async () => {
  const v = await open('#/live');
  const { page } = v;
  await page.click('#liveFullscreen');
  await page.waitForSelector('#livePage.live-fullscreen[data-fullscreen="true"]');
  assert.equal(await page.getAttribute('#liveFullscreen', 'aria-pressed'), 'true');
  assert.equal((await query(page)).fullscreen, '1');
  // The page covers the window in both the native and the fallback mode.
  const box = await page.locator('#livePage').boundingBox();
  assert.deepEqual([box.x, box.y, box.width, box.height], [0, 0, 1280, 800]);
  await page.click('#liveCog');
  await page.check('#liveMatrix');
  assert.deepEqual(await query(page), { fullscreen: '1', matrix: '1' });
  assert.ok(await page.isVisible('.live-matrix'), 'rain canvas shown');
  await suite.stack.publish([packet(['12', '34'])]);
  await page.waitForFunction(() => Number(document.querySelector('.live-matrix').dataset.columns) >= 1, null, { timeout: 20000 });
  assert.equal(await page.getAttribute('.live-matrix', 'data-motion'), 'full');
  await page.click('#liveCog');
  await page.screenshot({ path: join(SHOTS, 'live-extras-matrix-fullscreen.png') });
  await page.click('#liveCog');
  // Reloading the URL restores both (fullscreen as the fallback class: the API needs a click).
  await page.reload();
  await page.waitForSelector('#livePage[data-loaded="true"]');
  assert.equal(await page.getAttribute('#livePage', 'data-fullscreen'), 'true');
  assert.ok(await page.isVisible('.live-matrix'));
  await page.click('#liveCog');
  assert.ok(await page.isChecked('#liveMatrix'));
  await page.uncheck('#liveMatrix');
  assert.ok(await page.isHidden('.live-matrix'));
  await page.click('#liveFullscreen');
  await page.waitForSelector('#livePage[data-fullscreen="false"]:not(.live-fullscreen)');
  assert.deepEqual(await query(page), {});
  await done(v);
});

test('TestLiveExtras_MatrixRespectsReducedMotion', async () => {
  const v = await open('#/live?matrix=1', { reducedMotion: 'reduce' });
  const { page } = v;
  assert.equal(await page.getAttribute('.live-matrix', 'data-motion'), 'reduced');
  await suite.stack.publish([packet(['56']), packet(['57']), packet(['58'])]);
  await page.waitForFunction(() => Number(document.querySelector('.live-matrix').dataset.columns) >= 3, null, { timeout: 20000 });
  await page.screenshot({ path: join(SHOTS, 'live-extras-matrix-reduced.png') });
  await done(v);
});

test('TestLiveExtras_PhoneAxeAndScreenshots', async () => {
  const { a, b, unknown } = await relays();
  for (const theme of ['light', 'dark']) {
    for (const [w, hgt] of [[1280, 800], [375, 812]]) {
      const v = await open('#/live?ghosts=1&multibyte=1', { width: w, height: hgt, theme });
      const { page } = v;
      await page.click('#liveCog');
      await page.waitForSelector('#liveControls:not(.hidden)');
      // Everything fits the width; the new controls are reachable.
      assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth), 'no horizontal scroll');
      await page.locator('#liveMatrix').scrollIntoViewIfNeeded();
      assert.ok(await page.isVisible('#liveMatrix') && await page.isVisible('#liveFullscreen'));
      const hex = packet([a.public_key.slice(0, 4).toUpperCase(), unknown, b.public_key.slice(0, 4).toUpperCase()]);
      await suite.stack.publish([hex]);
      await page.waitForSelector('.live-ghost-mark', { timeout: 20000 });
      await page.screenshot({ path: join(SHOTS, `live-extras-${theme}-${w}.png`) });
      assert.deepEqual(await axeScan(page), [], `axe ${theme} ${w}`);
      await done(v);
    }
  }
});
