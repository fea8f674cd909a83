// Browser tests for node scores (#19 item 1: grade column, tooltip, detail breakdown, map popup) and the
// Nodes / My Repeaters / Prefix Tool analytics tabs (#19 item 7), on the fixture shifted to now so relays,
// 7-day facts and graph weights are live. Numbers on screen are compared with the API's; deep links,
// 375 px layout and an axe scan are checked; screenshots land in test-output/screenshots/scores-*.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { newPage, SHOTS, useStack, finish, HOSTILE } from './stack.mjs';
import { shiftToNow } from './livestack.mjs';
import { axeScan } from './axe.mjs';

const env = useStack({ plant: async ({ db }) => { await shiftToNow(db, 120); } });
const TABS = ['nodes', 'my-repeaters', 'prefix-tool'];
const relay = (n) => n.role === 'repeater' || n.role === 'room';
const digits = (s) => String(s).replace(/[^\d]/g, '');

async function openTab(v, tab, extra = '') {
  await v.page.goto(`${env.stack.base}/#/analytics?tab=${tab}${extra}`);
  await v.page.waitForSelector(`#analyticsContent[data-tab="${tab}"][data-loaded="true"], #analyticsContent[data-tab="${tab}"][data-loaded="error"]`, { timeout: 30000 });
  assert.equal(await v.page.getAttribute('#analyticsContent', 'data-loaded'), 'true', `${tab}: ${(await v.page.textContent('#analyticsContent')).slice(0, 200)}`);
}

/** allNodes returns /api/nodes once the server has graded its relays: grades are withheld until the
 * neighbour graph's first build, and a node list built before it is served for up to 30 s. */
async function allNodes() {
  const deadline = Date.now() + 120000;
  for (;;) {
    const nodes = (await env.stack.api('/nodes?limit=2000')).nodes;
    if (nodes.some((n) => n.usefulness_grade) || Date.now() > deadline) return nodes;
    await new Promise((r) => setTimeout(r, 1000));
  }
}

test('TestNodeScores_GradeColumnTooltipAndDetail', { timeout: 180000 }, async () => {
  const nodes = await allNodes();
  const graded = nodes.filter((n) => n.usefulness_grade).sort((a, b) => b.usefulness_score - a.usefulness_score);
  assert.ok(graded.length > 20 && graded.every(relay), 'repeaters and rooms are graded, nothing else');
  assert.ok(new Set(graded.map((n) => n.usefulness_grade)).size >= 3, 'grades spread over several bands');
  const v = await newPage(env.browser, env.stack.base);
  const { page } = v;
  // Deep link sorted by grade, best first: the top row is the API's best composite.
  await page.goto(`${env.stack.base}/#/nodes?tab=repeater&sort=grade`);
  await page.waitForSelector('.nodes-page[data-loaded="true"]');
  assert.equal(await page.getAttribute('#nodesTable th[data-col="grade"]', 'aria-sort'), 'descending');
  const first = page.locator('#nodesBody tr').first();
  const best = graded.filter((n) => n.role === 'repeater')[0];
  const topKey = await first.getAttribute('data-key');
  const top = nodes.find((n) => n.public_key === topKey);
  assert.equal(top.usefulness_score, best.usefulness_score, 'top row has the best score');
  const badge = first.locator('.grade-badge');
  assert.equal(await badge.textContent(), top.usefulness_grade);
  const tip = await badge.getAttribute('title');
  assert.match(tip, new RegExp(`^Grade ${top.usefulness_grade}: usefulness ${Math.round(top.usefulness_score * 100)} %`));
  assert.match(tip, new RegExp(`Bridge ${Math.round(top.bridge_score * 100)} %`));
  // Ascending puts the weakest graded repeater first; ungraded rows never lead.
  await page.click('#nodesTable th[data-col="grade"] button');
  await page.waitForFunction(() => location.hash.includes('sort=grade%3Aasc') || location.hash.includes('sort=grade:asc'));
  const worst = graded.filter((n) => n.role === 'repeater').at(-1);
  const ascKey = await page.locator('#nodesBody tr').first().getAttribute('data-key');
  assert.equal(nodes.find((n) => n.public_key === ascKey).usefulness_score, worst.usefulness_score, 'ascending starts with the lowest score');

  // Full node page: breakdown, multi-byte and flood adverts equal the detail API.
  const d = (await env.stack.api(`/nodes/${top.public_key}`)).node;
  await page.goto(`${env.stack.base}/#/nodes/${top.public_key}`);
  await page.waitForSelector('#nodeGrade');
  for (const k of ['bridge_score', 'coverage_score', 'redundancy_score', 'traffic_share_score']) {
    assert.equal(await page.textContent(`#nodeGrade [data-axis="${k}"]`), `${Math.round(d[k] * 100)} %`, k);
  }
  assert.equal(digits(await page.textContent('[data-stat="flood_advert_count_7d"]')), String(d.flood_advert_count_7d));
  assert.ok(d.flood_advert_count_7d >= 0 && d.relay_window_hours === 24);
  const mb = { confirmed: /^Confirmed/, suspected: /^Suspected/, unknown: /^Unknown/ }[d.multi_byte_status];
  assert.match(await page.textContent('[data-stat="multi_byte_status"]'), mb);
  await finish(v);
});

test('TestNodeScores_MapPopupShowsGrade', { timeout: 120000 }, async () => {
  const nodes = await allNodes();
  const n = nodes.filter((x) => x.usefulness_grade && typeof x.lat === 'number' && x.lat && x.name !== HOSTILE)[0];
  const v = await newPage(env.browser, env.stack.base);
  await v.page.goto(`${env.stack.base}/#/map?node=${n.public_key}`);
  await v.page.waitForSelector('.map-popup .mp-grade', { timeout: 30000 });
  assert.equal(await v.page.textContent('.map-popup .mp-grade .grade-badge'), n.usefulness_grade);
  assert.match(await v.page.textContent('.map-popup .mp-multibyte'), /^Multi-byte: (Confirmed|Suspected|Unknown)/);
  await finish(v);
});

test('TestAnalyticsNodes_LeaderboardsMatchAPI', { timeout: 180000 }, async () => {
  const [nodes, health, dist] = await Promise.all([allNodes(), env.stack.api('/nodes/bulk-health?limit=200'), env.stack.api('/analytics/distance')]);
  const v = await newPage(env.browser, env.stack.base);
  await openTab(v, 'nodes');
  const { page } = v;
  const relays = nodes.filter(relay);
  assert.equal(digits(await page.textContent('[data-stat="fleetRelays"] .stat-value')), String(relays.length));
  assert.equal(digits(await page.textContent('[data-stat="fleetRelaying"] .stat-value')), String(relays.filter((n) => n.relay_count_24h > 0).length));
  const cell = (board, col) => page.textContent(`#${board} tbody tr:first-child td:nth-child(${col})`);
  const maxRelay = Math.max(...relays.map((n) => n.relay_count_24h));
  assert.ok(maxRelay > 0, 'the shifted fixture has relays in the last 24 h');
  assert.equal(digits(await cell('lbRelays', 3)), String(maxRelay), 'most relays');
  const maxHeard = Math.max(...health.map((x) => x.stats.totalObservations));
  assert.equal(digits(await cell('lbHeard', 3)), String(maxHeard), 'most heard');
  // The fixture carries no SNR: the board says so (the demo test below sees real values).
  const snrs = health.filter((x) => x.stats.avgSnr !== null && x.stats.avgSnr !== undefined).map((x) => x.stats.avgSnr);
  if (snrs.length) assert.equal(await cell('lbSnr', 3), `${Math.max(...snrs).toFixed(1)} dB`, 'best SNR');
  else assert.match(await page.textContent('#lbSnr'), /No SNR measured yet/);
  const maxDist = Math.max(...dist.topHops.map((x) => x.dist));
  assert.equal(await cell('lbReach', 3), `${maxDist.toFixed(1)} km`, 'longest reach');
  const bestUse = Math.max(...relays.filter((n) => n.usefulness_grade).map((n) => n.usefulness_score));
  assert.equal(await cell('lbUseful', 4), `${Math.round(bestUse * 100)} %`, 'most useful');
  // Ranks are rows 1..n, each at most 10.
  for (const b of ['lbHeard', 'lbRelays', 'lbReach', 'lbUseful']) {
    const n = await page.locator(`#${b} tbody tr`).count();
    assert.ok(n > 0 && n <= 10, `${b} has 1–10 rows`);
  }
  await finish(v);
});

test('TestAnalyticsMyRepeaters_EmptyThenWatched', { timeout: 180000 }, async () => {
  const nodes = await allNodes();
  const reps = nodes.filter((n) => n.role === 'repeater' && n.relay_count_24h > 0 && n.name !== HOSTILE).slice(0, 2);
  const comp = nodes.find((n) => n.role === 'companion');
  const v = await newPage(env.browser, env.stack.base);
  const { page } = v;
  await openTab(v, 'my-repeaters');
  assert.match(await page.textContent('.mr-empty'), /No repeaters watched yet/);
  assert.equal(await page.getAttribute('.mr-empty a', 'href'), '#/nodes?tab=repeater');
  // One claimed repeater, one favourite repeater and one favourite companion.
  await page.evaluate(([mine, favs]) => {
    localStorage.setItem('meshcore-my-nodes', JSON.stringify([{ pubkey: mine, name: 'x', addedAt: new Date().toISOString() }]));
    localStorage.setItem('meshcore-favorites', JSON.stringify(favs));
  }, [reps[0].public_key, [reps[1].public_key, comp.public_key]]);
  await page.reload();
  await page.waitForSelector('#analyticsContent[data-tab="my-repeaters"][data-loaded="true"]');
  assert.equal(await page.locator('#mrCards .mr-card').count(), 2);
  assert.equal(digits(await page.textContent('[data-stat="mrWatched"] .stat-value')), '2');
  for (const r of reps) {
    const d = (await env.stack.api(`/nodes/${r.public_key}`)).node;
    const card = page.locator(`.mr-card[data-pubkey="${r.public_key}"]`);
    assert.equal(await card.locator('[data-stat="relays"]').textContent(), `${d.relay_count_1h} / ${d.relay_count_24h}`);
    assert.equal(await card.locator('.grade-badge').textContent(), d.usefulness_grade);
    assert.equal(await card.locator('[data-stat="relay_active"]').textContent(), d.relay_active ? 'yes' : 'no');
  }
  assert.equal(await page.locator('.mr-card').first().getAttribute('data-pubkey'), reps[0].public_key, 'claimed first');
  assert.match(await page.textContent('.mr-others'), /companion/);
  await finish(v);
});

test('TestAnalyticsPrefixTool_CountsCheckAndSuggest', { timeout: 180000 }, async () => {
  const nodes = await allNodes();
  const relays = nodes.filter(relay);
  const prefixes = (list, b) => new Set(list.map((n) => n.public_key.slice(0, 2 * b).toUpperCase()));
  const v = await newPage(env.browser, env.stack.base);
  const { page } = v;
  // Deep link with a relay's own 3-byte prefix: the 1-byte row counts every relay sharing that byte.
  const pk = relays[0].public_key.slice(0, 6).toUpperCase();
  await openTab(v, 'prefix-tool', `&prefix=${pk}`);
  assert.equal(await page.inputValue('#prefixInput'), pk);
  assert.equal(digits(await page.textContent('[data-stat="ptCounted"] .stat-value')), String(relays.length));
  for (const b of [1, 2, 3]) {
    const used = prefixes(relays, b).size;
    const count = new Map();
    for (const n of relays) count.set(n.public_key.slice(0, 2 * b).toUpperCase(), (count.get(n.public_key.slice(0, 2 * b).toUpperCase()) || 0) + 1);
    const shared = [...count.values()].filter((c) => c > 1).length;
    assert.equal(digits(await page.textContent(`[data-stat="ptUsed${b}"] .stat-value`)), String(used), `${b}-byte in use`);
    assert.equal((await page.textContent(`[data-stat="ptUsed${b}"] .stat-label`)).replace(/,/g, ''), `${b}-byte prefixes in use (of ${256 ** b}) · ${shared} shared`);
  }
  const share1 = relays.filter((n) => n.public_key.slice(0, 2).toUpperCase() === pk.slice(0, 2)).length;
  assert.equal(await page.textContent(`#prefixResult tr[data-key="${pk.slice(0, 2)}"] [data-status]`), `used by ${share1}`);
  assert.equal(await page.locator('#ptFree .pt-chip').count(), 256 - prefixes(relays, 1).size);
  // Suggest: a prefix no relay uses at 1, 2 or 3 bytes (checked against the API here), kept in the URL.
  await page.click('#prefixSuggest');
  const s = await page.inputValue('#prefixInput');
  assert.match(s, /^[0-9A-F]{6}$/);
  assert.equal(await page.locator('#prefixResult [data-status="free"]').count(), 3);
  if (prefixes(relays, 1).size < 256) assert.ok(!prefixes(relays, 1).has(s.slice(0, 2)), 'first byte is free');
  assert.ok(!prefixes(relays, 2).has(s.slice(0, 4)) && !prefixes(relays, 3).has(s.slice(0, 6)));
  await page.waitForFunction((x) => location.hash.includes(`prefix=${x}`), s);
  // Bad input gets a message, not a crash; "All nodes" counts every role.
  await page.fill('#prefixInput', 'xyz');
  assert.match(await page.textContent('#prefixResult'), /whole bytes of hex/);
  await page.selectOption('#prefixScope', 'all');
  await page.waitForFunction(() => location.hash.includes('scope=all'));
  await page.waitForSelector('#analyticsContent[data-tab="prefix-tool"][data-loaded="true"] #prefixScope');
  await page.waitForFunction((n) => document.querySelector('[data-stat="ptCounted"] .stat-value')?.textContent.replace(/\D/g, '') === String(n), nodes.length);
  await finish(v);
});

test('TestNodeScores_PhoneWidthAxeAndScreenshots', { timeout: 300000 }, async () => {
  const nodes = await allNodes();
  const reps = nodes.filter((n) => n.role === 'repeater' && n.relay_count_24h > 0 && n.name !== HOSTILE).slice(0, 3).map((n) => n.public_key);
  const routes = [['#/nodes?tab=repeater&sort=grade', 'nodes', '.nodes-page[data-loaded="true"]'],
    [`#/nodes/${reps[0]}`, 'node', '#nodeGrade'],
    ...TABS.map((t) => [`#/analytics?tab=${t}${t === 'prefix-tool' ? '&prefix=A1B2' : ''}`, `tab-${t}`, `#analyticsContent[data-tab="${t}"][data-loaded="true"]`])];
  for (const theme of ['light', 'dark']) {
    for (const [width, height] of [[1280, 800], [375, 812]]) {
      const v = await newPage(env.browser, env.stack.base, { width, height, theme, bypassCSP: true });
      await v.page.goto(`${env.stack.base}/#/home`);
      await v.page.evaluate((favs) => localStorage.setItem('meshcore-favorites', JSON.stringify(favs)), reps);
      for (const [hash, name, waitFor] of routes) {
        await v.page.goto(`${env.stack.base}/${hash}`);
        await v.page.waitForSelector(waitFor, { timeout: 30000 });
        await v.page.waitForLoadState('networkidle').catch(() => {});
        if (width === 375) {
          const over = await v.page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
          assert.ok(over <= 0, `${name} at 375 px: page scrolls sideways by ${over}px`);
        }
        if (theme === 'light' || width === 375) {
          const bad = await axeScan(v.page);
          assert.deepEqual(bad, [], `${name} ${theme} ${width}px axe`);
        }
        await v.page.screenshot({ path: join(SHOTS, `scores-${name}-${width}x${height}-${theme}.png`), fullPage: name !== 'nodes' });
      }
      await finish(v);
    }
  }
});
