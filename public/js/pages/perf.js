// Perf (#/perf): server performance polled every 5 s from /api/perf, /perf/io, /perf/sqlite,
// /perf/write-sources and /health; Disk I/O, Write sources and SQLite carry the ⚠ rules of
// logic/perf-rules.js. The perf reads are operator-only unless the server sets operator.publicPerf:
// on 401/403 the page shows why and (401) asks for the API key, sent as X-API-Key and kept only in
// memory (lib/operator-key.js, shared with Reset).
import { h, replace } from '../lib/dom.js';
import { getJSON, apiCalls } from '../lib/api.js';
import { fmtNum, fmtDec, fmtDuration } from '../lib/format.js';
import { writeSourceRows, snapshotTime } from '../logic/perf-rules.js';
import {
  summaryCards, runtimeSection, storeSection, ioSection, writeSourcesSection, sqliteSection, cacheSection, endpointRows, table,
} from './perf/sections.js';
import { openResetDialog } from './perf/reset.js';
import { lockedPanel } from './perf/locked.js';
import { operatorHeaders } from '../lib/operator-key.js';

const INTERVAL = 5000;

/** mount renders the perf dashboard. */
export function mount(el) {
  const content = h('div', { id: 'perfContent', 'aria-live': 'off' }, h('p', { class: 'muted' }, 'Loading…'));
  const status = h('span', { class: 'muted', role: 'status', id: 'perfStatus' });
  const auto = h('input', { type: 'checkbox', id: 'perfAuto', checked: true });
  const refresh = h('button', { type: 'button', id: 'perfRefresh' }, 'Refresh');
  const reset = h('button', { type: 'button', id: 'perfReset', title: 'Clears request counters; needs the server API key' }, 'Reset stats');
  replace(el, h('section', { class: 'page perf-page' },
    h('div', { class: 'page-head' }, h('h1', null, 'Performance'), status,
      h('label', { class: 'perf-auto' }, auto, ' Auto-refresh 5 s'), refresh, reset),
    content));
  let ctrl = null;
  let timer = null;
  let gone = false;
  const snaps = { prev: null, last: null };

  async function load() {
    clearTimeout(timer);
    if (ctrl) ctrl.abort();
    ctrl = new AbortController();
    const o = { signal: ctrl.signal, quiet: true, headers: operatorHeaders() };
    let denied = 0;
    const pick = (path) => getJSON(path, null, o).then((v) => v, (e) => {
      if (path === '/perf' && (e.status === 401 || e.status === 403)) denied = e.status;
      return null;
    });
    const [perf, io, sqlite, ws, health] = await Promise.all(['/perf', '/perf/io', '/perf/sqlite', '/perf/write-sources', '/health'].map(pick));
    if (ctrl.signal.aborted || gone) return;
    if (denied) {
      // No polling while locked: a refresh would wipe the key the operator is typing.
      status.textContent = 'Operator-only';
      replace(content, lockedPanel(denied, load));
      return;
    }
    schedule();
    if (!perf && !health) { status.textContent = 'Perf endpoints unavailable'; return; }
    if (ws) {
      const snap = { t: snapshotTime(ws.sampleAt, Date.now()), sources: ws.sources || {} };
      if (!snaps.last || snap.t > snaps.last.t) { snaps.prev = snaps.last; snaps.last = snap; }
    }
    render(perf || {}, io, sqlite, ws, health);
    status.textContent = `Updated ${new Date().toLocaleTimeString()}`;
    content.dataset.loaded = 'true';
  }
  function render(p, io, sqlite, ws, health) {
    const eps = endpointRows(p);
    replace(content,
      summaryCards(p, health),
      h('div', { class: 'perf-grid' },
        ioSection(io),
        writeSourcesSection(ws, writeSourceRows(snaps.prev, snaps.last)),
        sqliteSection(sqlite, p),
        runtimeSection(p, health),
        storeSection(p, health),
        cacheSection(p, health)),
      h('h2', null, 'Server endpoints ', h('span', { class: 'muted small' }, `(${fmtNum(eps.length)}, by total time; perf uptime ${fmtDuration(p.uptime)})`)),
      table(['Endpoint', 'Count', 'Avg ms', 'p50 ms', 'p95 ms', 'Max ms', 'Total ms'],
        eps.map((e) => [h('span', { class: 'mono' }, e.k), fmtNum(e.count), fmtDec(e.avgMs), fmtDec(e.p50Ms), fmtDec(e.p95Ms), fmtDec(e.maxMs), fmtDec(e.total, 0)]),
        { id: 'perfEndpoints', rowClass: (i) => (eps[i].p95Ms > 100 ? 'perf-slow-row' : null) }),
      h('div', { class: 'grid-2' },
        h('section', null, h('h2', null, 'Recent slow requests'),
          table(['Path', 'ms', 'Time'], (p.slowQueries || []).slice(-20).reverse().map((s) => [h('span', { class: 'mono' }, s.path), fmtDec(s.ms), s.time]))),
        h('section', null, h('h2', null, 'This browser\'s API calls'),
          table(['Call', 'Status', 'ms'], apiCalls.slice(-15).reverse().map((c) => [h('span', { class: 'mono' }, c.path), String(c.status), fmtDec(c.ms)])))));
  }
  function schedule() {
    clearTimeout(timer);
    if (auto.checked && !gone) timer = setTimeout(load, INTERVAL);
  }
  refresh.addEventListener('click', load);
  auto.addEventListener('change', schedule);
  reset.addEventListener('click', () => openResetDialog(reset, load));
  load();
  return () => { gone = true; clearTimeout(timer); if (ctrl) ctrl.abort(); };
}
