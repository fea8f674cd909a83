// Browser tests for the shell (nav, header stats, theme, landmarks, keyboard, search, mobile) and the Home page.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { newPage, open, HOSTILE, useStack, finish } from './stack.mjs';

const env = useStack();

const HOME = '#homeStats .stat-card';
const visit = (hash, opts = {}) => open(env.browser, env.stack.base, hash, { waitFor: HOME, ...opts });
const num = async (page, sel) => (await page.textContent(sel)).replace(/,/g, '').trim();

const done = finish;

test('TestShell_NavStatsLandmarksAndFocus', async () => {
  const stats = await env.stack.api('/stats');
  const v = await visit('#/home');
  const { page } = v;
  assert.match(await page.title(), /CoreScope/);
  const labels = await page.locator('#navLinks a').allTextContents();
  assert.deepEqual(labels, ['Home', 'Packets', 'Map', 'Live', 'Channels', 'Nodes', 'Observers', 'Analytics', 'Scopes', 'Perf', 'Alerts', 'Tools']);
  await page.waitForFunction(() => !document.getElementById('navStats').textContent.includes('…'));
  const nav = await num(page, '#navStats');
  assert.ok(nav.includes(`${stats.totalPackets} pkts`) && nav.includes(`${stats.totalNodes} nodes`) && nav.includes(`${stats.totalObservers} obs`), nav);
  await page.waitForSelector('#wsStatus[data-state="open"]');
  assert.equal(await page.locator('header[role="banner"]').count(), 1);
  assert.equal(await page.locator('nav[aria-label="Main"]').count(), 1);
  assert.equal(await page.locator('main#app[role="main"]').count(), 1);
  // Skip link is the first tab stop and moves focus into main.
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement.className), 'skip-link');
  await page.keyboard.press('Enter');
  assert.equal(await page.evaluate(() => document.activeElement.id), 'app');
  // Arrow keys walk the nav; navigation moves focus to the new page's heading and marks the link.
  await page.focus('#navLinks a[data-nav="home"]');
  await page.keyboard.press('ArrowRight');
  assert.equal(await page.evaluate(() => document.activeElement.dataset.nav), 'packets');
  await page.keyboard.press('Enter');
  await page.waitForSelector('.packets-page[data-loaded="true"]');
  await page.waitForFunction(() => document.activeElement && document.activeElement.tagName === 'H1');
  assert.equal(await page.getAttribute('#navLinks a[data-nav="packets"]', 'aria-current'), 'page');
  // "/" focuses the page's filter box.
  await page.keyboard.press('/');
  assert.equal(await page.evaluate(() => document.activeElement.id), 'packetFilterInput');
  await page.goto(`${env.stack.base}/#/no-such-page`);
  await page.waitForSelector('text=Page not found');
  await page.goto(`${env.stack.base}/#/traces/abcdef0123456789`);
  await page.waitForFunction(() => location.hash === '#/tools/trace/abcdef0123456789');
  await page.goto(`${env.stack.base}/`);
  await page.waitForFunction(() => location.hash === '#/home');
  await done(v);
});

test('TestShell_ThemeOSDefaultPersistedNoFlash', async () => {
  // No stored choice: the OS preference decides, and it is applied before <body> exists (no flash).
  const ctx = await env.browser.newContext({ colorScheme: 'dark', viewport: { width: 1280, height: 800 } });
  await ctx.addInitScript(() => {
    new MutationObserver((_, obs) => {
      if (document.body) { window.__themeAtBody = document.documentElement.dataset.theme || 'unset'; obs.disconnect(); }
    }).observe(document, { childList: true, subtree: true });
  });
  const page = await ctx.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(`${env.stack.base}/#/home`);
  await page.waitForSelector(HOME);
  assert.equal(await page.evaluate(() => window.__themeAtBody), 'dark', 'theme set before the body is parsed');
  assert.equal(await page.getAttribute('#themeToggle', 'aria-checked'), 'true');
  await page.click('#themeToggle');
  assert.equal(await page.getAttribute('html', 'data-theme'), 'light');
  assert.equal(await page.evaluate(() => localStorage.getItem('meshcore-theme')), '"light"');
  await page.reload();
  await page.waitForSelector(HOME);
  assert.equal(await page.evaluate(() => window.__themeAtBody), 'light', 'persisted choice beats the OS, still before paint');
  const bg = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  await page.click('#themeToggle');
  assert.notEqual(await page.evaluate(() => getComputedStyle(document.body).backgroundColor), bg, 'colours change with the theme');
  assert.deepEqual(errors, []);
  await ctx.close();
});

test('TestShell_GlobalSearchKeyboardAndHostileText', async () => {
  const nodes = (await env.stack.api('/nodes?limit=20')).nodes.filter((n) => n.name && n.name !== HOSTILE && n.name.length >= 5);
  const pkt = (await env.stack.api('/packets?limit=5&groupByHash=true')).packets[0];
  const v = await visit('#/home');
  const { page } = v;
  await page.keyboard.press('Control+k');
  await page.waitForSelector('#searchInput:focus');
  await page.fill('#searchInput', pkt.hash.slice(0, 6));
  await page.waitForSelector('#searchResults li[data-kind="Packet"]');
  await page.keyboard.press('Enter');
  await page.waitForFunction((h) => location.hash.startsWith(`#/packets/${h}`), pkt.hash);
  await page.waitForSelector('#pktRight[data-loaded="true"]');
  await page.keyboard.press('Control+k');
  await page.fill('#searchInput', nodes[0].name.slice(0, 5));
  await page.waitForSelector('#searchResults li[data-kind="Node"]');
  await page.keyboard.press('Escape');
  assert.equal(await page.locator('.search-overlay').count(), 0, 'Esc closes');
  await page.click('#searchBtn');
  await page.fill('#searchInput', 'onerror');
  await page.waitForSelector('#searchResults li[data-kind="Node"]');
  assert.ok((await page.textContent('#searchResults')).includes(HOSTILE), 'hostile name listed as text');
  assert.equal(await page.locator('#searchResults img').count(), 0, 'no element injected');
  await page.mouse.click(5, 700);
  assert.equal(await page.locator('.search-overlay').count(), 0, 'click outside closes');
  await done(v);
});

test('TestHome_StatsClaimCardsAndHealth', async () => {
  const stats = await env.stack.api('/stats');
  const v = await visit('#/home');
  const { page } = v;
  const read = (k) => num(page, `[data-stat="${k}"] .stat-value`);
  assert.equal(await read('transmissions'), String(stats.totalTransmissions ?? stats.totalPackets));
  assert.equal(await read('nodes'), String(stats.totalNodes));
  assert.equal(await read('observers'), String(stats.totalObservers));
  assert.equal(await read('last24h'), String(stats.packetsLast24h));
  assert.equal(await read('observations'), String(stats.totalObservations));
  assert.ok((await page.textContent('#myMesh')).includes('not watching'), 'empty My Mesh explains what to do');
  const node = (await env.stack.api('/nodes?limit=100')).nodes.find((n) => n.role === 'repeater' && n.name && n.name !== HOSTILE);
  const health = await env.stack.api(`/nodes/${node.public_key}/health`);
  await page.fill('#homeSearch', node.name);
  await page.waitForSelector('#homeSuggest .suggest-item');
  await page.keyboard.press('ArrowDown');
  assert.equal(await page.getAttribute('#homeSuggest .suggest-item >> nth=0', 'aria-selected'), 'true');
  await page.locator('#homeSuggest .suggest-item', { hasText: node.name }).first().locator('.claim-btn').click();
  const card = `#myMesh .mesh-card[data-pubkey="${node.public_key}"][data-loaded="true"]`;
  await page.waitForSelector(card);
  assert.equal(await num(page, `${card} [data-metric="today"] .mini-value`), String(health.stats.packetsToday));
  assert.equal(await num(page, `${card} [data-metric="observers"] .mini-value`), String(health.observers.length));
  assert.equal(await page.locator(`${card} canvas.spark`).count(), 1, 'sparkline chart');
  await page.waitForFunction((sel) => window.Chart && window.Chart.getChart(document.querySelector(`${sel} canvas.spark`)), card);
  await page.reload();
  await page.waitForSelector(card);
  await page.click(`${card} .mesh-open`);
  await page.waitForSelector('#healthPanel[data-loaded="true"]');
  assert.equal(await num(page, '#healthPanel [data-stat="totalTransmissions"] .stat-value'), String(health.stats.totalTransmissions));
  assert.equal(await page.locator('#healthPanel .plain-list').first().locator('li').count(), health.observers.length);
  assert.equal(await page.evaluate(() => document.activeElement.id), 'healthHeading', 'focus moves to the panel heading');
  await page.click(`${card} button:has-text("Remove")`);
  await page.waitForFunction(() => !document.querySelector('#myMesh .mesh-card'));
  // The hostile node name from search renders as text in the suggestion list and the health panel.
  await page.fill('#homeSearch', 'onerror');
  await page.waitForSelector('#homeSuggest .suggest-item');
  assert.equal(await page.textContent('#homeSuggest .suggest-name'), HOSTILE);
  await page.click('#homeSuggest .suggest-name');
  await page.waitForSelector('#healthPanel[data-loaded="true"]');
  assert.equal(await page.textContent('#healthHeading'), HOSTILE);
  assert.equal(await page.locator('#healthPanel img, #homeSuggest img').count(), 0);
  await done(v);
});

test('TestShell_MobileBottomNavAndSheet', async () => {
  const v = await newPage(env.browser, env.stack.base, { width: 375, height: 812, theme: 'dark' });
  const { page } = v;
  await page.goto(`${env.stack.base}/#/home`);
  await page.waitForSelector(HOME);
  assert.equal(await page.isVisible('#bottomNav'), true, 'bottom nav at phone width');
  assert.equal(await page.isVisible('nav[aria-label="Main"]'), false, 'top links hidden');
  await page.click('#bottomNav a[data-nav="packets"]');
  await page.waitForSelector('.packets-page[data-loaded="true"]');
  assert.equal(await page.getAttribute('#bottomNav a[data-nav="packets"]', 'aria-current'), 'page');
  await page.click('.bottom-more summary');
  await page.click('.bottom-sheet a[data-nav="observers"]');
  await page.waitForFunction(() => location.hash.startsWith('#/observers'));
  assert.equal(await page.evaluate(() => document.querySelector('.bottom-more').open), false, 'sheet closes after navigating');
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 1, `no horizontal page overflow (${overflow}px)`);
  await page.goto(`${env.stack.base}/#/packets?timeWindow=0`);
  await page.waitForSelector('.packets-page[data-loaded="true"]');
  await page.locator('#pktBody tr.vt-row').first().click();
  await page.waitForSelector('#pktRight[data-loaded="true"]');
  const box = await page.locator('#pktRight').boundingBox();
  assert.ok(box.y > 100 && Math.round(box.y + box.height) >= 811, 'detail opens as a bottom sheet');
  await done(v);
});

test('TestShell_MediumWidthFoldsNavIntoMore', async () => {
  const v = await newPage(env.browser, env.stack.base, { width: 860, height: 700 });
  const { page } = v;
  await page.goto(`${env.stack.base}/#/home`);
  await page.waitForSelector(HOME);
  assert.equal(await page.isVisible('#navLinks a[data-nav="packets"]'), true);
  assert.equal(await page.isVisible('#navLinks a[data-nav="perf"]'), false, 'secondary links fold away');
  await page.click('.nav-more summary');
  await page.click('.nav-more a[data-nav-more="tools"]');
  await page.waitForSelector('.tools-page');
  assert.equal(await page.getAttribute('.nav-more a[data-nav-more="tools"]', 'aria-current'), 'page');
  assert.equal(await page.evaluate(() => document.querySelector('.nav-more').open), false, 'menu closes after navigating');
  assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth), 'header fits');
  await done(v);
});
