// Browser tests for issue #19 items 9 and 12: embed mode, favourites dropdown, wrong channel key
// report, theme customizer (branding from config, colours, theme.json export/import), QR scan button.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useStack, visit, done } from './pagekit.mjs';
import { axeScan } from './axe.mjs';

const env = useStack();

/** shown tells whether the element matching sel takes up space on the page. */
const shown = (page, sel) => page.evaluate((s) => { const e = document.querySelector(s); return Boolean(e && e.getClientRects().length); }, sel);

test('TestEmbed_HidesChromeOnMapAndChannels', async () => {
  for (const [hash, ready] of [['#/map?embed=1', '.map-page[data-loaded="true"]'], ['#/channels?embed=1', '.channels-page[data-loaded="true"]']]) {
    for (const width of [1280, 375]) {
      const v = await visit(env.browser, env.stack, hash, { waitFor: ready, width, height: 800 });
      const { page } = v;
      assert.equal(await shown(page, '.topbar'), false, `${hash} @${width}: header hidden`);
      assert.equal(await shown(page, '#bottomNav'), false, `${hash} @${width}: bottom nav hidden`);
      assert.match(page.url(), /embed=1/, 'the page keeps embed=1 in its URL');
      await page.reload();
      await page.waitForSelector(ready);
      assert.equal(await shown(page, '.topbar'), false, `${hash}: still embedded after reload`);
      await done(v);
    }
  }
  // A channel click inside the iframe keeps embed mode; the same pages without embed=1 show the header.
  const ch = (await env.stack.api('/channels')).channels[0];
  const v = await visit(env.browser, env.stack, '#/channels?embed=1', { waitFor: '.channels-page[data-loaded="true"]' });
  await v.page.click(`#chList .ch-item[data-hash="${ch.hash}"]`);
  await v.page.waitForSelector('.ch-main[data-loaded="true"]');
  assert.equal(await shown(v.page, '.topbar'), false, 'channel selected inside the embed: header still hidden');
  assert.match(v.page.url(), /embed=1/);
  await v.page.goto(`${env.stack.base}/#/nodes`);
  await v.page.waitForSelector('.topbar');
  assert.equal(await shown(v.page, '.topbar'), true, 'another page is never embedded');
  await done(v);
  const plain = await visit(env.browser, env.stack, '#/map', { waitFor: '.map-page[data-loaded="true"]' });
  assert.equal(await shown(plain.page, '.topbar'), true, 'without embed=1 the header shows');
  await done(plain);
  const p2 = await visit(env.browser, env.stack, '#/packets?embed=1', { waitFor: '.topbar' });
  assert.equal(await shown(p2.page, '.topbar'), true, 'embed=1 only applies to map and channels');
  await done(p2);
});
