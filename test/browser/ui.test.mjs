// Browser tests: every page renders against the real server over a migrated copy of the fixture DB, plus
// screenshots of every page at desktop and phone width in both themes. Page-specific suites live in
// packets/home/trace.test.mjs and the other pages' own files.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { newPage, SHOTS, useStack, finish } from './stack.mjs';

const env = useStack();
const MINE = new Set(['home', 'packets', 'packet', 'tools', 'packet-detail', 'packet-page', 'trace']);
const done = finish;
const READY = { home: '#homeStats .stat-card', packets: '.packets-page[data-loaded="true"]', 'packet-detail': '#pktRight[data-loaded="true"]',
  'packet-page': '.packet-page .card[data-loaded="true"]', trace: '.trace-page[data-loaded="true"]', tools: '#decodeInput' };

// Every route mounts a page through the router (this part's pages with an h1). Pages owned by other suites only need to mount
// here (their own files check content and console errors); the pages of this UI part must also be error-free.
const ROUTES = ['home', 'packets', 'packet/ffffffffffffffff', 'map', 'live', 'channels', 'nodes', 'observers', 'analytics', 'scopes', 'perf', 'tools',
  'tools/trace/ffffffffffffffff', 'compare'];

test('TestRouter_EveryRouteMounts', { timeout: 180000 }, async () => {
  const v = await newPage(env.browser, env.stack.base);
  for (const route of ROUTES) {
    const before = v.errors.length;
    await v.page.goto(`${env.stack.base}/#/${route}`);
    await v.page.waitForFunction(() => !document.getElementById('app').hasAttribute('aria-busy') && document.getElementById('app').children.length > 0, null, { timeout: 20000 });
    const name = route.split('/')[0];
    if (MINE.has(name)) assert.ok(await v.page.locator('#app h1').count() >= 1, `${route} has a page heading`);
    if (!MINE.has(name) && v.errors.length > before) {
      console.warn(`route ${route}: ${v.errors.slice(before).join('; ')}`);
      v.errors.length = before;
    }
  }
  await done(v);
});

const SHOT_PAGES = ['home', 'packets', 'nodes', 'observers', 'channels', 'perf', 'tools', 'map', 'live', 'analytics'];

test('TestScreenshots_AllPages', { timeout: 300000 }, async () => {
  const grouped = (await env.stack.api('/packets?limit=200&groupByHash=true')).packets;
  const hash = (grouped.find((p) => p.payload_type === 4 && p.path_json && p.path_json !== '[]') || grouped[0]).hash;
  const node = (await env.stack.api('/nodes?limit=1')).nodes[0].public_key;
  const obs = (await env.stack.api('/observers')).observers[0].id;
  const extra = [[`packets/${hash}`, 'packet-detail'], [`packet/${hash}`, 'packet-page'], [`nodes/${node}`, 'node'],
    [`observers/${encodeURIComponent(obs)}`, 'observer'], [`tools/trace/${hash}`, 'trace']];
  for (const theme of ['light', 'dark']) {
    for (const [width, height] of [[1280, 800], [375, 812]]) {
      const v = await newPage(env.browser, env.stack.base, { width, height, theme });
      await v.page.goto(`${env.stack.base}/#/home`);
      await v.page.evaluate((pk) => localStorage.setItem('meshcore-my-nodes', JSON.stringify([{ pubkey: pk, name: '', addedAt: '' }])), node);
      for (const [route, name] of [...SHOT_PAGES.map((p) => [p, p]), ...extra]) {
        const before = v.errors.length;
        await v.page.goto(`${env.stack.base}/#/${route}`);
        if (READY[name]) await v.page.waitForSelector(READY[name], { timeout: 20000 });
        await v.page.waitForLoadState('networkidle').catch(() => {});
        await v.page.waitForTimeout(400);
        await v.page.screenshot({ path: join(SHOTS, `${name}-${width}x${height}-${theme}.png`) });
        // Errors on pages owned by other suites are reported there; this suite fails on its own pages only.
        if (!MINE.has(name) && v.errors.length > before) {
          console.warn(`screenshot ${name} ${width}x${height} ${theme}: ${v.errors.slice(before).join('; ')}`);
          v.errors.length = before;
        }
      }
      await v.page.goto(`${env.stack.base}/#/home`);
      await v.page.waitForSelector('#homeStats .stat-card');
      await v.page.keyboard.press('Control+k');
      await v.page.fill('#searchInput', hash.slice(0, 4));
      await v.page.waitForSelector('#searchResults li');
      await v.page.screenshot({ path: join(SHOTS, `search-${width}x${height}-${theme}.png`) });
      await v.page.keyboard.press('Escape');
      await v.page.goto(`${env.stack.base}/#/packets`);
      await v.page.waitForSelector('.packets-page[data-loaded="true"]');
      await v.page.click('#byopBtn');
      await v.page.fill('#byopInput', grouped[0].raw_hex);
      await v.page.click('#byopDecode');
      await v.page.waitForSelector('#byopOutput .hex-dump');
      await v.page.screenshot({ path: join(SHOTS, `byop-${width}x${height}-${theme}.png`) });
      await done(v);
    }
  }
});
