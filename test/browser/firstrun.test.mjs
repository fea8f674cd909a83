// Browser test for the first run: on an instance that has stored nothing, Home, Packets and Live
// show the getting-started panel with this instance's broker and topic; running the panel's own
// mosquitto_pub line stores a packet through the real Mosquitto and ingestor, and the panel goes away.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { startStack, launch, open, newPage, finish } from './stack.mjs';
import { screenshots } from './pagekit.mjs';
import { axeScan } from './axe.mjs';

const run = promisify(execFile);
const env = { stack: null, browser: null };

before(async () => {
  // A fresh database: the fixture's schema with every packet, node and observer removed.
  env.stack = await startStack({
    // The test packet is published under region TST, which config makes the Packets page's default filter.
    config: { defaultRegion: 'tst' },
    plant: async ({ sql }) => {
      for (const t of ['observations', 'transmissions', 'nodes', 'observers']) await sql(`DELETE FROM ${t}`);
    },
  });
  env.browser = await launch();
}, { timeout: 600000 });
after(async () => {
  if (env.browser) await env.browser.close();
  if (env.stack) await env.stack.stop();
});

const PANEL = '#gettingStarted';

test('TestFirstRun_PanelShowsTopicAndGoesAwayOnFirstPacket', async () => {
  const { stack, browser } = env;
  assert.equal((await stack.api('/stats')).totalTransmissions, 0, 'the stack starts empty');
  const home = await open(browser, stack.base, '#/home', { waitFor: PANEL });
  const packets = await newPage(browser, stack.base);
  const regionRequest = packets.page.waitForRequest((r) => /\/api\/packets\?.*region=TST/.test(r.url()));
  await packets.page.goto(`${stack.base}/#/packets`);
  await packets.page.waitForSelector(PANEL);
  await regionRequest;
  assert.equal(await packets.page.evaluate(() => location.hash), '#/packets', 'the default region stays out of the URL');
  const live = await open(browser, stack.base, '#/live', { waitFor: PANEL });
  for (const v of [home, packets, live]) {
    assert.equal(await v.page.textContent(`${PANEL} .gs-broker`), `mqtt://127.0.0.1:${stack.mqttPort}`);
    assert.equal(await v.page.textContent(`${PANEL} .gs-topic`), 'meshcore/<IATA>/<OBSERVER_PUBKEY>/packets');
  }
  await packets.page.waitForSelector('.packets-page[data-loaded="true"]');
  assert.match(await packets.page.textContent('.packets-page'), /No packets stored yet/);
  assert.doesNotMatch(await packets.page.textContent('.packets-page'), /Try a longer time window/);

  await screenshots(browser, stack, [['#/home', 'firstrun-home', PANEL], ['#/packets', 'firstrun-packets', PANEL], ['#/live', 'firstrun-live', PANEL]]);
  for (const [theme, width] of [['light', 1280], ['dark', 1280], ['light', 375]]) {
    for (const hash of ['#/home', '#/packets', '#/live']) {
      const v = await open(browser, stack.base, hash, { waitFor: PANEL, theme, width, height: 812, bypassCSP: true });
      assert.deepEqual(await axeScan(v.page), [], `axe on the getting-started panel (${hash}, ${theme}, ${width}px)`);
      await finish(v);
    }
  }

  // The panel's test line is a working command: run it as the user would.
  const cmd = (await home.page.textContent(`${PANEL} .gs-cmd`)).trim();
  assert.match(cmd, new RegExp(`^mosquitto_pub -h 127\\.0\\.0\\.1 -p ${stack.mqttPort} -q 1 -t 'meshcore/TST/TESTOBSERVER/packets' -m '`));
  await run('bash', ['-c', cmd]);

  for (const v of [home, packets, live]) await v.page.waitForSelector(PANEL, { state: 'detached', timeout: 20000 });
  await packets.page.waitForSelector('.vt-row', { timeout: 20000 });
  const stored = await stack.api('/packets?limit=5');
  assert.equal(stored.total, 1, 'the test packet was stored');
  assert.equal(stored.packets[0].observer_id, 'TESTOBSERVER');
  // A reload right after the first packet shows no panel.
  await home.page.reload();
  await home.page.waitForSelector('#homeStats .stat-card');
  await home.page.waitForLoadState('networkidle');
  assert.equal(await home.page.locator(PANEL).count(), 0);
  for (const v of [home, packets, live]) await finish(v);
});
