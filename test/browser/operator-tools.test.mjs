// Browser tests for the stand-alone operator tools served from public/: area-map.html draws and lists
// exactly the areas config.json names (labels as text), says what to do when there are none, and
// geofilter-builder.html turns map clicks into a polygon that PUT /api/config/geo-filter saves with the
// key (the file next to the database holds it afterwards). Both: no console errors, axe, 375 px, dark.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { readFile } from 'node:fs/promises';
import { useStack, screenshots } from './pagekit.mjs';
import { newPage, finish, HOSTILE } from './stack.mjs';
import { axeScan } from './axe.mjs';

const KEY = 'operator-tools-browser-key-0123456789';
const AREAS = {
  bay: { label: HOSTILE, polygon: [[37.3, -122.3], [37.6, -122.3], [37.6, -121.9], [37.3, -121.9]] },
  south: { label: 'South box', latMin: 36.9, latMax: 37.2, lonMin: -122.1, lonMax: -121.7 },
};
const env = useStack({ config: { apiKey: KEY, areas: AREAS } });

const fits375 = (page) => page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth + 1);

test('TestAreaMap_DrawsAndListsConfiguredAreas', { timeout: 180000 }, async () => {
  const api = await env.stack.api('/config/areas/polygons');
  assert.deepEqual(api.map((a) => a.key), ['bay', 'south'], 'the API lists the configured areas by key');
  const v = await newPage(env.browser, env.stack.base, { bypassCSP: true });
  const { page } = v;
  await page.goto(`${env.stack.base}/area-map.html`);
  await page.waitForSelector('#amPage[data-ready="true"]');
  assert.deepEqual(await page.locator('#amTable tbody tr').evaluateAll((rows) => rows.map((r) => r.dataset.key)), ['bay', 'south']);
  assert.equal(await page.textContent('#amTable tr[data-key="bay"] td:nth-child(2)'), HOSTILE, 'the label is shown as text');
  assert.equal(await page.textContent('#amTable tr[data-key="bay"] td:nth-child(3)'), 'polygon (4 points)');
  assert.equal(await page.textContent('#amTable tr[data-key="south"] td:nth-child(3)'), 'box');
  assert.equal(await page.locator('#amMap path.leaflet-interactive').count(), 2, 'one outline per area');
  const outline = await page.locator('#amMap path.leaflet-interactive').first().boundingBox();
  await page.mouse.move(outline.x + outline.width / 2, outline.y + outline.height / 2);
  await page.waitForSelector('.leaflet-tooltip');
  assert.equal(await page.textContent('.leaflet-tooltip'), HOSTILE, 'the hover label is text too');
  assert.equal(await page.locator('img[src="x"]').count(), 0, 'no markup from config reached the DOM');
  assert.deepEqual(await axeScan(page), [], 'axe: no serious WCAG violation');
  await page.setViewportSize({ width: 375, height: 812 });
  assert.ok(await fits375(page), 'fits 375 px');
  await finish(v);

  // Empty state: the same page over an answer with no areas tells the operator what to add.
  const e = await newPage(env.browser, env.stack.base);
  await e.page.route('**/api/config/areas/polygons', (r) => r.fulfill({ status: 200, contentType: 'application/json', body: '[]' }));
  await e.page.goto(`${env.stack.base}/area-map.html`);
  await e.page.waitForSelector('#amPage[data-ready="true"]');
  assert.match(await e.page.textContent('#amStatus'), /No areas configured\. Add an "areas" block to config\.json/);
  assert.ok(await e.page.locator('#amTable').evaluate((t) => t.classList.contains('hidden')));
  await finish(e);
  await screenshots(env.browser, env.stack, [['area-map.html', 'area-map', '#amPage[data-ready="true"]']]);
});

test('TestGeofilterBuilder_ClicksBecomeTheSavedPolygon', { timeout: 180000 }, async () => {
  const v = await newPage(env.browser, env.stack.base, { bypassCSP: true });
  const { page } = v;
  await page.goto(`${env.stack.base}/geofilter-builder.html`);
  await page.waitForSelector('#gfPage[data-ready="true"]');
  assert.match(await page.textContent('#gfCount'), /No points yet: click the map/);
  assert.equal(await page.textContent('#gfStatus'), 'No geo filter is set on the server yet.', 'the page starts from the filter in force');
  assert.ok(await page.isDisabled('#gfSave') === false, 'an empty polygon (clear) may be saved');
  const box = await page.locator('#gfMap').boundingBox();
  const clicks = [[0.3, 0.3], [0.7, 0.3], [0.6, 0.7]];
  for (const [i, [fx, fy]] of clicks.entries()) {
    await page.mouse.click(box.x + box.width * fx, box.y + box.height * fy);
    await page.waitForFunction((n) => document.getElementById('gfCount').textContent.startsWith(`${n} point`), i + 1);
    if (i === 1) assert.ok(await page.isDisabled('#gfSave'), 'two points cannot be saved');
  }
  assert.match(await page.textContent('#gfCount'), /^3 points — ready/);
  const drawn = JSON.parse(await page.inputValue('#gfJson'));
  assert.equal(drawn.polygon.length, 3);
  assert.ok(drawn.polygon[0][1] < drawn.polygon[1][1] && drawn.polygon[2][0] < drawn.polygon[0][0], 'the points follow the clicks (east, then south)');
  await page.fill('#gfBuffer', '7.5');
  await page.fill('#gfKey', 'wrong-key-wrong-key-wrong');
  await page.click('#gfSave');
  await page.waitForSelector('#gfStatus[data-kind="error"]');
  assert.match(await page.textContent('#gfStatus'), /HTTP 401.*unauthorized/);
  await page.fill('#gfKey', KEY);
  await page.click('#gfSave');
  await page.waitForSelector('#gfStatus[data-kind="ok"]');
  const served = await env.stack.api('/config/geo-filter');
  const sent = JSON.parse(await page.inputValue('#gfJson'));
  assert.deepEqual(served.polygon, sent.polygon, 'the server serves what the page drew');
  assert.equal(served.bufferKm, 7.5);
  const file = JSON.parse(await readFile(join(env.stack.dir, 'geo-filter.json'), 'utf8'));
  assert.deepEqual(file.polygon, sent.polygon, 'saved next to the database for the ingestor');
  await page.fill('#gfJson', '{"polygon": [[1, 2], [3');
  await page.click('#gfImport');
  assert.equal(await page.textContent('#gfStatus'), 'Not valid JSON.');
  await page.click('#gfClear');
  await page.click('#gfLoad');
  await page.waitForFunction(() => document.getElementById('gfCount').textContent.startsWith('3 points'));
  assert.deepEqual(await axeScan(page), [], 'axe: no serious WCAG violation');
  await page.setViewportSize({ width: 375, height: 812 });
  assert.ok(await fits375(page), 'fits 375 px');
  await finish(v);
  await screenshots(env.browser, env.stack, [['geofilter-builder.html', 'geofilter-builder', '#gfPage[data-ready="true"]']]);
});
