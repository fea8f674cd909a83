// Browser tests for the Node Reach page (#/nodes/<pk>/reach) and the RX Coverage page (#/rx-coverage)
// on the real stack fed by the simulator (its mobile clients' receptions through the real ingest path):
// the pages' numbers equal the API's, deep links survive a reload, the pages fit 375 px, axe passes,
// attacker strings stay text, and the four screenshots are taken.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { useStack, visit, done, numText, screenshots } from './pagekit.mjs';
import { ROOT, HOSTILE, newPage } from './stack.mjs';
import { axeScan } from './axe.mjs';

const run = promisify(execFile);
// The simulator writes the database the stack copies (top-level await: before any hook runs): six
// hours of traffic with three roaming phones reporting every ten simulated minutes.
const simDir = await mkdtemp(join(tmpdir(), 'corescope-reach-'));
const SIM = join(simDir, 'sim.db');
await run('go', ['run', './cmd/meshsim', '-db', SIM, '-count', '4000', '-span', '6h', '-client-rx-every', '10m', '-seed', '5'], { cwd: ROOT, maxBuffer: 1 << 24 });
after(async () => { await rm(simDir, { recursive: true, force: true }); });

const env = useStack({ source: SIM, config: { clientRxCoverage: { enabled: true } },
  plant: async ({ sql }) => { await sql(`UPDATE client_observers SET name='${HOSTILE}' WHERE pubkey = (SELECT MIN(pubkey) FROM client_observers)`); } });

const fmtSnr = (v) => (v === null || v === undefined ? '—' : `${v.toFixed(1)} dB`);

/** pickNode finds the node with the most reach links among those mobile clients heard. */
async function pickNode() {
  const fc = await env.stack.api('/rx-coverage?days=1&z=10');
  const heard = new Set(fc.features.flatMap((f) => f.properties.nodes.map((n) => n.pubkey).filter(Boolean)));
  let best = null;
  for (const pk of heard) {
    const r = await env.stack.api(`/nodes/${pk}/reach?days=7`);
    if (!best || r.links.length > best.r.links.length) best = { pk, r };
  }
  assert.ok(best && best.r.links.length > 0, 'a node heard by mobile clients has reach links');
  return best;
}

test('TestReachPage_NumbersMatchAPI_OverlayDeepLinkAndPhoneWidth', { timeout: 240000 }, async () => {
  const { pk, r } = await pickNode();
  const v = await visit(env.browser, env.stack, `#/nodes/${pk}`, { waitFor: '[data-action="reach"]' });
  const { page } = v;
  await page.click('[data-action="reach"]');
  await page.waitForSelector('.reach-page[data-loaded="true"]');
  assert.ok(page.url().endsWith(`#/nodes/${pk}/reach`), `linked from node detail: ${page.url()}`);
  assert.equal(await numText(page, '[data-stat="links"] .stat-value'), String(r.links.length));
  assert.equal(await numText(page, '[data-stat="bidir"] .stat-value'), String(r.importance.bidirectional_links));
  assert.equal(await numText(page, '[data-stat="direct"] .stat-value'), String(r.importance.direct_observers));
  const rows = await page.$$eval('.reach-page tr[data-key]', (trs) => trs.map((tr) => ({ key: tr.dataset.key, cells: [...tr.cells].map((c) => c.textContent.trim()) })));
  const linkRows = rows.slice(0, r.links.length);
  assert.equal(linkRows.length, r.links.length);
  r.links.forEach((l, i) => {
    const row = linkRows[i];
    assert.equal(row.key, l.pubkey);
    assert.equal(row.cells[2].replace(/,/g, ''), String(l.they_hear), `${l.pubkey} hears us`);
    assert.equal(row.cells[3], fmtSnr(l.they_hear_snr), `${l.pubkey} SNR there`);
    assert.equal(row.cells[4].replace(/,/g, ''), String(l.we_hear), `${l.pubkey} we hear`);
    assert.equal(row.cells[5], fmtSnr(l.we_hear_snr), `${l.pubkey} SNR here`);
    assert.equal(row.cells[8], l.bidir ? 'yes' : 'no');
  });
  assert.equal(rows.length - r.links.length, r.direct_observers.length, 'observer table rows');
  const pos = (x) => Number.isFinite(x.lat) && Number.isFinite(x.lon) && !(x.lat === 0 && x.lon === 0);
  await page.waitForSelector('#reachMap[data-markers]');
  assert.equal(Number(await page.getAttribute('#reachMap', 'data-markers')), r.links.filter(pos).length + (pos(r.node) ? 1 : 0));

  // Coverage overlay: the note's count equals the API's, the URL keeps it, a reload restores it.
  const cov = await env.stack.api(`/nodes/${pk}/rx-coverage?days=7`);
  await page.check('#reachCoverage');
  await page.waitForSelector('#reachCoverageNote[data-receptions]');
  assert.equal(await page.getAttribute('#reachCoverageNote', 'data-receptions'), String(cov.mobile_receptions));
  assert.ok(cov.mobile_receptions > 0, 'the simulator heard this node from a phone');
  assert.match(page.url(), /coverage=1/);
  await page.reload();
  await page.waitForSelector('#reachCoverageNote[data-receptions]');
  assert.ok(await page.isChecked('#reachCoverage'));
  assert.ok(await page.$$eval('#reachMap path.leaflet-interactive', (p) => p.length) >= cov.features.length, 'hexes drawn');
  await done(v);

  // 375 px: nothing wider than the screen; axe passes.
  const phone = await visit(env.browser, env.stack, `#/nodes/${pk}/reach?coverage=1`, { width: 375, height: 812, bypassCSP: true, waitFor: '.reach-page[data-loaded="true"]' });
  assert.ok(await phone.page.evaluate(() => document.documentElement.scrollWidth <= 375), 'fits 375 px');
  assert.deepEqual(await axeScan(phone.page), []);
  await done(phone);

  // Bad input and an unknown node say so.
  const bad = await visit(env.browser, env.stack, '#/nodes/zz/reach', { waitFor: '#reachError' });
  assert.match(await bad.page.textContent('#reachError'), /invalid pubkey/);
  await bad.page.goto(`${env.stack.base}/#/nodes/${'ab'.repeat(32)}/reach`);
  await bad.page.waitForFunction(() => document.querySelector('#reachError')?.textContent.includes('Node not found'));
  await done(bad);

  // The planted hostile node name stays text.
  const h = await visit(env.browser, env.stack, `#/nodes/${env.stack.victim}/reach`, { waitFor: '.reach-page[data-loaded="true"]' });
  assert.ok((await h.page.textContent('h1')).includes(HOSTILE));
  await done(h);
  await screenshots(env.browser, env.stack, [[`#/nodes/${pk}/reach?coverage=1`, 'node-reach', '#reachCoverageNote[data-receptions]']]);
});

test('TestRxCoveragePage_NumbersMatchAPI_FilterDeepLinkAndPhoneWidth', { timeout: 240000 }, async () => {
  const lb = await env.stack.api('/rx-leaderboard?days=7&limit=100');
  assert.ok(lb.observers.length >= 2, 'several simulated receivers');
  const v = await visit(env.browser, env.stack, '#/home');
  const { page } = v;
  await page.waitForSelector('[data-nav-more="rx-coverage"]', { state: 'attached' });
  assert.equal(await page.getAttribute('[data-nav-more="rx-coverage"]', 'href'), '#/rx-coverage', 'Coverage in the nav when enabled');
  await page.goto(`${env.stack.base}/#/rx-coverage`);
  await page.waitForSelector('.rxcov-page[data-loaded="true"]');
  assert.equal(await numText(page, '[data-stat="receivers"] .stat-value'), String(lb.observers.length));
  assert.equal(await numText(page, '[data-stat="receptions"] .stat-value'), String(lb.observers.reduce((s, o) => s + o.receptions, 0)));
  const rows = await page.$$eval('#rxBoard tr[data-key]', (trs) => trs.map((tr) => ({ key: tr.dataset.key, cells: [...tr.cells].map((c) => c.textContent.trim()) })));
  assert.deepEqual(rows.map((r) => r.key), lb.observers.map((o) => o.pubkey));
  lb.observers.forEach((o, i) => {
    assert.equal(rows[i].cells[1], o.name || `${o.pubkey.slice(0, 8)}…`);
    assert.equal(rows[i].cells[2].replace(/,/g, ''), String(o.receptions));
    assert.equal(rows[i].cells[3], String(o.nodes));
    assert.equal(rows[i].cells[5], o.score.toFixed(2));
  });
  assert.ok(rows.some((r) => r.cells[1] === HOSTILE), 'hostile receiver name shown as text');
  const mapMatches = async () => {
    await page.waitForSelector('#rxMap[data-query]');
    const q = await page.getAttribute('#rxMap', 'data-query');
    const fc = await env.stack.api(`/rx-coverage?${q}`);
    assert.equal(await page.getAttribute('#rxMap', 'data-cells'), String(fc.features.length), `cells for ${q}`);
    assert.equal(await page.getAttribute('#rxMap', 'data-receptions'), String(fc.features.reduce((s, f) => s + f.properties.count, 0)));
    return q;
  };
  await mapMatches();
  // Filter to one receiver: the URL carries it, the map asks for it, a reload keeps it.
  const one = lb.observers[1];
  await page.click(`#rxBoard tr[data-key="${one.pubkey}"] a`);
  await page.waitForSelector('#rxShowAll');
  assert.match(page.url(), new RegExp(`rx=${one.pubkey}`));
  await page.waitForFunction((k) => (document.querySelector('#rxMap')?.dataset.query || '').includes(k), one.pubkey);
  const q = await mapMatches();
  assert.match(q, new RegExp(`rx=${one.pubkey}`));
  await page.reload();
  await page.waitForSelector('#rxShowAll');
  await mapMatches();
  await done(v);

  const phone = await visit(env.browser, env.stack, '#/rx-coverage', { width: 375, height: 812, bypassCSP: true, waitFor: '#rxMap[data-query]' });
  assert.ok(await phone.page.evaluate(() => document.documentElement.scrollWidth <= 375), 'fits 375 px');
  assert.deepEqual(await axeScan(phone.page), []);
  await done(phone);
  const wide = await visit(env.browser, env.stack, '#/rx-coverage', { theme: 'dark', bypassCSP: true, waitFor: '#rxMap[data-query]' });
  assert.deepEqual(await axeScan(wide.page), []);
  await done(wide);
  await screenshots(env.browser, env.stack, [['#/rx-coverage', 'rx-coverage', '#rxMap[data-query]']]);
});

test('TestReachRx_NoCSPViolationsWithCoverageDrawn', { timeout: 120000 }, async () => {
  const { pk } = await pickNode();
  const v = await newPage(env.browser, env.stack.base);
  await v.context.addInitScript(() => {
    window.__csp = [];
    document.addEventListener('securitypolicyviolation', (e) => window.__csp.push(`${e.effectiveDirective} ${e.blockedURI || '(inline)'}`));
  });
  for (const [hash, ready] of [[`#/nodes/${pk}/reach?coverage=1`, '#reachCoverageNote[data-receptions]'], ['#/rx-coverage', '#rxMap[data-query]']]) {
    await v.page.goto(`${env.stack.base}/${hash}`);
    await v.page.waitForSelector(ready);
    // Open a hex tooltip (names of heard nodes) as a user hovering the map would.
    const hex = await v.page.$('.leaflet-overlay-pane path.leaflet-interactive');
    if (hex) await hex.hover({ force: true });
    assert.deepEqual(await v.page.evaluate(() => window.__csp), [], `no CSP violation on ${hash}`);
  }
  await done(v);
});
