// Browser test for the known-channels catalogue in the Channels "add channel" dialog: the server is
// configured with knownChannelsUrl pointing at a real HTTP server on 127.0.0.1; the dialog lists
// exactly the remote's entries (text escaped), filters them, and one click adds a channel whose key
// is derived in the browser (hashtag) or taken from the entry (base64 key).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { startStack, launch, newPage, finish, HOSTILE, SHOTS, ROOT } from './stack.mjs';

const KEY = Buffer.from('00112233445566778899aabbccddeeff', 'hex');
const CATALOGUE = {
  generatedAt: '2026-12-01', license: 'CC0-1.0',
  entries: [
    { channel: '#gent', description: 'Ghent and surroundings', region: 'be', regionName: 'Belgium' },
    { channel: '#amsterdam', description: HOSTILE, region: 'nl', regionName: 'Netherlands' },
    { channel: 'ClubNet', key: KEY.toString('base64'), description: 'A keyed channel', region: '' },
    { channel: '#test', description: 'Radio checks', region: '' },
  ],
};
const managed = !process.env.BASE_URL;
const env = { stack: null, browser: null, remote: null, hits: 0 };

before(async () => {
  if (!managed) return;
  env.remote = http.createServer((req, res) => { env.hits++; res.setHeader('Content-Type', 'application/json'); res.end(JSON.stringify(CATALOGUE)); });
  await new Promise((r) => env.remote.listen(0, '127.0.0.1', r));
  env.stack = await startStack({ config: { knownChannelsUrl: `http://127.0.0.1:${env.remote.address().port}/catalogue.json` } });
  env.browser = await launch();
}, { timeout: 600000 });
after(async () => {
  if (env.browser) await env.browser.close();
  if (env.stack) await env.stack.stop();
  if (env.remote) env.remote.close();
});

async function openDialog(page) {
  await page.click('#chAddBtn');
  await page.waitForSelector('#chAddDialog[open] #chKnownList .ch-known-item');
}

test('TestKnownChannels_AddDialogListsRemoteCatalogueAndAdds', { skip: managed ? false : 'needs the managed stack', timeout: 180000 }, async () => {
  // The server fetches the catalogue at start; wait for it rather than guessing a delay.
  let api;
  for (let i = 0; i < 80; i++) {
    api = await env.stack.api('/known-channels');
    if (api.source !== 'bundled') break;
    await new Promise((r) => setTimeout(r, 250));
  }
  assert.match(api.source, /^http:\/\/127\.0\.0\.1:\d+\/catalogue\.json$/);
  assert.deepEqual(api.entries.map((e) => e.channel), CATALOGUE.entries.map((e) => e.channel));
  // bypassCSP: the axe scan below injects its script inline (the policy is checked by security.test.mjs).
  const v = await newPage(env.browser, env.stack.base, { bypassCSP: true });
  const { page } = v;
  await page.goto(`${env.stack.base}/#/channels`);
  await page.waitForSelector('.channels-page[data-loaded="true"]');
  await openDialog(page);
  const items = page.locator('#chKnownList .ch-known-item');
  assert.equal(await items.count(), CATALOGUE.entries.length, 'one row per remote entry');
  for (const [i, e] of CATALOGUE.entries.entries()) {
    assert.equal(await items.nth(i).locator('.ch-known-name').textContent(), e.channel);
    assert.equal(await items.nth(i).locator('.ch-known-region').textContent(), e.region ? e.regionName : 'Worldwide');
    assert.equal(await items.nth(i).locator('.ch-known-desc').textContent(), e.description, 'description shown as text');
  }
  assert.equal(await page.locator('#chKnownList img').count(), 0, 'no markup from the catalogue reached the DOM');
  assert.match(await page.textContent('#chKnownSource'), /From http:\/\/127\.0\.0\.1:\d+\/catalogue\.json/);
  await page.fill('#chKnownFilter', 'belg');
  assert.deepEqual(await page.locator('#chKnownList .ch-known-name').allTextContents(), ['#gent']);
  await page.screenshot({ path: join(SHOTS, 'channels-known-1280x800-light.png') });
  await page.click('#chKnownList [aria-label="Add #gent"]');
  await page.waitForSelector('#chAddDialog', { state: 'detached' });
  await page.waitForFunction(() => decodeURIComponent(location.hash).startsWith('#/channels/user:#gent'));
  const stored = () => page.evaluate(() => JSON.parse(localStorage.getItem('corescope_channel_keys') || '[]'));
  const want = createHash('sha256').update('#gent').digest().subarray(0, 16).toString('hex');
  assert.deepEqual((await stored()).find((c) => c.name === '#gent')?.keyHex, want, 'hashtag key = SHA-256("#gent")[:16]');
  assert.equal(await page.locator('#chMine .ch-item').count(), 1);

  await openDialog(page);
  assert.equal(await page.getAttribute('#chKnownList [aria-label="Add #gent"]', 'disabled'), '', 'an added channel is marked');
  assert.equal((await page.textContent('#chKnownList [aria-label="Add #gent"]')).trim(), 'Added');
  await page.click('#chKnownList [aria-label="Add ClubNet"]');
  await page.waitForSelector('#chAddDialog', { state: 'detached' });
  const club = (await stored()).find((c) => c.name === 'ClubNet');
  assert.equal(club?.keyHex, KEY.toString('hex'), 'keyed entry stores the catalogue key');
  assert.equal(env.hits, 1, 'the server fetched the remote once and served the dialog from its cache');

  await page.setViewportSize({ width: 375, height: 812 });
  await page.goto(`${env.stack.base}/#/channels`);
  await page.waitForSelector('.channels-page[data-loaded="true"]');
  await openDialog(page);
  assert.ok(await page.evaluate(() => { const d = document.getElementById('chAddDialog'); return d.scrollWidth <= d.clientWidth + 1 && d.getBoundingClientRect().right <= window.innerWidth; }), 'dialog fits 375 px');
  await page.screenshot({ path: join(SHOTS, 'channels-known-375x812-light.png') });
  await page.addScriptTag({ path: join(ROOT, 'node_modules', 'axe-core', 'axe.min.js') });
  const bad = await page.evaluate(async () => (await window.axe.run(document.getElementById('chAddDialog'), { runOnly: ['wcag2a', 'wcag2aa'] }))
    .violations.filter((x) => x.impact === 'serious' || x.impact === 'critical').map((x) => x.id));
  assert.deepEqual(bad, [], 'axe: the dialog has no serious WCAG violation');
  await finish(v);

  const dark = await newPage(env.browser, env.stack.base, { theme: 'dark' });
  await dark.page.goto(`${env.stack.base}/#/channels`);
  await dark.page.waitForSelector('.channels-page[data-loaded="true"]');
  await openDialog(dark.page);
  await dark.page.screenshot({ path: join(SHOTS, 'channels-known-1280x800-dark.png') });
  await finish(dark);
});
