// Browser tests: observer status table, region filter, compare selection, live refresh and the
// observer detail page with Chart.js charts.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { useStack, visit, done, numText, screenshots } from './pagekit.mjs';

const env = useStack();

function statusCounts(api, th) {
  const now = Date.parse(api.server_time);
  const c = { Online: 0, Stale: 0, Offline: 0 };
  for (const o of api.observers) {
    const age = now - Date.parse(o.last_seen);
    c[age < th.observerOnlineMs ? 'Online' : age < th.observerStaleMs ? 'Stale' : 'Offline']++;
  }
  return c;
}

test('TestObservers_TableSummaryRegionAndCompare', async () => {
  const [api, cfg] = await Promise.all([env.stack.api('/observers'), env.stack.api('/config/client')]);
  const v = await visit(env.browser, env.stack, '#/observers', { waitFor: '.observers-page[data-loaded="true"]' });
  const { page } = v;
  assert.equal(await page.locator('#obsTable tbody tr').count(), api.observers.length);
  assert.equal(await numText(page, '[data-stat="total"] .stat-value'), String(api.observers.length));
  const counts = statusCounts(api, cfg.healthThresholds);
  for (const k of ['Online', 'Stale', 'Offline']) assert.equal(await numText(page, `[data-stat="${k}"] .stat-value`), String(counts[k]), k);
  const busiest = [...api.observers].sort((a, b) => b.packet_count - a.packet_count)[0];
  assert.equal(await numText(page, `#obsTable tr[data-key="${busiest.id}"] td[data-col="packet_count"]`), String(busiest.packet_count));
  if (busiest.client_version) assert.equal(await page.textContent(`#obsTable tr[data-key="${busiest.id}"] td[data-col="client_version"]`), busiest.client_version);
  // Region filter: applied by the server (/api/observers?region=), kept in the URL.
  const region = api.observers.find((o) => o.iata)?.iata;
  const inRegion = Number(await env.stack.sql(`SELECT count(*) FROM observers WHERE iata = '${region}' AND coalesce(inactive, 0) = 0`));
  assert.ok(inRegion > 0 && inRegion < api.observers.length, 'the region narrows the list');
  const regionRequest = () => page.waitForRequest((r) => { const u = new URL(r.url()); return u.pathname === '/api/observers' && u.searchParams.get('region') === region; });
  let sent = regionRequest();
  await page.selectOption('#obsRegion', region);
  await sent;
  await page.waitForFunction((n) => document.querySelectorAll('#obsTable tbody tr').length === n, inRegion);
  assert.equal(await numText(page, '[data-stat="total"] .stat-value'), String(inRegion), 'summary counts the region only');
  assert.match(page.url(), new RegExp(`region=${region}`));
  assert.ok(await page.locator('#obsRegion option').count() > 2, 'other regions stay selectable');
  sent = regionRequest();
  await page.reload();
  await sent;
  await page.waitForSelector('.observers-page[data-loaded="true"]');
  assert.equal(await page.locator('#obsTable tbody tr').count(), inRegion, 'region restored from the URL');
  assert.equal(await page.inputValue('#obsRegion'), region);
  // Compare exactly two.
  const boxes = page.locator('#obsTable input.obs-pick');
  await boxes.nth(0).check();
  assert.equal(await page.getAttribute('#obsCompare', 'aria-disabled'), 'true');
  await boxes.nth(1).check();
  assert.match(await page.getAttribute('#obsCompare', 'href'), /^#\/compare\?a=.+&b=.+/);
  await page.click(`#obsTable tbody tr:first-child td[data-col="name"] a`);
  await page.waitForSelector('.observer-page .observer-body[data-loaded="true"]');
  await done(v);
});

test('TestObserver_DetailCardsAndChartsMatchAPI', async () => {
  const list = (await env.stack.api('/observers')).observers;
  let o = list[0];
  let a = null;
  for (const x of list) {
    const r = await env.stack.api(`/observers/${encodeURIComponent(x.id)}/analytics?days=365`);
    if ((r.timeline || []).length) { o = x; a = r; break; }
  }
  assert.ok(a, 'an observer has packets within a year');
  const v = await visit(env.browser, env.stack, `#/observers/${encodeURIComponent(o.id)}?days=365`, { waitFor: '.obs-charts[data-loaded="true"]' });
  const { page } = v;
  assert.equal(await page.textContent('.observer-page h1'), o.name || o.id);
  assert.equal(await numText(page, '[data-stat="packet_count"] .stat-value'), String(o.packet_count));
  assert.equal(await page.textContent('[data-stat="region"] .stat-value'), o.iata || '—');
  assert.equal(await page.getAttribute('.obs-range [data-days="365"]', 'aria-current'), 'true', 'range from the URL');
  const total = a.timeline.reduce((s, x) => s + x.count, 0);
  assert.equal(await numText(page, '[data-total="obsChartPackets"]'), `${total} packet${total === 1 ? '' : 's'}`);
  assert.equal(await numText(page, '[data-total="obsChartTypes"]'), `${Object.keys(a.packetTypes).length} type${Object.keys(a.packetTypes).length === 1 ? '' : 's'}`);
  for (const id of ['obsChartPackets', 'obsChartTypes', 'obsChartNodes']) {
    await page.waitForFunction((cid) => { const c = document.getElementById(cid); return c && c.width > 0 && window.Chart && window.Chart.getChart(c); }, id);
  }
  assert.equal(await page.locator('#obsRecentTable tbody tr').count(), a.recentPackets.length);
  await page.click('.obs-range [data-days="1"]');
  await page.waitForFunction(() => location.hash.indexOf('days=') < 0);
  await page.waitForSelector('.obs-charts[data-loaded="true"]');
  await page.click('#themeToggle'); // charts rebuild for the new theme without errors
  await page.waitForTimeout(300);
  await done(v);
});

test('TestObservers_LiveObserverAppears', { skip: process.env.BASE_URL ? 'needs the managed stack' : false }, async () => {
  const base = (await env.stack.api('/packets?limit=100')).packets.find((p) => p.payload_type === 0 && p.raw_hex);
  const id = `UITESTOBS${randomBytes(3).toString('hex').toUpperCase()}`;
  const v = await visit(env.browser, env.stack, '#/observers', { waitFor: '.observers-page[data-loaded="true"]' });
  await v.page.waitForSelector('#wsStatus[data-state="open"]');
  const raw = base.raw_hex.toUpperCase();
  const tail = ((parseInt(raw.slice(-2), 16) + 7 + Math.floor(Math.random() * 200)) % 256).toString(16).padStart(2, '0').toUpperCase();
  await env.stack.inject(raw.slice(0, -2) + tail, id);
  await v.page.waitForSelector(`#obsTable tr[data-key="${id}"]`, { timeout: 30000 });
  assert.equal(await v.page.textContent(`#obsTable tr[data-key="${id}"] td[data-col="status"]`), 'Online');
  await done(v);
});

test('TestObservers_NoPageOverflowAt375', async () => {
  // The wide status table scrolls inside its own container; the page never scrolls sideways.
  const v = await visit(env.browser, env.stack, '#/observers', { width: 375, height: 812, waitFor: '.observers-page[data-loaded="true"]' });
  const { page } = v;
  assert.equal(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth), 0, 'no page-level horizontal scroll');
  const wrap = await page.$eval('#obsTable', (t) => { const w = t.closest('.table-wrap'); return { box: w.clientWidth, overflow: getComputedStyle(w).overflowX }; });
  assert.ok(wrap.box <= 375 && wrap.overflow === 'auto', `table scrolls inside its container (${JSON.stringify(wrap)})`);
  await done(v);
});

test('TestObservers_Screenshots', { timeout: 300000 }, async () => {
  const o = (await env.stack.api('/observers')).observers[0];
  await screenshots(env.browser, env.stack, [
    ['#/observers', 'p2-observers', '.observers-page[data-loaded="true"]'],
    [`#/observers/${encodeURIComponent(o.id)}?days=365`, 'p2-observer', '.obs-charts[data-loaded="true"]'],
  ]);
});
