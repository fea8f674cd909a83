import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  fmtRate, fmtPerSec, ioWriteWarn, walWarn, cacheHitPercent, cacheWarn, writeSourceRows, snapshotTime, IO_WRITE_WARN,
} from '../../public/js/logic/perf-rules.js';

test('TestPerfRules_FmtRate', () => {
  assert.equal(fmtRate(0), '0 B/s');
  assert.equal(fmtRate(512.4), '512 B/s');
  assert.equal(fmtRate(1023), '1023 B/s');
  assert.equal(fmtRate(1024), '1.0 KB/s');
  assert.equal(fmtRate(4095.99), '4.0 KB/s');
  assert.equal(fmtRate(1536 * 1024), '1.5 MB/s');
  assert.equal(fmtRate(null), '—');
  assert.equal(fmtRate('x'), '—');
  assert.equal(fmtRate(-5), '0 B/s');
  assert.equal(fmtPerSec(2.99999), '3.0/s');
  assert.equal(fmtPerSec(1234.4), '1,234/s');
});

test('TestPerfRules_IOWarnAbove10MBps', () => {
  assert.equal(ioWriteWarn(IO_WRITE_WARN), false, 'exactly 10 MB/s is not above');
  assert.equal(ioWriteWarn(IO_WRITE_WARN + 1), true);
  assert.equal(ioWriteWarn(4096), false);
  assert.equal(ioWriteWarn(undefined), false);
});

test('TestPerfRules_SQLiteWarnings', () => {
  assert.equal(walWarn({ walSize: 100 * 1024 * 1024 }), false);
  assert.equal(walWarn({ walSize: 100 * 1024 * 1024 + 1 }), true);
  assert.equal(walWarn({ walSizeMB: 150 }), true, 'MB field used when bytes are absent');
  assert.equal(walWarn(null), false);
  assert.equal(cacheHitPercent({ cacheHitRate: 0.89, cacheHits: 89, cacheMisses: 11 }).toFixed(1), '89.0');
  assert.equal(cacheHitPercent({ cacheHitRate: 0, cacheHits: 0, cacheMisses: 0 }), null, 'no lookups yet: no rate');
  assert.equal(cacheHitPercent({ cacheHitRate: 95 }), 95, 'a 0–100 value is taken as percent');
  assert.equal(cacheWarn(89.9), true);
  assert.equal(cacheWarn(90), false);
  assert.equal(cacheWarn(null), false);
});

test('TestPerfRules_WriteSourcesSortedWithRates', () => {
  const prev = { t: 0, sources: { tx_inserted: 100, obs_inserted: 300, backfill_content_hash: 0 } };
  const cur = { t: 5000, sources: { tx_inserted: 150, obs_inserted: 400, backfill_content_hash: 145, sampleNote: 'x' } };
  const rows = writeSourceRows(prev, cur);
  assert.deepEqual(rows.map((r) => r.name), ['obs_inserted', 'tx_inserted', 'backfill_content_hash'], 'sorted by total, numbers only');
  assert.equal(rows[0].rate, 20);
  assert.equal(rows[1].rate, 10);
  assert.equal(rows[2].rate, 29);
  assert.equal(rows[2].warn, false, '29/s is not above 10× the live 10/s');
  const first = writeSourceRows(null, cur);
  assert.ok(first.every((r) => r.rate === null && !r.warn), 'no rate without a previous snapshot');
});

test('TestPerfRules_BackfillWarnRule', () => {
  const snap = (t, tx, bf) => ({ t, sources: { tx_inserted: tx, backfill_x: bf } });
  // rate 101/s vs live 10/s and tx_inserted ≥ 100: warn.
  assert.equal(writeSourceRows(snap(0, 100, 0), snap(1000, 110, 101)).find((r) => r.name === 'backfill_x').warn, true);
  // exactly 10×: no warn.
  assert.equal(writeSourceRows(snap(0, 100, 0), snap(1000, 110, 100)).find((r) => r.name === 'backfill_x').warn, false);
  // tx_inserted below 100: never warn, however fast the backfill.
  assert.equal(writeSourceRows(snap(0, 0, 0), snap(1000, 99, 10000)).find((r) => r.name === 'backfill_x').warn, false);
  // live traffic idle (rate 0) with ≥ 100 inserted: any backfill progress warns.
  assert.equal(writeSourceRows(snap(0, 500, 0), snap(1000, 500, 1)).find((r) => r.name === 'backfill_x').warn, true);
  // non-backfill rows never warn.
  assert.equal(writeSourceRows(snap(0, 100, 0), snap(1000, 10000, 0)).find((r) => r.name === 'tx_inserted').warn, false);
});

test('TestPerfRules_SnapshotTime', () => {
  assert.equal(snapshotTime('2026-11-23T03:17:30Z', 5), Date.parse('2026-11-23T03:17:30Z'));
  assert.equal(snapshotTime('', 5), 5);
  assert.equal(snapshotTime(undefined, 7), 7);
});
