// Browser tests for the packet trace page and the Tools landing (decoder, trace launcher).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { readFile } from 'node:fs/promises';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { open, mutateHex, useStack, finish, SHOTS, FIXTURE } from './stack.mjs';
import { VECTORS } from './livestack.mjs';

const env = useStack();
const managed = !process.env.BASE_URL;

const LOADED = '.trace-page[data-loaded="true"]';

const done = finish;

async function waitForHash(hex) {
  for (let i = 0; i < 80; i++) {
    const r = await env.stack.api('/packets?limit=20');
    const p = r.packets.find((x) => String(x.raw_hex).toUpperCase() === hex);
    if (p) return p.hash;
    await new Promise((res) => setTimeout(res, 250));
  }
  throw new Error(`published packet ${hex} never reached the API`);
}

test('TestTrace_MultiObserverSummaryGraphAndChart', { skip: managed ? false : 'needs the managed stack' }, async () => {
  // Not an advert: a changed byte would break its signature and the ingestor would drop it.
  const base = (await env.stack.api('/packets?limit=500')).packets.find((p) => [0, 1, 2, 5].includes(p.payload_type) && p.route_type === 1
    && p.raw_hex && (parseInt(p.raw_hex.slice(2, 4), 16) & 0x3f) > 1);
  const hex = mutateHex(base.raw_hex);
  await env.stack.publish(hex, { observer: 'TRACEOBS1', iata: 'SJC', snr: 9.25, rssi: -88 });
  const hash = await waitForHash(hex);
  await new Promise((r) => setTimeout(r, 1200));
  await env.stack.publish(hex, { observer: 'TRACEOBS2', iata: 'SFO', snr: -3.5, rssi: -112 });
  let traces;
  for (let i = 0; i < 80; i++) {
    traces = (await env.stack.api(`/traces/${hash}`)).traces;
    if (traces.length === 2) break;
    await new Promise((r) => setTimeout(r, 250));
  }
  assert.equal(traces.length, 2, 'both observations stored');
  const v = await open(env.browser, env.stack.base, `#/traces/${hash}`, { waitFor: LOADED });
  const { page } = v;
  assert.equal(await page.evaluate(() => location.hash), `#/tools/trace/${hash}`, 'legacy route rewritten');
  assert.equal(await page.textContent('[data-stat="observers"] .stat-value'), '2');
  assert.equal(await page.textContent('[data-stat="observations"] .stat-value'), '2');
  assert.equal(await page.textContent('[data-stat="type"] .stat-value'), { 0: 'REQ', 1: 'RESPONSE', 2: 'TXT_MSG', 5: 'GRP_TXT' }[base.payload_type]);
  const t = traces.map((x) => Date.parse(x.time));
  assert.equal(await page.textContent('[data-stat="spread"] .stat-value'), `${(Math.abs(t[1] - t[0]) / 1000).toFixed(1)} s`);
  assert.equal(await page.locator('.timeline-row').count(), 2);
  assert.ok((await page.textContent('.timeline')).includes('SNR 9.3 dB') || (await page.textContent('.timeline')).includes('SNR 9.2 dB'));
  const hops = (parseInt(hex.slice(2, 4), 16) & 0x3f);
  assert.equal(await page.locator('.path-graph .pg-observer').count(), 2, 'one graph node per observer');
  assert.equal(await page.locator('.path-graph .pg-hop').count(), hops, 'same path de-duplicated');
  assert.equal(await page.locator('.path-graph .pg-edge').count(), hops + 2, 'shared edges drawn once');
  await page.waitForFunction(() => window.Chart && window.Chart.getChart(document.getElementById('traceChart')));
  const values = (id) => page.evaluate((cid) => window.Chart.getChart(document.getElementById(cid)).data.datasets.flatMap((d) => d.data.map((p) => p.y)).sort((a, b) => a - b), id);
  await page.waitForFunction(() => window.Chart.getChart(document.getElementById('traceRssiChart')));
  assert.deepEqual(await values('traceChart'), traces.map((x) => x.snr).sort((a, b) => a - b), 'one SNR point per observation, as reported');
  assert.deepEqual(await values('traceRssiChart'), traces.map((x) => x.rssi).sort((a, b) => a - b), 'one RSSI point per observation');
  await page.waitForTimeout(600);
  await page.screenshot({ path: join(SHOTS, 'trace-multi-1280x800-light.png'), fullPage: true });
  await page.click('#themeToggle');
  await page.waitForFunction(() => window.Chart.getChart(document.getElementById('traceChart')));
  await page.setViewportSize({ width: 375, height: 812 });
  await page.reload();
  await page.waitForSelector(LOADED);
  await page.waitForFunction(() => window.Chart && window.Chart.getChart(document.getElementById('traceChart')));
  await page.waitForTimeout(600);
  await page.screenshot({ path: join(SHOTS, 'trace-multi-375x812-dark.png'), fullPage: true });
  await page.click('.trace-links a[href^="#/packets/"]');
  await page.waitForSelector('#pktRight[data-loaded="true"] .obs-table');
  await done(v);
});

test('TestTools_DecoderAndTraceLauncher', async () => {
  const p = (await env.stack.api('/packets?limit=50')).packets.find((x) => x.payload_type === 4);
  const v = await open(env.browser, env.stack.base, '#/tools', { waitFor: '#decodeInput' });
  const { page } = v;
  await page.fill('#decodeInput', p.raw_hex);
  await page.keyboard.press('Control+Enter');
  await page.waitForSelector('#decodeOutput .hex-dump');
  assert.equal(await page.locator('#decodeOutput .hex-byte').count(), p.raw_hex.length / 2);
  assert.match(await page.textContent('#decodeOutput h3'), /ADVERT/);
  await page.fill('#decodeInput', '01');
  await page.click('#decodeBtn');
  await page.waitForSelector('#decodeOutput .error-text');
  const traces = await env.stack.api(`/traces/${p.hash}`);
  await page.fill('#traceHashInput', p.hash);
  await page.press('#traceHashInput', 'Enter');
  await page.waitForSelector(LOADED);
  assert.equal(await page.locator('.timeline-row').count(), traces.traces.length);
  await page.fill('#traceHashInput', 'ffffffffffffffff');
  await page.click('#traceBtn');
  await page.waitForSelector('text=No observations found');
  await page.goto(`${env.stack.base}/#/tools/trace`);
  await page.waitForSelector('text=Enter a packet hash');
  await done(v);
});

test('TestLegacyHashLinks_ResolveAfterMigration', { skip: managed ? false : 'needs the managed stack' }, async () => {
  // The shared fixture stores 145 hashes from an older algorithm; the ingestor's migration replaces them
  // with content hashes. A link shared with the old hash must still open the packet. Expected values:
  // the old hash as the fixture stores it (SQL on the shared file) and the vector's content_hash.
  const vectors = JSON.parse(await readFile(VECTORS, 'utf8'));
  const v = vectors.find((x) => x.source === 'fixture' && x.hash !== x.content_hash && x.route_type === 2);
  assert.ok(v, 'the fixture has a legacy-hash packet');
  const sqlite = async (db, q) => (await promisify(execFile)('sqlite3', ['-readonly', db, q])).stdout.trim();
  assert.equal(await sqlite(FIXTURE, `SELECT hash FROM transmissions WHERE id = ${v.id}`), v.hash, 'the fixture stores the legacy hash');
  const obsCount = Number(await sqlite(env.stack.db, `SELECT COUNT(*) FROM observations o JOIN transmissions t ON t.id = o.transmission_id WHERE t.hash = '${v.content_hash}'`));
  assert.ok(obsCount >= 1);

  const detail = await env.stack.api(`/packets/${v.hash}`);
  assert.equal(detail.packet.hash, v.content_hash, 'the old hash answers with the packet under its content hash');
  assert.equal((await env.stack.api(`/traces/${v.hash}`)).traces.length, obsCount);
  assert.equal((await env.stack.api(`/packets?hash=${v.hash}`)).total, 1);

  const page = await open(env.browser, env.stack.base, `#/packets/${v.hash}`, { waitFor: '#pktRight[data-loaded="true"]' });
  await page.page.waitForFunction((h) => location.hash.startsWith(`#/packets/${h}`), v.content_hash);
  assert.match(await page.page.textContent('#pktRight'), new RegExp(`Hash${v.content_hash}`));
  await page.page.goto(`${env.stack.base}/#/tools/trace/${v.hash}`);
  await page.page.waitForSelector(LOADED);
  assert.equal(await page.page.locator('.timeline-row').count(), obsCount);
  await done(page);
});
