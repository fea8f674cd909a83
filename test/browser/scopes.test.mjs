// Browser tests for region scopes in the UI (issue #20 items 1 and 4): the packets' Scope column and
// badges (table, detail, channel messages, trace, Live feed) and the Scope Audit page (#/scopes), on a
// real stack started from a database the simulator (cmd/meshsim) wrote: scoped regions, /neighbors
// reports and misconfigured repeaters. Expected values come from the API and SQL on that database.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { join } from 'node:path';
import { readFile } from 'node:fs/promises';
import { open, newPage, useStack, finish, startStack, launch, ROOT, HOSTILE, SHOTS } from './stack.mjs';
import { axeScan } from './axe.mjs';
import { screenshots } from './pagekit.mjs';

const run = promisify(execFile);
const managed = !process.env.BASE_URL;

// simDB builds the simulator and writes a scoped mesh (11 h ending now) into dir.
async function simDB(dir) {
  const bin = join(dir, 'meshsim');
  await run('go', ['build', '-o', bin, './cmd/meshsim'], { cwd: ROOT, maxBuffer: 1 << 24 });
  const db = join(dir, 'sim.db');
  await run(bin, ['-db', db, '-count', '6000', '-span', '11h'], { cwd: ROOT, maxBuffer: 1 << 24 });
  return db;
}

const env = useStack({
  source: simDB,
  // A hostile name on a repeater the audit lists: it must reach the page (and the CSV) as text only.
  plant: ({ sql }) => sql(`UPDATE nodes SET name='${HOSTILE}' WHERE public_key = (SELECT public_key FROM nodes WHERE role='repeater' ORDER BY public_key LIMIT 1)`),
});

const AUDIT = '.scopes-page[data-loaded="true"]';
const PACKETS = '.packets-page[data-loaded="true"]';
const visit = (hash, opts = {}) => open(env.browser, env.stack.base, hash, opts);
const auditKeys = (page) => page.$$eval('#scopeAuditBody tr', (trs) => trs.map((tr) => tr.dataset.key));
const waitAudit = async (page) => {
  await page.waitForSelector(AUDIT);
  await page.waitForFunction(() => document.querySelector('.scopes-page').dataset.loaded === 'true');
};
// waitRows waits until the table shows exactly the API's rows for a query, in its order.
async function waitRows(page, query) {
  const want = (await env.stack.api(`/scopes/audit${query}`)).rows.map((r) => r.public_key);
  await page.waitForFunction((w) => {
    const got = [...document.querySelectorAll('#scopeAuditBody tr')].map((tr) => tr.dataset.key);
    return document.querySelector('.scopes-page').dataset.loaded === 'true' && got.length === w.length && got.every((k, i) => k === w[i]);
  }, want, { timeout: 15000 });
  return want;
}

test('TestScopes_PacketColumnToggleAndBadges', { skip: managed ? false : 'needs the managed stack' }, async () => {
  const named = await env.stack.sql(`SELECT count(*) FROM transmissions WHERE scope_name LIKE '#%'`);
  assert.ok(Number(named) > 10, `the simulated mesh has scoped packets (${named})`);
  const v = await visit('#/packets?timeWindow=0', { waitFor: PACKETS });
  const { page } = v;
  await page.waitForSelector('#pktTable [data-col="scope"]');
  // Every rendered row's badge matches the API's scope_name for that hash (SQL-backed: see cmd/meshsim tests).
  await page.waitForSelector('#pktBody .scope-badge');
  const shown = await page.$$eval('#pktBody tr.vt-row', (trs) => trs.map((tr) => {
    const b = tr.querySelector('.scope-badge');
    const hash = tr.querySelector('[data-col="hash"]')?.textContent || '';
    return { hash, label: b ? b.textContent : null, kind: b ? [...b.classList].find((c) => c.startsWith('scope-') && c !== 'scope-badge') : null };
  }));
  const sql = await env.stack.sql(`SELECT substr(hash, 1, 8) || '|' || coalesce(scope_name, 'NULL') || '|' || coalesce(route_type, '') FROM transmissions`);
  const want = new Map(sql.split('\n').map((l) => { const [h, s, r] = l.split('|'); return [h, { s, r }]; }));
  let named2 = 0;
  for (const row of shown) {
    const w = want.get(row.hash.slice(0, 8).toLowerCase());
    assert.ok(w, `row ${row.hash} is in the database`);
    if (w.s === 'NULL') assert.equal(row.label, 'unscoped', `${row.hash}: unscoped traffic is labelled`);
    else if (w.s === '') assert.match(row.label, /^scoped/, `${row.hash}: unlisted region`);
    else { assert.equal(row.label, w.s, `${row.hash}: region name`); named2++; }
  }
  assert.ok(shown.length > 5 && named2 > 0, `rows rendered (${shown.length}), ${named2} with a named region`);
  // Hide the column through the Columns menu: the preference is kept like the other columns.
  await page.click('#fColumns summary');
  await page.uncheck('#fColumns input[data-col="scope"]');
  await page.waitForSelector('#pktTable th[data-col="scope"]', { state: 'hidden' }).catch(() => {});
  const visible = () => page.$$eval('#pktTable [data-col="scope"]', (els) => els.filter((e) => e.offsetParent !== null).length);
  assert.equal(await visible(), 0, 'scope column hidden');
  await page.reload();
  await page.waitForSelector(PACKETS);
  await page.waitForSelector('#pktBody tr.vt-row');
  assert.equal(await visible(), 0, 'hidden after a reload (kept in the column preferences)');
  assert.ok(JSON.parse(await page.evaluate(() => localStorage.getItem('corescope-packets-columns'))).includes('scope'));
  await page.click('#fColumns summary');
  await page.check('#fColumns input[data-col="scope"]');
  await page.waitForSelector('#pktBody .scope-badge');
  assert.ok(await visible() > 0, 'shown again');
  await finish(v);
});

test('TestScopes_DetailChannelTraceBadges', { skip: managed ? false : 'needs the managed stack' }, async () => {
  const hash = await env.stack.sql(`SELECT hash FROM transmissions WHERE scope_name LIKE '#%' ORDER BY first_seen DESC LIMIT 1`);
  const scope = await env.stack.sql(`SELECT scope_name FROM transmissions WHERE hash = '${hash}'`);
  let v = await visit(`#/packet/${hash}`, { waitFor: '.packet-detail' });
  assert.equal(await v.page.textContent('.packet-detail dl .scope-badge'), scope, 'packet detail names the scope');
  await finish(v);

  v = await visit(`#/tools/trace/${hash}`, { waitFor: '.trace-page[data-loaded="true"]' });
  assert.equal(await v.page.textContent('.trace-links .scope-badge'), scope, 'trace page names the scope');
  await finish(v);

  const channel = await env.stack.sql(`SELECT channel_hash FROM transmissions WHERE payload_type = 5 AND scope_name LIKE '#%'
    GROUP BY channel_hash ORDER BY count(*) DESC LIMIT 1`);
  const api = await env.stack.api(`/channels/${encodeURIComponent(channel)}/messages?limit=100`);
  v = await visit(`#/channels/${encodeURIComponent(channel)}`);
  await v.page.waitForSelector('.ch-msg .scope-badge');
  await v.page.waitForFunction((n) => document.querySelectorAll('.ch-msg').length >= n, api.messages.length);
  const badges = await v.page.$$eval('.ch-msg', (lis) => lis.map((li) => [li.dataset.hash, li.querySelector('.ch-head .scope-badge')?.textContent ?? null]));
  const byHash = new Map(api.messages.map((m) => [m.packetHash, m.scope_name === null ? 'unscoped' : m.scope_name]));
  let scopedMsgs = 0;
  for (const [h, label] of badges) {
    if (!byHash.has(h)) continue;
    const want = byHash.get(h);
    if (want === '') assert.match(label, /^scoped/); else assert.equal(label, want, `message ${h}`);
    if (want !== 'unscoped') scopedMsgs++;
  }
  assert.ok(scopedMsgs > 0, 'some channel message carries a region badge');
  await finish(v);
});

test('TestScopes_LiveFeedBadge', { skip: managed ? false : 'needs the managed stack' }, async () => {
  // A transport flood published the way an observer does reaches the Live feed with its scope badge.
  const raw = await env.stack.sql(`SELECT raw_hex FROM transmissions WHERE route_type = 0 AND scope_name LIKE '#%' AND payload_type IN (1, 2, 5) LIMIT 1`);
  const hex = raw.slice(0, -2) + ((parseInt(raw.slice(-2), 16) + 7) % 256).toString(16).padStart(2, '0').toUpperCase();
  const v = await visit('#/live');
  await v.page.waitForSelector('#livePage[data-loaded="true"]', { timeout: 30000 });
  await v.page.waitForSelector('.live-beacon[data-state="open"]', { timeout: 15000 });
  await env.stack.publish(hex, { observer: 'SCOPEOBS1', iata: 'SJC' });
  const item = await v.page.waitForSelector('#liveFeed li.feed-item .scope-badge', { timeout: 20000 });
  const hash = await item.evaluate((b) => b.closest('li').dataset.hash);
  const pkt = (await env.stack.api(`/packets/${hash}`)).packet;
  assert.equal(pkt.route_type, 0);
  const label = await item.textContent();
  if (pkt.scope_name) assert.equal(label, pkt.scope_name); else assert.match(label, pkt.scope_name === '' ? /^scoped [0-9A-F]{4}$/ : /^unscoped$/);
  await finish(v);
});

test('TestScopes_AuditPageSortFilterDeepLinkCSV', { skip: managed ? false : 'needs the managed stack' }, async () => {
  const all = await env.stack.api('/scopes/audit');
  assert.ok(all.counts.mismatch >= 1 && all.total > 5, `the simulated mesh has misconfigured repeaters (${JSON.stringify(all.counts)})`);
  const repeaters = Number(await env.stack.sql(`SELECT count(*) FROM nodes WHERE role = 'repeater'`));
  assert.ok(all.total >= repeaters, `every repeater is audited (${all.total} rows, ${repeaters} repeaters in SQL)`);

  // Reached from the nav.
  const v = await newPage(env.browser, env.stack.base, { bypassCSP: true });
  const { page } = v;
  await page.goto(`${env.stack.base}/#/home`);
  await page.click('#navLinks a[data-nav="scopes"]', { force: true }).catch(() => page.goto(`${env.stack.base}/#/scopes`));
  await waitAudit(page);
  await waitRows(page, '');
  assert.equal(await page.locator('#scopeAuditBody tr.scope-row-mismatch').count(), all.counts.mismatch, 'mismatch rows highlighted');
  assert.ok(await page.locator('#scopeAuditBody .scope-findings li.finding-bad').count() >= all.counts.mismatch);
  assert.ok(await page.locator(`#scopeAuditBody a:text-is("${HOSTILE}")`).count() >= 1, 'hostile name shown as text');
  assert.equal(await page.locator('#scopeAuditBody img').count(), 0, 'no element injected by a node name');

  // Sort: the Unscoped header asks the server for sort=unscoped&order=desc; the URL keeps it.
  await page.click('#scopeAuditTable th[data-col="unscoped"] button');
  await page.waitForFunction(() => location.hash.includes('sort=unscoped') && location.hash.includes('order=desc'));
  const sorted = await waitRows(page, '?sort=unscoped&order=desc');
  const counts = await page.$$eval('#scopeAuditBody td[data-col="unscoped"]', (tds) => tds.map((t) => Number(t.textContent.replace(/,/g, ''))));
  assert.deepEqual(counts, [...counts].sort((a, b) => b - a), 'descending unscoped counts');
  assert.equal(sorted.length, all.total);
  await page.click('#scopeAuditTable th[data-col="unscoped"] button');
  await page.waitForFunction(() => location.hash.includes('sort=unscoped') && !location.hash.includes('order=desc'));
  await waitRows(page, '?sort=unscoped');

  // Filter: state=mismatch shows exactly the mismatch rows.
  await page.selectOption('#scopeState', 'mismatch');
  await page.waitForFunction(() => location.hash.includes('state=mismatch'));
  const mm = await waitRows(page, '?sort=unscoped&state=mismatch');
  assert.equal(mm.length, all.counts.mismatch);
  const scope = all.scopes[0];
  await page.selectOption('#scopeState', '');
  await page.selectOption('#scopeName', scope);
  await page.waitForFunction((s) => location.hash.includes(`scope=${encodeURIComponent(s)}`), scope);
  const q = `?sort=unscoped&scope=${encodeURIComponent(scope)}`;
  const byScope = await waitRows(page, q);
  assert.ok(byScope.length > 0 && byScope.length < all.total, `scope ${scope} narrows the list (${byScope.length} of ${all.total})`);

  // Deep link: a fresh tab on the same URL shows the same rows and restores the controls.
  const url = page.url();
  const v2 = await newPage(env.browser, env.stack.base);
  await v2.page.goto(url);
  await waitAudit(v2.page);
  assert.deepEqual(await auditKeys(v2.page), byScope, 'deep link restores filter and sort');
  assert.equal(await v2.page.inputValue('#scopeName'), scope);
  await finish(v2);

  // CSV: the download holds the same rows in the same order as the JSON API for this query.
  const [dl] = await Promise.all([page.waitForEvent('download'), page.click('#scopeCsv')]);
  const text = await readFile(await dl.path(), 'utf8');
  const lines = text.trim().split('\n');
  assert.match(lines[0], /^public_key,name,role,scope_config_state,declared_regions,configured_scopes/);
  const json = (await env.stack.api(`/scopes/audit${q}`)).rows;
  assert.equal(lines.length - 1, json.length);
  json.forEach((r, i) => {
    const cells = lines[i + 1].split(',');
    assert.equal(cells[0], r.public_key, `csv row ${i} key`);
    assert.ok(lines[i + 1].includes(`,${r.scope_config_state},`), `csv row ${i} state`);
  });
  assert.equal(dl.suggestedFilename(), 'scope-audit.csv');

  assert.deepEqual(await axeScan(page), [], 'axe: no serious or critical violations on #/scopes');
  await page.selectOption('#scopeName', '');
  await page.goto(`${env.stack.base}/#/packets?timeWindow=0`);
  await page.waitForSelector('#pktBody .scope-badge');
  assert.deepEqual(await axeScan(page), [], 'axe: no serious or critical violations with the scope column');
  await finish(v);
});

test('TestScopes_Screenshots', { timeout: 300000 }, async () => {
  const hash = await env.stack.sql(`SELECT hash FROM transmissions WHERE scope_name LIKE '#%' ORDER BY first_seen DESC LIMIT 1`);
  const channel = await env.stack.sql(`SELECT channel_hash FROM transmissions WHERE payload_type = 5 AND scope_name LIKE '#%' GROUP BY channel_hash ORDER BY count(*) DESC LIMIT 1`);
  await screenshots(env.browser, env.stack, [
    ['#/scopes', 'p20-scopes', AUDIT],
    ['#/scopes?state=mismatch', 'p20-scopes-mismatch', AUDIT],
    ['#/packets?timeWindow=0', 'p20-packets-scope', '#pktBody tr.vt-row'],
    [`#/packet/${hash}`, 'p20-packet-scope', '.packet-detail'],
    [`#/channels/${encodeURIComponent(channel)}`, 'p20-channel-scope', '.ch-msg .scope-badge'],
    ['#/live', 'p20-live-scope', '#livePage[data-loaded="true"]'],
  ]);
});

// The fixture carries no scope data: the page says how to get it instead of showing a wall of "unknown".
test('TestScopes_AuditEmptyStateExplainsHowToGetScopeData', { skip: managed ? false : 'needs the managed stack', timeout: 600000 }, async () => {
  const stack = await startStack();
  const browser = await launch();
  try {
    const api = await (await fetch(`${stack.base}/api/scopes/audit`)).json();
    assert.equal(api.counts.unknown, api.total, 'fixture: no configured scopes');
    const v = await open(browser, stack.base, '#/scopes', { waitFor: AUDIT, bypassCSP: true });
    const howto = await v.page.textContent('#scopeHowto');
    assert.match(howto, /neighbors/);
    assert.match(howto, /docs\/scopes\.md/);
    assert.deepEqual(await axeScan(v.page), [], 'axe on the empty state');
    await v.page.screenshot({ path: join(SHOTS, 'p20-scopes-nodata-1280x800-light.png') });
    await finish(v);
  } finally {
    await browser.close();
    await stack.stop();
  }
});
