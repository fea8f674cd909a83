// Browser tests for #/map against the live stack (fixture shifted to now, tiles on a dead port).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { SHOTS } from './stack.mjs';
import { liveSuite, openPage, signedAdvert } from './livestack.mjs';
import { HOSTILE } from './stack.mjs';

const suite = liveSuite();

const sqlite = (db, q) => promisify(execFile)('sqlite3', [db, q]).then((r) => r.stdout.trim());
const located = (x) => Number.isFinite(x.lat) && Number.isFinite(x.lon) && !(x.lat === 0 && x.lon === 0);

async function visit(hash, opts) {
  const v = await openPage(suite.browser, suite.stack.base, suite.stack.tilePrefix, opts);
  await v.page.goto(`${suite.stack.base}/${hash}`);
  await v.page.waitForSelector('.map-page[data-loaded="true"]', { timeout: 30000 });
  return v;
}

async function done(v) {
  assert.deepEqual(v.errors, [], 'no console errors besides unreachable tiles');
  await v.context.close();
}

const markerCount = (page, role) => page.locator(`.leaflet-marker-pane .map-marker[data-role="${role}"]`).count();

test('TestMap_MarkersPerRoleMatchAPI', async () => {
  const nodes = (await suite.stack.api('/nodes?limit=2000')).nodes.filter(located);
  const observers = (await suite.stack.api('/observers')).observers.filter(located);
  const v = await visit('#/map');
  const { page } = v;
  for (const role of ['repeater', 'room', 'companion']) {
    const want = nodes.filter((n) => n.role === role).length;
    assert.ok(want > 0, `fixture has located ${role}s`);
    assert.equal(await markerCount(page, role), want, `${role} markers`);
    assert.equal(await page.textContent(`.mc-count[data-role="${role}"]`), String(want), `${role} count label`);
  }
  assert.equal(await markerCount(page, 'observer'), observers.length, 'observer markers');
  for (const size of [1, 2]) {
    const want = nodes.filter((n) => n.hash_size === size).length;
    assert.equal(await page.textContent(`#mapHashSize option[value="${size}"]`), `${size}-byte (${want})`, `hash size ${size} count`);
  }
  await page.selectOption('#mapHashSize', '2');
  assert.equal(await page.locator('.leaflet-marker-pane .map-marker:not([data-role="observer"])').count(), nodes.filter((n) => n.hash_size === 2).length, 'hash size filter');
  await page.selectOption('#mapHashSize', 'all');
  assert.ok(await page.locator('.map-marker.stale').count() > 0, 'some nodes are faded as stale');
  // Tiles are unreachable: the layer gives up quietly and says so.
  await page.waitForSelector('#nodeMap[data-tiles="offline"]', { timeout: 15000 });
  // The theme switch swaps the tile layer to the dark provider.
  const dark = page.waitForRequest((r) => r.url().startsWith(`${suite.stack.tilePrefix}dark/`), { timeout: 10000 });
  await page.click('#themeToggle');
  await dark;
  await done(v);
});

test('TestMap_TogglesChangeWhatIsDrawn', async () => {
  const v = await visit('#/map');
  const { page } = v;
  const repeaters = await markerCount(page, 'repeater');
  await page.uncheck('.mc-role input[data-role="repeater"]');
  assert.equal(await markerCount(page, 'repeater'), 0, 'repeaters hidden');
  assert.match(page.url(), /roles=companion%2Croom%2Csensor%2Cobserver|roles=companion,room,sensor,observer/);
  await page.check('#mapHeat');
  await page.waitForSelector('canvas.leaflet-heatmap-layer');
  await page.check('#mapCluster');
  await page.waitForSelector('.marker-cluster');
  assert.ok(await page.locator('.leaflet-marker-pane .map-marker').count() < 30, 'clusters replace most markers');
  await page.selectOption('#mapStatus', 'active');
  // Reload: state comes back from the URL and storage.
  await page.reload();
  await page.waitForSelector('.map-page[data-loaded="true"]');
  assert.equal(await page.isChecked('.mc-role input[data-role="repeater"]'), false);
  assert.equal(await page.isChecked('#mapCluster'), true);
  assert.equal(await page.inputValue('#mapStatus'), 'active');
  await page.uncheck('#mapCluster');
  await page.uncheck('#mapHeat');
  await page.selectOption('#mapStatus', 'all');
  await page.check('.mc-role input[data-role="repeater"]');
  assert.equal(await markerCount(page, 'repeater'), repeaters);
  assert.equal(await page.locator('canvas.leaflet-heatmap-layer').count(), 0, 'heat layer removed');
  await page.goto(`${suite.stack.base}/#/home`);
  await page.goto(`${suite.stack.base}/#/map`);
  await page.waitForSelector('.map-page[data-loaded="true"]');
  assert.equal(await markerCount(page, 'repeater'), repeaters, 'persisted defaults restored');
  await done(v);
});

test('TestMap_PacketRouteDraws', async () => {
  const { packets } = await suite.stack.api('/packets?limit=200&type=4&expand=observations');
  const p = packets.find((x) => (x.resolved_path || []).filter(Boolean).length >= 2);
  assert.ok(p, 'an advert with resolved hops');
  const obs = p.observations[0];
  const v = await visit(`#/map?packet=${p.hash}&obs=${obs.id}`);
  const { page } = v;
  await page.waitForSelector('#mapPane:not(.hidden) .hop-list li');
  const hops = JSON.parse(obs.path_json).length;
  assert.equal(await page.locator('#mapPane .hop-list li.hop-hop').count(), hops, 'one row per path hop');
  assert.ok(await page.locator('path.route-line').count() >= 1, 'route segments drawn');
  assert.equal(await page.locator('.route-origin').count(), 1);
  assert.equal(await page.locator('.route-dest').count(), 1);
  await page.screenshot({ path: join(SHOTS, 'map-route-1280.png') });
  await page.click('#mapPane .pane-close');
  assert.equal(await page.locator('path.route-line').count(), 0, 'closing the pane clears the route');
  assert.doesNotMatch(page.url(), /packet=/);
  await done(v);
});

test('TestMap_PacketHeardTwiceSwitchesObservation', async () => {
  const { packets } = await suite.stack.api('/packets?limit=300&type=4');
  const p = packets.find((x) => (x.resolved_path || []).filter(Boolean).length >= 2);
  await suite.stack.publish([p.raw_hex]);
  let detail = null;
  for (let i = 0; i < 80 && !(detail && detail.observations.length >= 2); i++) {
    await new Promise((r) => setTimeout(r, 250));
    detail = await suite.stack.api(`/packets/${p.hash}`);
  }
  assert.ok(detail.observations.length >= 2, 'the publisher heard the packet too');
  const v = await visit(`#/map?packet=${p.hash}`);
  const { page } = v;
  await page.waitForSelector('#mapObsSel');
  assert.equal(await page.locator('#mapObsSel option').count(), detail.observations.length);
  const cur = await page.inputValue('#mapObsSel');
  const other = detail.observations.find((o) => String(o.id) !== cur);
  const title = await page.textContent('#mapPane h2');
  await page.selectOption('#mapObsSel', String(other.id));
  await page.waitForFunction((t) => document.querySelector('#mapPane h2').textContent !== t, title);
  assert.match(page.url(), new RegExp(`obs=${other.id}`));
  assert.equal(await page.inputValue('#mapObsSel'), String(other.id), 'select kept after redraw');
  assert.equal(await page.locator('#mapPane .hop-list li:last-child.hop-observer').count(), 1, 'route ends at that observer');
  await done(v);
});

test('TestMap_NodeFocusPopupRouteAndNeighbours', async () => {
  const byKey = new Map((await suite.stack.api('/nodes?limit=2000')).nodes.filter(located).map((n) => [n.public_key, n]));
  // The located node with the most located direct neighbours.
  let best = null;
  for (const pk of (await sqlite(suite.stack.db, "SELECT node_b FROM neighbor_edges GROUP BY node_b ORDER BY sum(count) DESC LIMIT 15")).split('\n')) {
    if (!byKey.has(pk)) continue;
    const nb = (await suite.stack.api(`/nodes/${pk}/neighbors?min_count=1`)).neighbors.filter((x) => byKey.has(x.pubkey));
    if (!best || nb.length > best.nb.length) best = { node: byKey.get(pk), nb };
  }
  assert.ok(best && best.nb.length > 0, 'a located node with located neighbours');
  const v = await visit(`#/map?node=${best.node.public_key}`);
  const { page } = v;
  await page.waitForSelector('.leaflet-popup .map-popup');
  assert.equal(await page.textContent('.leaflet-popup .mp-name'), best.node.name);
  assert.equal(await page.getAttribute('.leaflet-popup a', 'href'), `#/nodes/${best.node.public_key}`);
  await page.click('.leaflet-popup .mp-route');
  await page.waitForSelector('#mapPane:not(.hidden)');
  assert.match(await page.textContent('#mapPane h2'), /Routes through/);
  await page.click('.leaflet-popup .mp-neigh');
  await page.waitForFunction(() => /Neighbours of/.test(document.querySelector('#mapPane h2')?.textContent || ''));
  assert.equal(await page.locator('path.neighbor-line').count(), best.nb.length, 'one line per located neighbour');
  assert.ok(await page.locator('#mapPane .hop-list li').count() >= best.nb.length);
  const before = await page.getAttribute('#nodeMap', 'data-view');
  await page.click('.mc-jump button[data-region="MRY"]');
  await page.waitForFunction((b) => document.getElementById('nodeMap').dataset.view !== b, before);
  await page.goto(`${suite.stack.base}/#/map?lat=36.6&lon=-121.9&zoom=11`);
  await page.waitForFunction(() => document.getElementById('nodeMap')?.dataset.view === '36.6000,-121.9000,11', null, { timeout: 15000 });
  await done(v);
});

test('TestMap_NewAdvertAddsMarker', async () => {
  const v = await visit('#/map');
  const { page } = v;
  await page.waitForSelector('#wsStatus[data-state="open"]');
  const before = await markerCount(page, 'repeater');
  const adv = signedAdvert(HOSTILE, 37.5, -122.2);
  await suite.stack.publish([adv.hex]);
  await page.waitForFunction((n) => document.querySelectorAll('.leaflet-marker-pane .map-marker[data-role="repeater"]').length === n + 1, before, { timeout: 20000 });
  // Markers are keyboard-reachable: focus the new one and press Enter for its popup.
  await page.focus(`.leaflet-marker-icon[title="${HOSTILE}"]`);
  await page.keyboard.press('Enter');
  await page.waitForSelector('.leaflet-popup .mp-name');
  assert.equal(await page.textContent('.leaflet-popup .mp-name'), HOSTILE, 'hostile name shown as text');
  assert.equal(await page.locator('.leaflet-popup img').count(), 0, 'no element injected');
  await done(v);
});

test('TestMap_LeaveMidZoom', async () => {
  const v = await visit('#/map');
  const { page } = v;
  for (let i = 0; i < 3; i++) {
    await page.click('.leaflet-control-zoom-in');
    await page.goto(`${suite.stack.base}/#/home`);
    await page.waitForTimeout(400);
    await page.goto(`${suite.stack.base}/#/map`);
    await page.waitForSelector('.map-page[data-loaded="true"]');
  }
  await done(v);
});

test('TestMap_Screenshots', async () => {
  for (const theme of ['light', 'dark']) {
    for (const [w, hgt] of [[1280, 800], [375, 812]]) {
      const v = await visit('#/map', { width: w, height: hgt, theme });
      await v.page.waitForTimeout(300);
      await v.page.screenshot({ path: join(SHOTS, `map-${theme}-${w}.png`) });
      await done(v);
    }
  }
});
