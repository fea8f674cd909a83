// Browser tests for issue #19 items 9 and 12: embed mode, favourites dropdown, wrong channel key
// report, theme customizer (branding from config, colours, theme.json export/import), QR scan button.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useStack, visit, done } from './pagekit.mjs';
import { newPage, SHOTS, HOSTILE } from './stack.mjs';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { axeScan } from './axe.mjs';
import { createHash, createHmac, createCipheriv, randomBytes } from 'node:crypto';

// The operator's branding and home text (config.json), with a hostile site name to prove it is escaped.
const SITE = `Bay Mesh ${HOSTILE}`;
const HOME = { heroTitle: 'Welcome to the Bay Mesh', heroSubtitle: 'Who hears whom, live' };
const env = useStack({ config: { branding: { siteName: SITE, tagline: 'Bay Area MeshCore' }, home: HOME } });

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
      await page.screenshot({ path: `${SHOTS}/embed-${hash.slice(2, 10).replace(/\W/g, '')}-${width}.png` });
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

/** openWith opens hash in a fresh page whose localStorage holds the given entries before any script runs. */
async function openWith(hash, storage, opts = {}) {
  const v = await newPage(env.browser, env.stack.base, opts);
  await v.context.addInitScript((kv) => { for (const [k, val] of Object.entries(kv)) if (localStorage.getItem(k) === null) localStorage.setItem(k, val); }, storage);
  await v.page.goto(`${env.stack.base}/${hash}`);
  return v;
}

test('TestFavourites_DropdownListsFavouritesAndNavigates', async () => {
  // Two starred nodes (one with the hostile planted name) and one claimed node; names from SQL.
  const rows = (await env.stack.sql(`SELECT public_key FROM nodes WHERE public_key <> '${env.stack.victim}' AND name IS NOT NULL AND name <> '' ORDER BY public_key LIMIT 2`)).split('\n');
  const [starA, claimed] = rows;
  const favs = [env.stack.victim, starA];
  const nameOf = async (pk) => env.stack.sql(`SELECT name FROM nodes WHERE public_key='${pk}'`);
  const v = await openWith('#/home', { 'meshcore-favorites': JSON.stringify(favs),
    'meshcore-my-nodes': JSON.stringify([{ pubkey: claimed, name: 'x', addedAt: new Date().toISOString() }]) }, { bypassCSP: true });
  const { page } = v;
  await page.click('#favBtn');
  await page.waitForFunction(() => document.querySelectorAll('#favList .fav-item').length === 3
    && [...document.querySelectorAll('#favList .fav-item')].every((li) => li.dataset.loaded));
  const listed = await page.$$eval('#favList .fav-item', (lis) => lis.map((li) => [li.dataset.pubkey, li.querySelector('.fav-name').textContent]));
  assert.deepEqual(listed, [[favs[0], await nameOf(favs[0])], [favs[1], await nameOf(favs[1])], [claimed, await nameOf(claimed)]], 'favourites then claimed, names as in the database');
  assert.equal(await page.locator('#favList .fav-item img').count(), 0, 'the hostile name is text, not markup');
  assert.deepEqual(await axeScan(page), [], 'axe: favourites dropdown');
  await page.screenshot({ path: `${SHOTS}/favourites-1280-light.png` });
  await page.click(`#favList .fav-item[data-pubkey="${starA}"] a`);
  await page.waitForFunction((pk) => location.hash === `#/nodes/${pk}`, starA);
  assert.equal(await page.locator('#favMenu[open]').count(), 0, 'the dropdown closes when a node is opened');
  // Unstar inline: the node leaves the list and the stored favourites.
  await page.click('#favBtn');
  await page.waitForSelector(`#favList .fav-item[data-pubkey="${starA}"]`);
  await page.click(`#favList .fav-item[data-pubkey="${starA}"] .fav-unstar`);
  await page.waitForFunction((pk) => !document.querySelector(`#favList .fav-item[data-pubkey="${pk}"]`), starA);
  assert.deepEqual(await page.evaluate(() => JSON.parse(localStorage.getItem('meshcore-favorites'))), [env.stack.victim]);
  await done(v);
  // Empty state and 375 px: the panel fits the screen.
  const e = await openWith('#/home', {}, { width: 375, height: 812, theme: 'dark' });
  await e.page.click('#favBtn');
  await e.page.waitForSelector('#favList .fav-empty');
  const box = await e.page.locator('.fav-panel').boundingBox();
  assert.ok(box.x >= 0 && box.x + box.width <= 375, `panel inside 375 px: ${JSON.stringify(box)}`);
  await e.page.screenshot({ path: `${SHOTS}/favourites-375-dark.png` });
  await done(e);
});

/** grpTxt encrypts "sender: text" with a 16-byte channel key into a raw FLOOD GRP_TXT packet (no path). */
function grpTxt(key, text, ts) {
  const body = Buffer.from(text);
  const plain = Buffer.alloc(Math.ceil((5 + body.length + 1) / 16) * 16);
  plain.writeUInt32LE(ts, 0);
  body.copy(plain, 5);
  const cipher = createCipheriv('aes-128-ecb', key, null).setAutoPadding(false).update(plain);
  const mac = createHmac('sha256', Buffer.concat([key, Buffer.alloc(16)])).update(cipher).digest().subarray(0, 2);
  return Buffer.concat([Buffer.from([0x15, 0x00, hashByte(key)]), mac, cipher]).toString('hex').toUpperCase();
}
const hashByte = (key) => createHash('sha256').update(key).digest()[0];

/** keyPair finds a real key and a different key with the same channel hash byte, on a byte the fixture never uses. */
async function keyPair() {
  const used = new Set((await env.stack.sql("SELECT DISTINCT json_extract(decoded_json,'$.channelHash') FROM transmissions WHERE payload_type=5")).split('\n').map(Number));
  for (;;) {
    const real = randomBytes(16);
    if (used.has(hashByte(real))) continue;
    for (;;) {
      const wrong = randomBytes(16);
      if (hashByte(wrong) === hashByte(real)) return { real, wrong };
    }
  }
}

async function addKeyChannel(page, hex, label) {
  await page.click('#chAddBtn');
  await page.waitForSelector('#chAddDialog[open]');
  await page.click('#chAddDialog [data-kind="key"]');
  await page.fill('#chAddKey', hex);
  await page.fill('#chAddLabel', label);
  await page.click('#chAddSubmit');
  await page.waitForSelector('#chAddDialog', { state: 'detached' });
  await page.waitForFunction((h) => location.hash.startsWith(`#/channels/user%3A${h}`) || location.hash.startsWith(`#/channels/user:${h}`), hex);
  await page.waitForSelector('.ch-main[data-loaded="true"]');
}

test('TestChannels_WrongKeyReportedAfterFiveUndecryptable', async () => {
  const { real, wrong } = await keyPair();
  const byte = hashByte(real);
  const countSQL = async () => Number(await env.stack.sql(`SELECT count(*) FROM transmissions WHERE payload_type=5 AND json_extract(decoded_json,'$.channelHash')=${byte}`));
  const plant = async (from, to) => {
    for (let i = from; i < to; i++) await env.stack.inject(grpTxt(real, `Alice: planted ${i}`, Math.floor(Date.now() / 1000) - 100 + i));
    for (let i = 0; i < 300 && await countSQL() < to; i++) await new Promise((r) => setTimeout(r, 100));
    assert.equal(await countSQL(), to, 'planted packets stored by the ingestor');
    // The server follows the database; wait until its API lists them as well.
    for (let i = 0; i < 100; i++) {
      const r = await env.stack.api('/packets?type=5&limit=5000');
      if (r.packets.filter((p) => p.raw_hex && p.raw_hex.slice(4, 6).toUpperCase() === byte.toString(16).padStart(2, '0').toUpperCase()).length >= to) return;
      await new Promise((res) => setTimeout(res, 200));
    }
    assert.fail('server did not list the planted packets');
  };
  // Four undecryptable messages (one below the threshold): no report yet.
  await plant(0, 4);
  const v = await visit(env.browser, env.stack, '#/channels', { waitFor: '.channels-page[data-loaded="true"]', bypassCSP: true });
  const { page } = v;
  await addKeyChannel(page, wrong.toString('hex'), 'Typo key');
  assert.equal(await page.locator('#chKeyWarning').count(), 0, 'four undecryptable messages are not enough to call the key wrong');
  assert.equal(await page.locator('#chMessages .ch-msg').count(), 0);
  // The fifth makes it five: the key is reported as wrong, in the chat and in the sidebar.
  await plant(4, 5);
  await page.reload();
  await page.waitForSelector('.ch-main[data-loaded="true"]');
  await page.waitForSelector('#chKeyWarning');
  assert.equal(await page.getAttribute('#chKeyWarning', 'data-undecryptable'), String(await countSQL()));
  assert.match(await page.textContent('#chKeyWarning'), /5 messages .* decrypted none/);
  assert.equal(await page.locator('#chMine .ch-item.ch-wrong-key').count(), 1, 'the sidebar marks the channel');
  assert.deepEqual(await axeScan(page), [], 'axe: wrong-key notice');
  await page.screenshot({ path: `${SHOTS}/channels-wrong-key-1280-light.png` });
  // The right key with the same hash byte opens all five and gets no report.
  await addKeyChannel(page, real.toString('hex'), 'Right key');
  assert.equal(await page.locator('#chMessages .ch-msg').count(), 5);
  assert.equal(await page.locator('#chKeyWarning').count(), 0, 'a key that decrypts is never reported');
  await done(v);
  const m = await openWith(`#/channels/${encodeURIComponent(`user:${wrong.toString('hex')}`)}`, { corescope_channel_keys: JSON.stringify([{ id: `user:${wrong.toString('hex')}`, name: 'Typo key', keyHex: wrong.toString('hex'), kind: 'key' }]) }, { width: 375, height: 812, theme: 'dark' });
  await m.page.waitForSelector('#chKeyWarning');
  await m.page.screenshot({ path: `${SHOTS}/channels-wrong-key-375-dark.png` });
  await done(m);
});

const cssVar = (page, name) => page.evaluate((n) => getComputedStyle(document.documentElement).getPropertyValue(n).trim(), name);
const logoStroke = (page) => page.evaluate(() => getComputedStyle(document.querySelector('#brand .brand-logo circle')).stroke);

test('TestTheme_BrandingAndHomeTextFromConfig', async () => {
  const v = await visit(env.browser, env.stack, '#/home', { waitFor: '#homeStats .stat-card' });
  const { page } = v;
  await page.waitForFunction((s) => document.querySelector('#brand .brand-text').textContent === s, SITE);
  assert.equal(await page.textContent('#homeHeading'), HOME.heroTitle);
  assert.equal(await page.textContent('#homeSubtitle'), HOME.heroSubtitle);
  assert.equal(await page.getAttribute('#brand', 'title'), 'Bay Area MeshCore');
  assert.equal(await page.title(), SITE);
  assert.equal(await page.locator('#brand img, .hero img').count(), 0, 'the hostile site name stays text');
  await done(v);
});

test('TestTheme_CustomizerColoursExportImportRoundTrip', async () => {
  const v = await visit(env.browser, env.stack, '#/home', { waitFor: '#homeStats .stat-card', bypassCSP: true });
  const { page } = v;
  assert.equal(await page.evaluate(() => document.documentElement.scrollWidth), 1280, 'a long site name does not widen the page');
  // Built-in light accent from public/css/base.css, checked by hand.
  assert.equal(await cssVar(page, '--accent'), '#175fcc');
  await page.click('#custBtn');
  await page.waitForSelector('#custPanel[data-ready="true"]');
  assert.equal(await page.inputValue('#custColor-accent'), '#175fcc', 'the colour field starts at the current colour');
  await page.fill('#custColor-accent', '#ff0000');
  assert.equal(await cssVar(page, '--accent'), '#ff0000');
  assert.equal(await logoStroke(page), 'rgb(255, 0, 0)', 'the page repaints with the new accent');
  await page.fill('#custSiteName', 'My Mesh');
  await page.press('#custSiteName', 'Tab');
  await page.waitForFunction(() => document.querySelector('#brand .brand-text').textContent === 'My Mesh');
  await page.fill('#custHeroTitle', 'Hello mesh');
  await page.press('#custHeroTitle', 'Tab');
  await page.waitForFunction(() => document.getElementById('homeHeading').textContent === 'Hello mesh');
  await page.uncheck('#custNav-perf');
  assert.equal(await shown(page, '#navLinks [data-nav="perf"]'), false, 'a hidden nav item leaves the header');
  assert.deepEqual(await axeScan(page), [], 'axe: customizer open');
  await page.screenshot({ path: `${SHOTS}/customizer-1280-light.png` });
  // Export writes exactly the overrides as theme.json sections.
  const [dl] = await Promise.all([page.waitForEvent('download'), page.click('#custExport')]);
  assert.equal(dl.suggestedFilename(), 'corescope-theme.json');
  const file = join(env.stack.dir, 'exported-theme.json');
  await dl.saveAs(file);
  const exported = JSON.parse(await readFile(file, 'utf8'));
  assert.deepEqual(exported, { theme: { accent: '#ff0000' }, branding: { siteName: 'My Mesh' }, home: { heroTitle: 'Hello mesh' }, nav: { hidden: ['perf'] } });
  // Reset all brings back the config branding and the built-in colours.
  await page.click('#custResetAll');
  assert.equal(await cssVar(page, '--accent'), '#175fcc');
  assert.equal(await page.textContent('#brand .brand-text'), SITE);
  assert.equal(await shown(page, '#navLinks [data-nav="perf"]'), true);
  // Import restores every exported setting.
  await page.setInputFiles('#custImportFile', file);
  await page.waitForFunction(() => /Imported/.test(document.getElementById('custStatus').textContent));
  assert.equal(await cssVar(page, '--accent'), '#ff0000');
  assert.equal(await page.inputValue('#custColor-accent'), '#ff0000');
  assert.equal(await page.textContent('#brand .brand-text'), 'My Mesh');
  assert.equal(await page.textContent('#homeHeading'), 'Hello mesh');
  assert.equal(await shown(page, '#navLinks [data-nav="perf"]'), false);
  // A hostile or malformed file: bad values are reported and skipped, good ones kept.
  const bad = join(env.stack.dir, 'bad-theme.json');
  await writeFile(bad, JSON.stringify({ theme: { accent: 'red;background:url(javascript:alert(1))', text: '#00ff00' }, branding: { logoUrl: 'javascript:alert(1)' } }));
  await page.setInputFiles('#custImportFile', bad);
  await page.waitForFunction(() => /skipped/.test(document.getElementById('custStatus').textContent));
  const st = await page.textContent('#custStatus');
  assert.match(st, /theme\.accent: expected a colour/);
  assert.match(st, /branding\.logoUrl: only http\(s\)/);
  assert.equal(await cssVar(page, '--text'), '#00ff00');
  assert.equal(await cssVar(page, '--accent'), '#175fcc', 'the rejected accent is not applied');
  assert.equal(await page.locator('#brandImg').count(), 0);
  // Dark mode has its own colours; the light override does not leak into it.
  await page.click('#custResetAll');
  await page.fill('#custColor-accent', '#ff0000');
  await page.click('#themeToggle');
  await page.waitForFunction(() => [...document.querySelectorAll('#custPanel legend')].some((l) => l.textContent === 'Colours (dark mode)'));
  assert.equal(await cssVar(page, '--accent'), '#6ea2ff', 'built-in dark accent (base.css)');
  await page.fill('#custColor-accent', '#00aa00');
  assert.equal(await logoStroke(page), 'rgb(0, 170, 0)');
  await page.click('#themeToggle');
  await page.waitForFunction(() => getComputedStyle(document.documentElement).getPropertyValue('--accent').trim() === '#ff0000');
  // Colour-blind simulation filters the page (not the panel).
  await page.selectOption('#custColorBlind', 'deuteranopia');
  assert.equal(await page.getAttribute('html', 'data-cb'), 'deuteranopia');
  assert.match(await page.evaluate(() => getComputedStyle(document.getElementById('app')).filter), /url\(.*cb-deuteranopia/);
  assert.equal(await page.evaluate(() => getComputedStyle(document.getElementById('custPanel')).filter), 'none');
  assert.equal(await page.evaluate(() => document.documentElement.scrollWidth), 1280, 'the simulation does not widen the page');
  await page.screenshot({ path: `${SHOTS}/customizer-deuteranopia-1280-light.png` });
  await page.keyboard.press('Escape');
  assert.equal(await page.locator('#custPanel').count(), 0, 'Escape closes the panel');
  await done(v);
  // 375 px, dark: the panel fits the screen.
  const m = await visit(env.browser, env.stack, '#/home', { waitFor: '#homeStats .stat-card', width: 375, height: 812, theme: 'dark' });
  await m.page.click('#custBtn');
  await m.page.waitForSelector('#custPanel[data-ready="true"]');
  const box = await m.page.locator('#custPanel').boundingBox();
  assert.ok(box.x >= 0 && box.x + box.width <= 375, `panel inside 375 px: ${JSON.stringify(box)}`);
  await m.page.screenshot({ path: `${SHOTS}/customizer-375-dark.png` });
  await done(m);
});

test('TestChannels_QRScanAndPastedLinkFillTheKey', async () => {
  const key = randomBytes(16).toString('hex');
  const link = `meshcore://channel/add?name=${encodeURIComponent('Ops <b>team</b>')}&secret=${key}`;
  // Chromium on Linux has no BarcodeDetector: the scan button stays hidden; a pasted link fills the fields.
  const v = await visit(env.browser, env.stack, '#/channels', { waitFor: '.channels-page[data-loaded="true"]' });
  const { page } = v;
  assert.equal(await page.evaluate(() => typeof window.BarcodeDetector), 'undefined', 'precondition: no BarcodeDetector here');
  await page.click('#chAddBtn');
  await page.click('#chAddDialog [data-kind="key"]');
  assert.equal(await shown(page, '#chQrScan'), false, 'no scan button without BarcodeDetector');
  await page.fill('#chAddKey', link);
  assert.equal(await page.inputValue('#chAddKey'), key);
  assert.equal(await page.inputValue('#chAddLabel'), 'Ops <b>team</b>');
  await page.click('#chAddSubmit');
  await page.waitForSelector('.ch-main[data-loaded="true"]');
  assert.equal(await page.textContent('#chTitle'), 'Ops <b>team</b>', 'the name from the link stays text');
  await done(v);
  // With a camera and a detector (stubbed: headless Chromium has neither), the scan fills the form.
  const c = await newPage(env.browser, env.stack.base, { width: 375, height: 812 });
  await c.context.addInitScript((raw) => {
    window.BarcodeDetector = class {
      static async getSupportedFormats() { return ['qr_code']; }
      async detect() { window.__detects = (window.__detects || 0) + 1; return window.__detects < 3 ? [{ rawValue: 'https://not-a-channel.example' }] : [{ rawValue: raw }]; }
    };
    navigator.mediaDevices.getUserMedia = async () => {
      const cv = document.createElement('canvas');
      cv.width = 64; cv.height = 64;
      cv.getContext('2d').fillRect(0, 0, 64, 64);
      return cv.captureStream(5);
    };
  }, `meshcore://channel/add?name=Scanned&secret=${key.split('').reverse().join('')}`);
  await c.page.goto(`${env.stack.base}/#/channels`);
  await c.page.waitForSelector('.channels-page[data-loaded="true"]');
  await c.page.click('#chAddBtn');
  await c.page.click('#chAddDialog [data-kind="key"]');
  await c.page.waitForSelector('#chQrScan:not(.hidden)');
  await c.page.click('#chQrScan');
  await c.page.waitForFunction(() => document.getElementById('chAddLabel').value === 'Scanned');
  assert.equal(await c.page.inputValue('#chAddKey'), key.split('').reverse().join(''));
  assert.equal(await c.page.evaluate(() => window.__detects), 3, 'frames without a channel link are skipped');
  assert.equal(await shown(c.page, '#chQrVideo'), false, 'the camera preview closes after a hit');
  await c.page.screenshot({ path: `${SHOTS}/channels-qr-375-light.png` });
  await done(c);
});
