// Browser tests for #/analytics (every tab), #/nodes/<pk>/analytics and #/compare, on the fixture and on an
// empty database: no console errors, content that matches the API, and screenshots at desktop and phone
// width in both themes (test-output/screenshots/analytics-*).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { newPage, SHOTS, useStack, finish, startStack } from './stack.mjs';

const env = useStack();
const TABS = ['overview', 'rf', 'topology', 'channels', 'hashsizes', 'collisions', 'distance', 'subpaths', 'neighbor-graph', 'roles',
  'airtime', 'clock-health', 'rf-health', 'scopes', 'nodes', 'my-repeaters', 'prefix-tool'];

const empty = { stack: null };
before(async () => {
  empty.stack = await startStack({ plant: async ({ sql }) => {
    for (const t of ['observations', 'transmissions', 'nodes', 'observers', 'neighbor_edges']) await sql(`DELETE FROM ${t}`);
  } });
}, { timeout: 600000 });
after(async () => { if (empty.stack) await empty.stack.stop(); });

/** openTab navigates to one analytics tab and waits until it rendered (or failed). */
async function openTab(v, base, tab, extra = '') {
  await v.page.goto(`${base}/#/analytics?tab=${tab}${extra}`);
  await v.page.waitForSelector(`#analyticsContent[data-tab="${tab}"][data-loaded="true"], #analyticsContent[data-tab="${tab}"][data-loaded="error"]`, { timeout: 30000 });
  const state = await v.page.getAttribute('#analyticsContent', 'data-loaded');
  const text = await v.page.textContent('#analyticsContent');
  assert.equal(state, 'true', `tab ${tab} rendered (${text.slice(0, 200)})`);
}

test('TestAnalytics_EveryTabRendersOnFixture', { timeout: 300000 }, async () => {
  const v = await newPage(env.browser, env.stack.base);
  for (const tab of TABS) {
    await openTab(v, env.stack.base, tab);
    assert.equal(await v.page.getAttribute(`#tab-${tab}`, 'aria-selected'), 'true', `${tab} tab selected`);
  }
  await finish(v);
});

test('TestAnalytics_NumbersMatchAPI', { timeout: 120000 }, async () => {
  const v = await newPage(env.browser, env.stack.base);
  const rf = await env.stack.api('/analytics/rf');
  await openTab(v, env.stack.base, 'overview');
  assert.equal((await v.page.textContent('[data-stat="transmissions"] .stat-value')).replace(/\D/g, ''), String(rf.totalTransmissions));
  await v.page.waitForSelector('#ovPerHour');
  const roles = await env.stack.api('/analytics/roles');
  await openTab(v, env.stack.base, 'roles');
  assert.equal((await v.page.textContent('[data-stat="totalNodes"] .stat-value')).replace(/\D/g, ''), String(roles.totalNodes));
  // Collision matrix: 256 cells, and the counts in cells equal the API's 1-byte groups.
  const coll = await env.stack.api('/analytics/hash-collisions');
  await openTab(v, env.stack.base, 'collisions');
  assert.equal(await v.page.locator('.an-mx-cell').count(), 256);
  const shared = Object.values(coll.by_size['1'].one_byte_cells).filter((c) => c.length > 1).length;
  assert.equal(await v.page.locator('.an-mx-cell:not(.sev-free):not(.sev-single)').count(), shared);
  // Neighbour graph: sliders filter the cached edge set client-side (no new request).
  const g = await env.stack.api('/analytics/neighbor-graph?min_count=1&min_score=0');
  await openTab(v, env.stack.base, 'neighbor-graph');
  assert.equal((await v.page.textContent('[data-stat="ngEdges"] .stat-value')).replace(/\D/g, ''), String(g.edges.length));
  let requests = 0;
  v.page.on('request', (r) => { if (r.url().includes('/api/analytics/neighbor-graph')) requests++; });
  await v.page.locator('#ngMinScore').fill('0.5');
  const kept = g.edges.filter((e) => e.score >= 0.5).length;
  assert.equal((await v.page.textContent('[data-stat="ngEdges"] .stat-value')).replace(/\D/g, ''), String(kept));
  assert.equal(requests, 0, 'slider does not refetch');
  // Deep link keeps tab and window; the window selector rewrites the hash.
  await openTab(v, env.stack.base, 'rf', '&window=7d');
  assert.equal(await v.page.inputValue('#analyticsTimeWindow'), '7d');
  await v.page.selectOption('#analyticsTimeWindow', '24h');
  await v.page.waitForFunction(() => location.hash.includes('window=24h') && location.hash.includes('tab=rf'));
  await finish(v);
});

test('TestNodeAnalyticsAndCompare_Fixture', { timeout: 180000 }, async () => {
  const v = await newPage(env.browser, env.stack.base);
  const node = (await env.stack.api('/nodes?limit=1&sortBy=packetCount')).nodes[0].public_key;
  for (const days of ['1', '7', '30', '365']) {
    await v.page.goto(`${env.stack.base}/#/nodes/${node}/analytics?days=${days}`);
    await v.page.waitForSelector('#nodeAnalyticsBody[data-loaded="true"]', { timeout: 30000 });
  }
  const a = await env.stack.api(`/nodes/${node}/analytics?days=365`);
  assert.ok(await v.page.locator('#naActivity, #nodeAnalyticsBody .empty').count() > 0);
  assert.equal(await v.page.locator('.na-heatmap .hm-cell').count(), 7 * 24);
  assert.equal(await v.page.locator('.na-heatmap .hm-cell:not(.zero)').count(), a.uptimeHeatmap.filter((c) => c.count > 0).length);
  const obs = (await env.stack.api('/observers')).observers.map((o) => o.id);
  await v.page.goto(`${env.stack.base}/#/compare?a=${encodeURIComponent(obs[0])}&b=${encodeURIComponent(obs[1])}&window=all`);
  await v.page.waitForSelector('#compareDetail[data-loaded="true"]', { timeout: 30000 });
  const pa = new Set((await env.stack.api(`/packets?observer=${encodeURIComponent(obs[0])}&limit=10000`)).packets.map((p) => p.hash));
  const pb = new Set((await env.stack.api(`/packets?observer=${encodeURIComponent(obs[1])}&limit=10000`)).packets.map((p) => p.hash));
  const both = [...pa].filter((x) => pb.has(x)).length;
  assert.match(await v.page.textContent('[data-count="both"]'), new RegExp(`^${both} `));
  assert.match(await v.page.textContent('[data-count="a"]'), new RegExp(`^${pa.size - both} `));
  await v.page.click('[data-cview="a"]');
  // The click re-renders the page: wait for the new view (its tab selected, its table or empty text),
  // not the summary panel still on screen.
  await v.page.waitForSelector('#compareDetail[data-loaded="true"] [data-cview="a"][aria-selected="true"]');
  await v.page.waitForSelector('#compareDetail [role=tabpanel] table, #compareDetail [role=tabpanel] .empty');
  assert.equal(await v.page.locator('#compareDetail tbody tr').count(), Math.min(500, pa.size - both));
  await finish(v);
});

test('TestAnalytics_EmptyDatabase', { timeout: 300000 }, async () => {
  const v = await newPage(env.browser, empty.stack.base);
  for (const tab of TABS) await openTab(v, empty.stack.base, tab);
  await v.page.goto(`${empty.stack.base}/#/compare?a=x&b=y&window=all`);
  await v.page.waitForSelector('#compareDetail[data-loaded="true"]', { timeout: 30000 });
  await v.page.goto(`${empty.stack.base}/#/nodes/${'ab'.repeat(32)}/analytics`);
  await v.page.waitForSelector('#nodeAnalyticsBody[data-loaded="error"]', { timeout: 30000 });
  assert.match(await v.page.textContent('#nodeAnalyticsBody'), /not found/i);
  await finish(v);
});

test('TestAnalytics_Screenshots', { timeout: 600000 }, async () => {
  const node = (await env.stack.api('/nodes?limit=1&sortBy=packetCount')).nodes[0].public_key;
  const obs = (await env.stack.api('/observers')).observers.map((o) => o.id);
  for (const theme of ['light', 'dark']) {
    for (const [width, height] of [[1280, 800], [375, 812]]) {
      const v = await newPage(env.browser, env.stack.base, { width, height, theme });
      const size = `${width}x${height}-${theme}`;
      for (const tab of TABS) {
        await openTab(v, env.stack.base, tab);
        await v.page.waitForTimeout(tab === 'neighbor-graph' ? 2500 : 500);
        await v.page.screenshot({ path: join(SHOTS, `analytics-${tab}-${size}.png`), fullPage: tab !== 'neighbor-graph' && width > 400 });
      }
      await v.page.goto(`${env.stack.base}/#/nodes/${node}/analytics?days=365`);
      await v.page.waitForSelector('#nodeAnalyticsBody[data-loaded="true"]');
      await v.page.waitForTimeout(600);
      await v.page.screenshot({ path: join(SHOTS, `node-analytics-${size}.png`), fullPage: width > 400 });
      await v.page.goto(`${env.stack.base}/#/compare?a=${encodeURIComponent(obs[0])}&b=${encodeURIComponent(obs[1])}&window=all`);
      await v.page.waitForSelector('#compareDetail[data-loaded="true"]');
      await v.page.screenshot({ path: join(SHOTS, `compare-${size}.png`) });
      await finish(v);
    }
  }
  const v = await newPage(env.browser, empty.stack.base);
  for (const tab of ['overview', 'collisions', 'neighbor-graph']) {
    await openTab(v, empty.stack.base, tab);
    await v.page.screenshot({ path: join(SHOTS, `analytics-empty-${tab}-1280x800-light.png`) });
  }
  await finish(v);
});
