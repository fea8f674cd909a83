// Perf (#/perf): server performance, polled every 5 s from /api/perf, /perf/io, /perf/sqlite, /perf/write-sources, /health.
import { h, replace } from '../lib/dom.js';
import { getJSON, postJSON, apiCalls } from '../lib/api.js';
import { fmtNum, fmtDec, fmtBytes, fmtDuration } from '../lib/format.js';

function card(label, value, stat) {
  return h('div', { class: 'card stat-card perf-card', dataset: { stat: stat || label } },
    h('div', { class: 'stat-value' }, value), h('div', { class: 'stat-label perf-label' }, label));
}
function kvTable(rows) {
  return h('dl', { class: 'kv' }, rows.map(([k, v]) => [h('dt', null, k), h('dd', null, v)]));
}
function table(cols, rows) {
  return h('div', { class: 'table-wrap' }, h('table', { class: 'data' },
    h('thead', null, h('tr', null, cols.map((c) => h('th', { scope: 'col' }, c)))),
    h('tbody', null, rows.length ? rows.map((r) => h('tr', null, r.map((c, i) => h('td', { class: i ? 'num' : null }, c))))
      : h('tr', null, h('td', { colspan: cols.length, class: 'muted' }, 'No data yet')))));
}

/** mount renders the perf dashboard. */
export function mount(el) {
  const content = h('div', { id: 'perfContent' }, h('p', { class: 'muted' }, 'Loading…'));
  const status = h('span', { class: 'muted', role: 'status' });
  const refresh = h('button', { type: 'button', id: 'perfRefresh' }, 'Refresh');
  const reset = h('button', { type: 'button', title: 'Needs an API key configured on the server' }, 'Reset stats');
  reset.addEventListener('click', async () => {
    try { await postJSON('/perf/reset', {}); load(); } catch { /* toast shows why (usually: write endpoints need an API key) */ }
  });
  replace(el, h('section', { class: 'page perf-page' }, h('div', { class: 'page-head' }, h('h1', null, 'Performance'), status, refresh, reset), content));
  let ctrl = null;
  const prevSources = [];
  async function load() {
    if (ctrl) ctrl.abort();
    ctrl = new AbortController();
    const o = { signal: ctrl.signal, quiet: true };
    const pick = (p) => p.then((v) => v, () => null);
    const [perf, io, sqlite, ws, health] = await Promise.all([pick(getJSON('/perf', null, o)), pick(getJSON('/perf/io', null, o)),
      pick(getJSON('/perf/sqlite', null, o)), pick(getJSON('/perf/write-sources', null, o)), pick(getJSON('/health', null, o))]);
    if (ctrl.signal.aborted) return;
    if (!perf && !health) { status.textContent = 'Perf endpoints unavailable'; return; }
    const p = perf || {};
    const rt = p.goRuntime || {};
    const ps = p.packetStore || {};
    const eps = Object.entries(p.endpoints || {}).map(([k, v]) => ({ k, ...v, total: (v.count || 0) * (v.avgMs || 0) }))
      .sort((a, b) => b.total - a.total);
    const src = ws?.sources || {};
    prevSources.push({ t: Date.now(), src });
    if (prevSources.length > 60) prevSources.shift();
    const first = prevSources[0];
    const dt = (Date.now() - first.t) / 1000;
    const rate = (k) => (dt > 0 && typeof first.src[k] === 'number' ? ((src[k] - first.src[k]) / dt).toFixed(2) : '—');
    replace(content,
      h('div', { class: 'cards' }, card('Total requests', fmtNum(p.totalRequests), 'totalRequests'), card('Avg response', `${fmtDec(p.avgMs)} ms`, 'avgMs'),
        card('Uptime', fmtDuration(p.uptime ?? health?.uptime), 'uptime'), card('Slow queries', fmtNum((p.slowQueries || []).length), 'slow'),
        card('Version', health ? `${health.version || '?'} (${String(health.commit || '').slice(0, 7)})` : '—', 'version'),
        card('WS clients', fmtNum(health?.websocket?.clients), 'ws')),
      h('div', { class: 'grid-2' },
        h('section', { class: 'card' }, h('h2', null, 'Go runtime'), kvTable([['Goroutines', fmtNum(rt.goroutines)], ['GC count', fmtNum(rt.numGC)],
          ['GC pause total / last', `${fmtDec(rt.pauseTotalMs)} / ${fmtDec(rt.lastPauseMs, 2)} ms`], ['Heap alloc / sys', `${fmtDec(rt.heapAllocMB)} / ${fmtDec(rt.heapSysMB)} MB`],
          ['Heap in use / idle', `${fmtDec(rt.heapInuseMB)} / ${fmtDec(rt.heapIdleMB)} MB`], ['CPUs', fmtNum(rt.numCPU)]])),
        h('section', { class: 'card' }, h('h2', null, 'Packet store'), kvTable([['Packets in RAM', fmtNum(ps.inMemory ?? health?.packetStore?.packets)],
          ['Observations', fmtNum(ps.totalObservations)], ['Estimated memory', `${fmtDec(ps.estimatedMB ?? health?.packetStore?.estimatedMB)} MB`],
          ['Evicted', fmtNum(ps.evicted)], ['Indexes', Object.entries(ps.indexes || {}).map(([k, v]) => `${k} ${fmtNum(v)}`).join(' · ') || '—']])),
        h('section', { class: 'card' }, h('h2', null, 'Disk I/O'), kvTable([['Server read/s', fmtBytes(io?.readBytesPerSec)], ['Server write/s', fmtBytes(io?.writeBytesPerSec)],
          ['Server syscalls r/w', `${fmtDec(io?.syscallsRead)} / ${fmtDec(io?.syscallsWrite)}`],
          ['Ingestor read/s', io?.ingestor ? fmtBytes(io.ingestor.readBytesPerSec) : 'no recent sample'], ['Ingestor write/s', io?.ingestor ? fmtBytes(io.ingestor.writeBytesPerSec) : '—']])),
        h('section', { class: 'card' }, h('h2', null, 'SQLite'), kvTable([['DB size', `${fmtDec(p.sqlite?.dbSizeMB)} MB`], ['WAL size', `${fmtDec(sqlite?.walSizeMB ?? p.sqlite?.walSizeMB)} MB`],
          ['Freelist', `${fmtDec(p.sqlite?.freelistMB)} MB`], ['Pages', `${fmtNum(sqlite?.pageCount)} × ${fmtNum(sqlite?.pageSize)} B`],
          ['Cache hit rate', sqlite ? `${fmtDec((sqlite.cacheHitRate || 0) * 100)} %` : '—'],
          ['Rows', Object.entries(p.sqlite?.rows || {}).map(([k, v]) => `${k} ${fmtNum(v)}`).join(' · ') || '—']])),
        h('section', { class: 'card' }, h('h2', null, 'Cache'), kvTable([['Entries', fmtNum(p.cache?.size ?? health?.cache?.entries)], ['Hits / misses', `${fmtNum(p.cache?.hits)} / ${fmtNum(p.cache?.misses)}`],
          ['Hit rate', `${fmtDec(p.cache?.hitRate ?? health?.cache?.hitRate)} %`], ['Recomputes', fmtNum(p.cache?.recomputes)]])),
        h('section', { class: 'card' }, h('h2', null, 'Write sources (ingestor)'), ws?.sampleAt
          ? table(['Counter', 'Total', 'Rate/s (session)'], Object.entries(src).map(([k, v]) => [k, fmtNum(v), rate(k)]))
          : h('p', { class: 'muted' }, 'No ingestor stats file found (ingestor not running or CORESCOPE_INGESTOR_STATS differs).'))),
      h('h2', null, 'Server endpoints'),
      table(['Endpoint', 'Count', 'Avg ms', 'p50', 'p95', 'Max', 'Total ms'], eps.map((e) => [e.k, fmtNum(e.count), fmtDec(e.avgMs), fmtDec(e.p50Ms), fmtDec(e.p95Ms), fmtDec(e.maxMs), fmtDec(e.total, 0)])),
      h('h2', null, 'Client API calls (this session)'),
      table(['Call', 'Status', 'ms'], apiCalls.slice(-15).reverse().map((c) => [c.path, String(c.status), fmtDec(c.ms)])),
      h('h2', null, 'Recent slow queries'),
      table(['Path', 'ms', 'Time'], (p.slowQueries || []).slice(-20).reverse().map((s) => [s.path, fmtDec(s.ms), s.time])));
    status.textContent = `Updated ${new Date().toLocaleTimeString()}`;
    content.dataset.loaded = 'true';
  }
  refresh.addEventListener('click', load);
  const iv = setInterval(load, 5000);
  load();
  return () => { clearInterval(iv); if (ctrl) ctrl.abort(); };
}
