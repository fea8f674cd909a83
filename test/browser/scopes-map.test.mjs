// Browser tests for region scopes on the Map, Live and the Scopes analytics tab (issue #20 items 5–7),
// on the live stack (fixture shifted to now). Scope facts are planted in the database the server reads:
// configured scopes (scope_answers), declared regions (nodes.default_scope) and scoped packets relayed
// through a planted repeater; expected values come from the API and SQL, never from the page.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { SHOTS, newPage, finish } from './stack.mjs';
import { liveSuite } from './livestack.mjs';
import { axeScan } from './axe.mjs';

const suite = liveSuite();
const sql = (q) => promisify(execFile)('sqlite3', ['-cmd', '.timeout 5000', suite.stack.db, q]).then((r) => r.stdout.trim());
const located = (x) => Number.isFinite(x.lat) && Number.isFinite(x.lon) && !(x.lat === 0 && x.lon === 0);
const STATE_COLOR = { mismatch: '#dc2626', scoped: '#16a34a', open: '#2563eb', unknown: '#94a3b8' }; // docs/scopes.md legend

let planted = null;
let seq = 0;

// insertPacket writes one transmission (a copy of a fixture advert under a new hash, scope_name scope,
// route type route) with one observation now, relayed through the hop of repeater `via` when given.
async function insertPacket(hash, scope, route, offset, via) {
  const path = via ? `'["${via.slice(0, 8)}"]'` : "'[]'";
  const resolved = via ? `'["${via}"]'` : 'NULL';
  await sql(`INSERT INTO transmissions (raw_hex, hash, first_seen, route_type, payload_type, decoded_json, from_pubkey, scope_name)
    SELECT raw_hex, '${hash}', strftime('%Y-%m-%dT%H:%M:%fZ','now'), ${route}, payload_type, decoded_json, from_pubkey, ${scope === null ? 'NULL' : `'${scope}'`}
    FROM transmissions WHERE payload_type = 4 ORDER BY id LIMIT 1 OFFSET ${offset};
    INSERT INTO observations (transmission_id, observer_idx, snr, rssi, path_json, resolved_path, timestamp)
    SELECT id, (SELECT MIN(rowid) FROM observers), 5, -90, ${path}, ${resolved}, CAST(strftime('%s','now') AS INTEGER) FROM transmissions WHERE hash = '${hash}';`);
}

// plant gives three located repeaters scope facts: A configured scoped (#sjc) and declaring #sjc, B
// configured open declaring #sjc, C configured scoped (#oak) declaring #oak but relaying two #sjc packets
// (a mismatch). It waits until /api/nodes reports them (the node enrichment is rebuilt every 30 s).
async function plant() {
  if (planted) return planted;
  const reps = (await suite.stack.api('/nodes?limit=5000')).nodes.filter((n) => n.role === 'repeater' && located(n));
  assert.ok(reps.length >= 3, 'fixture has located repeaters');
  const [a, b, c] = reps.slice(-3).map((n) => n.public_key);
  const answer = (pk, scopes, deny) => `INSERT INTO scope_answers (node_pubkey, source_kind, source_id, scopes_json, denies_unscoped, responded, status, answered_at)
    VALUES ('${pk}', 'client_regions', 'browser-test', '${JSON.stringify(scopes)}', ${deny}, 1, 'ok', strftime('%Y-%m-%dT%H:%M:%SZ','now'));`;
  await sql(`${answer(a, ['#sjc'], 1)} ${answer(b, ['#sjc'], 0)} ${answer(c, ['#oak'], 1)}
    UPDATE nodes SET default_scope = '#sjc' WHERE public_key IN ('${a}', '${b}'); UPDATE nodes SET default_scope = '#oak' WHERE public_key = '${c}';`);
  await insertPacket(`scopetest-c1-${Date.now()}`, '#sjc', 0, 3, c);
  await insertPacket(`scopetest-c2-${Date.now()}`, '#sjc', 0, 4, c);
  const deadline = Date.now() + 90000;
  for (;;) {
    const byKey = new Map((await suite.stack.api('/nodes?limit=5000')).nodes.map((n) => [n.public_key, n]));
    const ok = byKey.get(a)?.declared_regions?.includes('#sjc') && byKey.get(b)?.scope_config_state === 'open' &&
      byKey.get(c)?.scope_config_state === 'mismatch' && ['scoped', 'mismatch'].includes(byKey.get(a)?.scope_config_state);
    if (ok) break;
    assert.ok(Date.now() < deadline, 'planted scope facts never showed up on /api/nodes');
    await new Promise((r) => setTimeout(r, 1000));
  }
  planted = { a, b, c };
  return planted;
}

async function visitMap(hash, opts = {}) {
  const v = await newPage(suite.browser, suite.stack.base, opts);
  await v.page.goto(`${suite.stack.base}/${hash}`);
  await v.page.waitForSelector('.map-page[data-loaded="true"]', { timeout: 30000 });
  return v;
}

// nodeMarkers reads every drawn node marker: key (from its title via the API names is ambiguous, so the
// state and fill are read) as {state, fill}.
const nodeMarkers = (page) => page.$$eval('.leaflet-marker-pane .map-marker:not([data-role="observer"])',
  (els) => els.map((e) => ({ state: e.dataset.scopeState, fill: (e.querySelector('polygon, circle')?.getAttribute('fill') || '').toLowerCase() })));

test('TestScopesMap_ColourFilterLegendURL', async () => {
  const { a, b, c } = await plant();
  const nodes = (await suite.stack.api('/nodes?limit=5000')).nodes.filter(located);
  const v = await visitMap('#/map?colorBy=scope&lastHeard=all');
  const { page } = v;
  // Colour: every node marker carries its API state and that state's legend colour.
  const want = {};
  for (const n of nodes) want[n.scope_config_state] = (want[n.scope_config_state] || 0) + 1;
  const drawn = await nodeMarkers(page);
  assert.equal(drawn.length, nodes.length, 'one marker per located node');
  const got = {};
  for (const m of drawn) {
    got[m.state] = (got[m.state] || 0) + 1;
    assert.equal(m.fill, STATE_COLOR[m.state], `marker of state ${m.state} is drawn in its legend colour`);
  }
  assert.deepEqual(got, want, 'markers per scope state equal /api/nodes');
  assert.ok(Object.keys(got).length >= 3, `several states on the map: ${JSON.stringify(got)}`);
  // Legend: visible with colour by scope, one count per state equal to the API.
  assert.ok(await page.isVisible('#mapScopeLegend'), 'legend shown');
  for (const [state, n] of Object.entries(want)) assert.equal(await page.textContent(`#mapScopeLegend .mc-count[data-state="${state}"]`), String(n), `legend count ${state}`);
  const swatch = await page.$eval('#mapScopeLegend li[data-state="mismatch"] .mc-swatch', (e) => getComputedStyle(e).backgroundColor);
  assert.equal(swatch, 'rgb(220, 38, 38)', 'legend swatch of mismatch');

  // Filter by declared region: exactly /api/nodes?region=#sjc (located), and the URL keeps it.
  const sjc = (await suite.stack.api('/nodes?limit=5000&region=%23sjc')).nodes.filter(located).map((n) => n.public_key).sort();
  assert.ok(sjc.includes(a) && sjc.includes(b) && !sjc.includes(c), 'planted declared regions');
  await page.selectOption('#mapRegion', '#sjc');
  assert.equal(await page.locator('.leaflet-marker-pane .map-marker').count(), sjc.length, 'region filter shows the #sjc nodes only');
  assert.match(page.url(), /region=%23sjc/, 'region kept in the URL');
  await page.selectOption('#mapRegion', '');
  // Filter by scope: nodes declaring, configured with or seen forwarding #oak.
  const oak = (await suite.stack.api('/nodes?limit=5000&scope=oak')).nodes.filter(located);
  await page.selectOption('#mapScope', '#oak');
  assert.equal(await page.locator('.leaflet-marker-pane .map-marker').count(), oak.length, 'scope filter equals /api/nodes?scope=oak');
  const states = (await nodeMarkers(page)).map((m) => m.state).sort();
  assert.deepEqual(states, oak.map((n) => n.scope_config_state).sort(), 'states of the #oak nodes');
  assert.match(page.url(), /colorBy=scope/);
  assert.match(page.url(), /scope=%23oak/);
  // The URL restores the choice on reload.
  await page.reload();
  await page.waitForSelector('.map-page[data-loaded="true"]', { timeout: 30000 });
  assert.equal(await page.inputValue('#mapScope'), '#oak');
  assert.equal(await page.inputValue('#mapColorBy'), 'scope');
  assert.equal(await page.locator('.leaflet-marker-pane .map-marker').count(), oak.length, 'filter restored from the URL');
  // The popup names the scope state.
  await page.selectOption('#mapColorBy', 'role');
  assert.ok(!(await page.isVisible('#mapScopeLegend')), 'legend hidden when colouring by role');
  assert.doesNotMatch(page.url(), /colorBy=/, 'the default colouring leaves the URL');
  await finish(v);
});

test('TestScopesLive_ScopeFilterKeptInURL', async () => {
  await plant();
  const v = await newPage(suite.browser, suite.stack.base);
  const { page } = v;
  await page.goto(`${suite.stack.base}/#/live?scope=sjc`);
  await page.waitForSelector('#livePage[data-loaded="true"]', { timeout: 30000 });
  await page.waitForSelector('.live-beacon[data-state="open"]', { timeout: 15000 });
  assert.equal(await page.inputValue('#liveScope'), '#sjc', 'filter read from the URL');
  assert.match(page.url(), /#\/live\?scope=%23sjc$/, 'URL normalised to #sjc');
  // An unscoped and an unlisted-region packet arrive first, then a #sjc one: only the last is shown.
  seq++;
  const plain = `scopetest-plain-${seq}`;
  const unlisted = `scopetest-unlisted-${seq}`;
  const scoped = `scopetest-sjc-${seq}`;
  await insertPacket(plain, null, 1, 5);
  await insertPacket(unlisted, '', 0, 6);
  await insertPacket(scoped, '#sjc', 0, 7);
  await page.waitForSelector(`#liveFeed li.feed-item[data-hash="${scoped}"]`, { timeout: 30000 });
  assert.equal(await page.locator(`#liveFeed li.feed-item[data-hash="${plain}"]`).count(), 0, 'unscoped packet filtered out');
  assert.equal(await page.locator(`#liveFeed li.feed-item[data-hash="${unlisted}"]`).count(), 0, 'unlisted-region packet filtered out');
  // Switching to "Unscoped" shows the next plain flood and keeps the choice in the URL.
  await page.click('#liveCog');
  await page.selectOption('#liveScope', 'unscoped');
  assert.match(page.url(), /scope=unscoped/);
  const plain2 = `scopetest-plain2-${seq}`;
  const scoped2 = `scopetest-sjc2-${seq}`;
  await insertPacket(scoped2, '#sjc', 0, 8);
  await insertPacket(plain2, null, 1, 9);
  await page.waitForSelector(`#liveFeed li.feed-item[data-hash="${plain2}"]`, { timeout: 30000 });
  assert.equal(await page.locator(`#liveFeed li.feed-item[data-hash="${scoped2}"]`).count(), 0, '#sjc packet hidden under Unscoped');
  await finish(v);
});

test('TestScopesTab_NumbersEqualAPI', async () => {
  const { c } = await plant();
  const v = await newPage(suite.browser, suite.stack.base);
  const { page } = v;
  await page.goto(`${suite.stack.base}/#/analytics?tab=scopes`);
  await page.waitForSelector('#analyticsContent[data-tab="scopes"][data-loaded="true"]', { timeout: 30000 });
  const s = await suite.stack.api('/scope-stats?window=24h');
  const b = await suite.stack.api('/scope-stats/breakdown?window=24h');
  const card = async (id) => (await page.textContent(`.stat-card[data-stat="${id}"] .stat-value`)).replace(/,/g, '').trim();
  assert.equal(await card('transport'), String(s.summary.transportTotal));
  assert.equal(await card('scoped'), String(s.summary.scoped));
  assert.equal(await card('unscoped'), String(s.summary.unscoped));
  const all = s.summary.scoped + s.summary.unknownScope + s.summary.unscoped;
  assert.equal(await card('unscopedShare'), `${((100 * s.summary.unscoped) / all).toFixed(1)} %`, 'unscoped share');
  // Per-scope totals: the table equals the breakdown, and #sjc holds at least the planted packets (SQL).
  const sqlSjc = Number(await sql(`SELECT COUNT(*) FROM transmissions WHERE scope_name = '#sjc' AND route_type IN (0, 3) AND first_seen >= strftime('%Y-%m-%dT%H:%M:%SZ','now','-1 day')`));
  const sjcRow = b.scopes.find((x) => x.name === '#sjc');
  assert.equal(sjcRow.total, sqlSjc, 'API #sjc total equals SQL');
  for (const x of b.scopes) {
    assert.equal((await page.textContent(`#scopeTotals tr[data-key="${x.name}"] td:nth-child(2)`)).replace(/,/g, ''), String(x.total), `${x.name} packets`);
  }
  // Top repeaters: C relayed the two planted #sjc packets.
  const top = b.topRepeaters.find((g) => g.scope === '#sjc');
  assert.ok(top.repeaters.some((r) => r.public_key === c && r.count === 2), 'planted relays credited to C');
  for (const r of top.repeaters) {
    const row = page.locator(`#scopeTopRepeaters tr[data-key="#sjc ${r.public_key}"]`);
    assert.equal((await row.locator('td:nth-child(3)').textContent()).replace(/,/g, ''), String(r.count), 'relay count');
    assert.equal(await row.locator('td:nth-child(2) a').getAttribute('href'), `#/nodes/${r.public_key}`);
  }
  await finish(v);
});

test('TestScopes_AxeAndScreenshots', async () => {
  await plant();
  const routes = [['#/map?colorBy=scope&lastHeard=all', 'scopes-map', '.map-page[data-loaded="true"]'],
    ['#/live?scope=%23sjc', 'scopes-live', '#livePage[data-loaded="true"]'],
    ['#/analytics?tab=scopes', 'scopes-tab', '#analyticsContent[data-tab="scopes"][data-loaded="true"]']];
  for (const theme of ['light', 'dark']) {
    for (const [width, height] of [[1280, 800], [375, 812]]) {
      const v = await newPage(suite.browser, suite.stack.base, { width, height, theme, bypassCSP: true });
      for (const [hash, name, ready] of routes) {
        await v.page.goto(`${suite.stack.base}/${hash}`);
        await v.page.waitForSelector(ready, { timeout: 30000 });
        if (name === 'scopes-live' && width > 500) await v.page.click('#liveCog');
        if (name === 'scopes-map' && width < 500) await v.page.click('.map-controls summary');
        await v.page.waitForTimeout(400);
        await v.page.screenshot({ path: join(SHOTS, `${name}-${width}x${height}-${theme}.png`) });
        if (width > 500) assert.deepEqual(await axeScan(v.page), [], `axe ${name} ${theme}`);
      }
      await finish(v);
    }
  }
});
