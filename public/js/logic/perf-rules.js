// Perf page rules (issue #5 seed sections): rate formatting, write-source deltas and the ⚠ thresholds.
// DOM-free so the warning rules are unit tested.

const KB = 1024;
const MB = 1024 * 1024;

/** IO_WRITE_WARN is the written-bytes rate above which Disk I/O shows ⚠ (10 MB/s). */
export const IO_WRITE_WARN = 10 * MB;
/** WAL_WARN_BYTES is the WAL size above which SQLite shows ⚠ (100 MB). */
export const WAL_WARN_BYTES = 100 * MB;
/** CACHE_HIT_WARN is the cache hit rate (percent) below which SQLite shows ⚠. */
export const CACHE_HIT_WARN = 90;
/** BACKFILL_MIN_TX and BACKFILL_FACTOR gate the backfill ⚠: tx_inserted ≥ 100 and rate > 10× live tx rate. */
export const BACKFILL_MIN_TX = 100;
export const BACKFILL_FACTOR = 10;

/** fmtRate renders bytes per second as "N B/s", "N.N KB/s" or "N.N MB/s"; "—" when unknown. */
export function fmtRate(bps) {
  if (bps === null || bps === undefined || !Number.isFinite(Number(bps))) return '—';
  const v = Math.max(0, Number(bps));
  if (v < KB) return `${Math.round(v)} B/s`;
  if (v < MB) return `${(v / KB).toFixed(1)} KB/s`;
  return `${(v / MB).toFixed(1)} MB/s`;
}

/** fmtPerSec renders a per-second count (syscalls, rows) with one decimal below 100. */
export function fmtPerSec(n) {
  if (n === null || n === undefined || !Number.isFinite(Number(n))) return '—';
  const v = Number(n);
  return v >= 100 ? `${Math.round(v).toLocaleString('en-US')}/s` : `${v.toFixed(1)}/s`;
}

/** ioWriteWarn reports whether a write rate (bytes/s) deserves ⚠. */
export function ioWriteWarn(bps) {
  return Number(bps) > IO_WRITE_WARN;
}

/** walWarn reports whether the WAL size in bytes deserves ⚠ (accepts walSizeMB when bytes are absent). */
export function walWarn(sqlite) {
  if (!sqlite) return false;
  const bytes = Number.isFinite(sqlite.walSize) ? sqlite.walSize : Number(sqlite.walSizeMB || 0) * MB;
  return bytes > WAL_WARN_BYTES;
}

/**
 * cacheHitPercent returns the SQLite cache hit rate in percent (the API sends a 0–1 fraction), or null
 * when no lookups were counted yet.
 */
export function cacheHitPercent(sqlite) {
  if (!sqlite || sqlite.cacheHitRate === null || sqlite.cacheHitRate === undefined) return null;
  if (Number.isFinite(sqlite.cacheHits) && Number.isFinite(sqlite.cacheMisses) && sqlite.cacheHits + sqlite.cacheMisses === 0) return null;
  const r = Number(sqlite.cacheHitRate);
  return r <= 1 ? r * 100 : r;
}

/** cacheWarn reports whether a hit rate (percent) deserves ⚠. */
export function cacheWarn(pct) {
  return pct !== null && pct < CACHE_HIT_WARN;
}

/** isBackfill reports whether a write-source counter is a backfill. */
export function isBackfill(name) {
  return name.startsWith('backfill');
}

/**
 * writeSourceRows turns two successive /api/perf/write-sources snapshots into table rows sorted by
 * total desc: [{name, total, rate (per second, null without a previous snapshot), warn}]. prev/cur:
 * {t: ms, sources: {name: count}}. A backfill row warns only when tx_inserted ≥ 100 and the
 * backfill's rate exceeds 10× the live tx_inserted rate.
 */
export function writeSourceRows(prev, cur) {
  const src = cur?.sources || {};
  const dt = prev && cur ? (cur.t - prev.t) / 1000 : 0;
  const rateOf = (k) => {
    if (!(dt > 0) || typeof prev.sources?.[k] !== 'number' || typeof src[k] !== 'number') return null;
    return Math.max(0, (src[k] - prev.sources[k]) / dt);
  };
  const txTotal = Number(src.tx_inserted) || 0;
  const txRate = rateOf('tx_inserted') ?? 0;
  const rows = Object.entries(src).filter(([, v]) => typeof v === 'number').map(([name, total]) => {
    const rate = rateOf(name);
    const warn = isBackfill(name) && txTotal >= BACKFILL_MIN_TX && rate !== null && rate > BACKFILL_FACTOR * txRate;
    return { name, total, rate, warn };
  });
  rows.sort((a, b) => b.total - a.total || a.name.localeCompare(b.name));
  return rows;
}

/** snapshotTime picks the snapshot time in ms: the ingestor's sampleAt when parseable, else the poll time. */
export function snapshotTime(sampleAt, fallback) {
  const t = Date.parse(sampleAt || '');
  return Number.isFinite(t) ? t : fallback;
}
