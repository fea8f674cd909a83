// Browser tests: perf dashboard numbers vs the API, 5 s auto-refresh with write-source rates, the ⚠
// rules on crafted API answers, and the key-prompted Reset.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useStack, visit, done, numText, screenshots } from './pagekit.mjs';

// The dashboard figures are operator-only by default; this suite reads them with operator.publicPerf
// (security.test.mjs covers the locked page and the key form).
const env = useStack({ config: { operator: { publicPerf: true } } });

test('TestPerf_NumbersMatchAPIAndAutoRefresh', async () => {
  const v = await visit(env.browser, env.stack, '#/perf', { waitFor: '#perfContent[data-loaded="true"]' });
  const { page } = v;
  // The ingestor writes its stats file once a second: a page opened before the first write shows no
  // write sources until its next 5 s refresh, so wait for them before comparing with the API.
  await page.waitForSelector('#perfWriteTable tbody tr td:first-child .mono', { timeout: 15000 });
  const [perf, sqlite, ws] = await Promise.all([env.stack.api('/perf'), env.stack.api('/perf/sqlite'), env.stack.api('/perf/write-sources')]);
  assert.equal(await numText(page, '[data-stat="pageSize"]'), `${sqlite.pageSize} B`);
  assert.equal(await numText(page, '[data-stat="pageCount"]'), String(sqlite.pageCount));
  for (const [k, n] of Object.entries(perf.sqlite.rows)) assert.equal(await numText(page, `[data-stat="rows-${k}"]`), String(n), `rows ${k}`);
  assert.equal(await numText(page, '[data-stat="inMemory"]'), String(perf.packetStore.inMemory));
  // Write sources: every numeric counter, sorted by total, totals equal to the ingestor's.
  const names = await page.locator('#perfWriteTable tbody tr td:first-child').allTextContents();
  const want = Object.entries(ws.sources).filter(([, x]) => typeof x === 'number').sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
  assert.deepEqual(names, want.map(([k]) => k));
  assert.equal(await numText(page, '#perfWriteTable tbody tr:first-child td:nth-child(2)'), String(want[0][1]));
  assert.ok(await page.locator('#perfEndpoints tbody tr').count() >= 1, 'endpoint table filled');
  // Auto-refresh: a second poll within ~5 s brings per-second rates (from snapshot deltas).
  await page.waitForRequest((r) => r.url().endsWith('/api/perf/write-sources'), { timeout: 9000 });
  await page.waitForFunction(() => /\/s$/.test(document.querySelector('#perfWriteTable tbody tr:first-child td:nth-child(3)')?.textContent || ''), null, { timeout: 12000 });
  await page.uncheck('#perfAuto');
  await done(v);
});

test('TestPerf_WarningRulesOnCraftedAnswers', async () => {
  const v = await visit(env.browser, env.stack, '#/home');
  const { page } = v;
  const MB = 1024 * 1024;
  let poll = 0;
  await page.route('**/api/perf/io', (r) => r.fulfill({ json: { readBytesPerSec: 512, writeBytesPerSec: 11 * MB, cancelledWriteBytesPerSec: 0, syscallsRead: 3, syscallsWrite: 1,
    ingestor: { readBytesPerSec: 0, writeBytesPerSec: 2048, cancelledWriteBytesPerSec: 0, syscallsRead: 0, syscallsWrite: 1 } } }));
  await page.route('**/api/perf/sqlite', (r) => r.fulfill({ json: { walSizeMB: 150, walSize: 150 * MB, pageCount: 1000, pageSize: 4096, cacheSize: -2000, cacheHitRate: 0.5, cacheHits: 5, cacheMisses: 5 } }));
  await page.route('**/api/perf/write-sources', (r) => {
    poll++;
    const t0 = Date.parse('2026-05-17T10:00:00Z');
    const second = poll > 1;
    r.fulfill({ json: { sampleAt: new Date(t0 + (second ? 5000 : 0)).toISOString(),
      sources: { tx_inserted: second ? 1010 : 1000, obs_inserted: 3000, backfill_slow: second ? 105 : 100, backfill_fast: second ? 5000 : 0 }, writer_perf: {} } });
  });
  await page.goto(`${env.stack.base}/#/perf`);
  await page.waitForSelector('#perfContent[data-loaded="true"]');
  const io = await page.textContent('#perfIO');
  assert.ok(io.includes('11.0 MB/s') && io.includes('512 B/s') && io.includes('2.0 KB/s'), io);
  assert.equal(await page.locator('#perfIO .perf-warn').count(), 1, 'only the server write rate is above 10 MB/s');
  assert.equal(await page.locator('[data-stat="walSize"] .perf-warn').count(), 1, 'WAL above 100 MB');
  assert.equal(await page.locator('[data-stat="cacheHit"] .perf-warn').count(), 1, 'hit rate below 90 %');
  assert.equal(await page.textContent('[data-stat="cacheHit"]'), '50.0 % ⚠');
  assert.equal(await page.locator('#perfWriteTable .perf-warn').count(), 0, 'no rates yet, no backfill warning');
  await page.click('#perfRefresh');
  await page.waitForFunction(() => document.querySelectorAll('#perfWriteTable .perf-warn').length > 0);
  const flagged = await page.locator('#perfWriteTable tr:has(.perf-warn) td:first-child').allTextContents();
  assert.deepEqual(flagged, ['backfill_fast'], 'only the backfill above 10× the live tx rate (2/s) is flagged');
  assert.equal(await page.textContent('#perfWriteTable tr:has-text("backfill_fast") td:nth-child(3)'), '1,000/s');
  assert.equal(await page.textContent('#perfWriteTable tr:has-text("tx_inserted") td:nth-child(3)'), '2.0/s');
  await done(v);
});

test('TestPerf_ResetPromptsForKey', async () => {
  const v = await visit(env.browser, env.stack, '#/perf', { waitFor: '#perfContent[data-loaded="true"]' });
  const { page } = v;
  await page.click('#perfReset');
  await page.waitForSelector('#perfResetDialog[open]');
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'perfApiKey');
  await page.fill('#perfApiKey', 'a-long-enough-test-key-123');
  const req = page.waitForRequest((r) => r.url().endsWith('/api/perf/reset') && r.method() === 'POST');
  await page.click('#perfResetGo');
  const sent = await req;
  assert.equal(sent.headers()['x-api-key'], 'a-long-enough-test-key-123', 'the key travels only in X-API-Key');
  await page.waitForFunction(() => /Refused|Wrong API key|failed/.test(document.getElementById('perfResetMsg').textContent));
  await page.keyboard.press('Escape');
  await page.waitForSelector('#perfResetDialog', { state: 'detached' });
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'perfReset', 'focus returns to the button');
  await done(v);
});

test('TestPerf_Screenshots', { timeout: 300000 }, async () => {
  await screenshots(env.browser, env.stack, [['#/perf', 'p2-perf', '#perfContent[data-loaded="true"]']]);
});
