// Perf page sections: pure renderers from API responses to DOM (no fetching, no state).
import { h } from '../../lib/dom.js';
import { fmtNum, fmtDec, fmtDuration, fmtBytes } from '../../lib/format.js';
import {
  fmtRate, fmtPerSec, ioWriteWarn, walWarn, cacheHitPercent, cacheWarn,
} from '../../logic/perf-rules.js';

/** warnMark renders the ⚠ flag with an accessible explanation. */
export function warnMark(why) {
  return h('span', { class: 'perf-warn', title: why, role: 'img', 'aria-label': `Warning: ${why}` }, '⚠');
}

/** card renders one stat card; stat names the data-stat hook used by tests. */
export function card(label, value, stat, warn = null) {
  return h('div', { class: ['card', 'stat-card', 'perf-card', warn ? 'perf-card-warn' : ''], dataset: { stat } },
    h('div', { class: 'stat-value' }, value, warn ? [' ', warnMark(warn)] : null), h('div', { class: 'stat-label perf-label' }, label));
}

function kv(rows) {
  return h('dl', { class: 'kv' }, rows.filter(Boolean).map(([k, v, stat]) => [h('dt', null, k), h('dd', { dataset: stat ? { stat } : null }, v)]));
}

/**
 * table renders a data table; cells may be nodes; numeric columns right-aligned. Its wrapper
 * scrolls sideways on phones, so it takes keyboard focus (arrow keys scroll it).
 */
export function table(cols, rows, { id = null, numeric = () => true, rowClass = null } = {}) {
  return h('div', { class: 'table-wrap', tabindex: '0', role: 'region', 'aria-label': typeof cols[0] === 'string' ? `${cols[0]} table` : 'Data table' }, h('table', { class: 'data perf-table', id },
    h('thead', null, h('tr', null, cols.map((c, i) => h('th', { scope: 'col', class: i && numeric(i) ? 'num' : null }, c)))),
    h('tbody', null, rows.length ? rows.map((r, ri) => h('tr', { class: rowClass ? rowClass(ri) : null }, r.map((c, i) => h('td', { class: i && numeric(i) ? 'num' : null }, c))))
      : h('tr', null, h('td', { colspan: cols.length, class: 'muted' }, 'No data yet')))));
}

function section(title, body, id) {
  return h('section', { class: 'card perf-section', id }, h('h2', null, title), body);
}

/** runtimeSection renders Go runtime and process memory. */
export function runtimeSection(p, health) {
  const rt = p.goRuntime || {};
  const mem = health?.memory || {};
  return section('Go runtime & memory', kv([
    ['Goroutines', fmtNum(rt.goroutines), 'goroutines'], ['GC runs', fmtNum(rt.numGC)],
    ['GC pause total / last', `${fmtDec(rt.pauseTotalMs)} / ${fmtDec(rt.lastPauseMs, 2)} ms`],
    ['Heap alloc / sys', `${fmtDec(rt.heapAllocMB)} / ${fmtDec(rt.heapSysMB)} MB`, 'heap'],
    ['Heap in use / idle', `${fmtDec(rt.heapInuseMB)} / ${fmtDec(rt.heapIdleMB)} MB`],
    ['Process memory (sys)', mem.rss !== undefined ? `${fmtDec(mem.rss)} MB` : '—', 'rss'],
    ['GC pause p50 / p95 / p99', health?.eventLoop ? `${fmtDec(health.eventLoop.p50Ms)} / ${fmtDec(health.eventLoop.p95Ms)} / ${fmtDec(health.eventLoop.p99Ms)} ms` : '—'],
    ['CPUs', fmtNum(rt.numCPU)],
  ]), 'perfRuntime');
}

/** storeSection renders in-memory packet store sizes and SQLite row counts. */
export function storeSection(p, health) {
  const ps = p.packetStore || {};
  const rows = p.sqlite?.rows || {};
  return section('Store sizes', kv([
    ['Packets in RAM', fmtNum(ps.inMemory ?? health?.packetStore?.packets), 'inMemory'],
    ['Observations in RAM', fmtNum(ps.totalObservations), 'totalObservations'],
    ['Estimated memory', `${fmtDec(ps.estimatedMB ?? health?.packetStore?.estimatedMB)} MB`],
    ['Evicted', fmtNum(ps.evicted)],
    ['Oldest loaded', ps.oldestLoaded || '—'],
    ...Object.entries(ps.indexes || {}).map(([k, v]) => [`Index ${k}`, fmtNum(v), `idx-${k}`]),
    ...Object.entries(rows).map(([k, v]) => [`DB rows: ${k}`, fmtNum(v), `rows-${k}`]),
  ]), 'perfStore');
}

/** ioSection renders Disk I/O for the server and the ingestor with the 10 MB/s write ⚠. */
export function ioSection(io) {
  const row = (who, s) => {
    if (!s) return [who, h('span', { class: 'muted' }, 'no recent sample'), '', '', ''];
    const w = ioWriteWarn(s.writeBytesPerSec);
    return [who, fmtRate(s.readBytesPerSec),
      h('span', { class: w ? 'perf-bad' : null }, fmtRate(s.writeBytesPerSec), w ? [' ', warnMark('writing more than 10 MB/s')] : null),
      fmtRate(s.cancelledWriteBytesPerSec), `${fmtPerSec(s.syscallsRead)} / ${fmtPerSec(s.syscallsWrite)}`];
  };
  return section('Disk I/O', table(['Process', 'Read', 'Write', 'Cancelled', 'Syscalls r / w'],
    [row('Server', io), row('Ingestor', io?.ingestor)], { id: 'perfIO' }), 'perfDiskIO');
}

/** writeSourcesSection renders ingestor write counters (rows from writeSourceRows) and writer lock stats. */
export function writeSourcesSection(ws, rows) {
  if (!ws || !ws.sampleAt) {
    return section('Write sources', h('p', { class: 'muted' }, 'No ingestor stats file found (ingestor not running, or CORESCOPE_INGESTOR_STATS points elsewhere).'), 'perfWriteSources');
  }
  const body = [table(['Source', 'Total', 'Rate', h('span', { class: 'sr-only' }, 'Flag')], rows.map((r) => [
    h('span', { class: 'mono' }, r.name), fmtNum(r.total), r.rate === null ? '…' : fmtPerSec(r.rate),
    r.warn ? warnMark('backfill is writing more than 10× the live insert rate') : '']), { id: 'perfWriteTable' }),
  h('p', { class: 'muted small' }, `Ingestor sample ${ws.sampleAt}. Rates come from the difference between successive snapshots.`)];
  const wp = Object.entries(ws.writer_perf || {});
  if (wp.length) {
    body.push(h('h3', null, 'Writer lock'), table(['Component', 'Count', 'Contended', 'Wait p95 ms', 'Hold p95 ms'],
      wp.map(([k, s]) => [h('span', { class: 'mono' }, k), fmtNum(s.count), fmtNum(s.contention_total),
        h('span', { title: `max ${fmtDec(s.wait_ms_max, 2)} ms` }, fmtDec(s.wait_ms_p95, 2)), h('span', { title: `max ${fmtDec(s.hold_ms_max, 2)} ms` }, fmtDec(s.hold_ms_p95, 2))])));
  }
  return section('Write sources', body, 'perfWriteSources');
}

/** sqliteSection renders the SQLite block with the WAL and cache-hit ⚠ rules. */
export function sqliteSection(sq, p) {
  const s = sq || {};
  const wal = walWarn(s);
  const hit = cacheHitPercent(s);
  const hw = cacheWarn(hit);
  return section('SQLite', kv([
    ['Database size', p.sqlite ? `${fmtDec(p.sqlite.dbSizeMB)} MB` : '—', 'dbSize'],
    ['WAL size', h('span', { class: wal ? 'perf-bad' : null }, s.walSize !== undefined ? fmtBytes(s.walSize) : `${fmtDec(s.walSizeMB)} MB`,
      wal ? [' ', warnMark('WAL larger than 100 MB: checkpoints are falling behind')] : null), 'walSize'],
    ['Freelist', p.sqlite ? `${fmtDec(p.sqlite.freelistMB)} MB` : '—'],
    ['Page count', fmtNum(s.pageCount), 'pageCount'],
    ['Page size', s.pageSize ? `${fmtNum(s.pageSize)} B` : '—', 'pageSize'],
    ['Cache size', s.cacheSize !== undefined ? (s.cacheSize < 0 ? `${fmtNum(-s.cacheSize)} KiB` : `${fmtNum(s.cacheSize)} pages`) : '—'],
    ['Cache hit rate', h('span', { class: hw ? 'perf-bad' : null }, hit === null ? '—' : `${hit.toFixed(1)} %`,
      hw ? [' ', warnMark('cache hit rate below 90 %')] : null), 'cacheHit'],
    p.sqlite?.walPages ? ['WAL pages (total/ckpt/busy)', `${fmtNum(p.sqlite.walPages.total)} / ${fmtNum(p.sqlite.walPages.checkpointed)} / ${fmtNum(p.sqlite.walPages.busy)}`] : null,
  ]), 'perfSQLite');
}

/** cacheSection renders the server analytics cache counters. */
export function cacheSection(p, health) {
  const c = p.cache || {};
  return section('Server cache', kv([
    ['Entries', fmtNum(c.size ?? health?.cache?.entries)], ['Hits / misses', `${fmtNum(c.hits)} / ${fmtNum(c.misses)}`],
    ['Hit rate', `${fmtDec(c.hitRate ?? health?.cache?.hitRate)} %`], ['Stale hits', fmtNum(c.staleHits)], ['Recomputes', fmtNum(c.recomputes)],
  ]), 'perfCache');
}

/** endpointRows sorts /api/perf endpoints by total time (count × avg) desc. */
export function endpointRows(p) {
  return Object.entries(p.endpoints || {}).map(([k, v]) => ({ k, ...v, total: (v.count || 0) * (v.avgMs || 0) }))
    .sort((a, b) => b.total - a.total || a.k.localeCompare(b.k));
}

/** summaryCards renders the headline cards. */
export function summaryCards(p, health) {
  const slow = health?.perf?.slowQueries ?? (p.slowQueries || []).length;
  return h('div', { class: 'cards perf-cards' },
    card('Total requests', fmtNum(p.totalRequests), 'totalRequests'),
    card('Avg response', `${fmtDec(p.avgMs)} ms`, 'avgMs'),
    card('Uptime', fmtDuration(health?.uptime ?? p.uptime), 'uptime'),
    card('Slow (>100 ms)', fmtNum(slow), 'slow'),
    card('Memory (sys)', health?.memory ? `${fmtDec(health.memory.rss)} MB` : '—', 'memory'),
    card('Packets in RAM', fmtNum(p.packetStore?.inMemory ?? health?.packetStore?.packets), 'packets'),
    card('WS clients', fmtNum(health?.websocket?.clients), 'ws'),
    card('Version', health ? `${health.version || '?'}${health.commit && health.commit !== 'unknown' ? ` (${String(health.commit).slice(0, 7)})` : ''}` : '—', 'version'));
}
