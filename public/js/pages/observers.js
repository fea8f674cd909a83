// Observers (#/observers): status summary, MQTT source status, sortable table, auto-refresh.
import { h, replace } from '../lib/dom.js';
import { getJSON, isAbort } from '../lib/api.js';
import { subscribe } from '../lib/ws.js';
import { buildHash, parseSort, formatSort } from '../lib/url.js';
import { timeAgo, absTime, fmtNum, fmtDuration, observerStatus } from '../lib/format.js';
import { createTable } from '../components/table.js';
import { statusDot } from '../components/badges.js';

/** mount renders the observers page. */
export function mount(el, ctx) {
  const ctrl = new AbortController();
  let sort = parseSort(ctx.query.sort, { col: 'last_seen', asc: false });
  const summary = h('div', { class: 'cards obs-summary', id: 'obsSummary' });
  const mqtt = h('div', { class: 'mqtt-status' });
  const updated = h('span', { class: 'muted', role: 'status' });
  const columns = [
    { key: 'status', label: 'Status', sort: (o) => observerStatus(o.last_seen), render: (o) => statusDot(observerStatus(o.last_seen)) },
    { key: 'name', label: 'Name', render: (o) => [h('a', { href: `#/observers/${encodeURIComponent(o.id)}` }, o.name || o.id),
      o.can_relay === false ? h('span', { class: 'badge' }, 'listener') : null, o.clock_naive ? h('span', { class: 'badge badge-warn' }, 'naive clock') : null] },
    { key: 'iata', label: 'Region', render: (o) => (o.iata ? h('span', { class: 'badge' }, o.iata) : '') },
    { key: 'last_seen', label: 'Last Status', defaultAsc: false, render: (o) => h('time', { title: absTime(o.last_seen) }, timeAgo(o.last_seen)) },
    { key: 'last_packet_at', hideSm: true, label: 'Last Packet', defaultAsc: false, render: (o) => timeAgo(o.last_packet_at) },
    { key: 'packet_count', label: 'Total Packets', class: 'num', defaultAsc: false, render: (o) => fmtNum(o.packet_count) },
    { key: 'packetsLastHour', hideSm: true, label: 'Packets/Hour', class: 'num', defaultAsc: false, render: (o) => fmtNum(o.packetsLastHour) },
    { key: 'clock_skew_seconds', hideSm: true, label: 'Clock Offset', class: 'num', render: (o) => (o.clock_skew_seconds === null || o.clock_skew_seconds === undefined ? '' : `${o.clock_skew_seconds} s`) },
    { key: 'uptime_secs', hideSm: true, label: 'Uptime', render: (o) => (o.uptime_secs ? fmtDuration(o.uptime_secs) : '') },
    { key: 'firmware', hideSm: true, label: 'Firmware' },
    { key: 'client_version', hideSm: true, label: 'Client' },
  ];
  const table = createTable({ columns, sort, id: 'obsTable', caption: 'Observers', rowKey: (o) => o.id,
    onSort: (s) => { sort = s; history.replaceState(null, '', buildHash(['observers'], { sort: formatSort(s) }, { sort: 'last_seen' })); },
    onRowClick: (o) => { location.hash = `#/observers/${encodeURIComponent(o.id)}`; } });
  const refresh = h('button', { type: 'button' }, 'Refresh');
  replace(el, h('section', { class: 'page observers-page' },
    h('div', { class: 'page-head' }, h('h1', null, 'Observer Status'), updated, refresh),
    summary, mqtt, table.el));
  async function load() {
    try {
      const r = await getJSON('/observers', null, { signal: ctrl.signal });
      const list = r.observers || [];
      const now = r.server_time ? Date.parse(r.server_time) || Date.now() : Date.now();
      const counts = { Online: 0, Stale: 0, Offline: 0 };
      for (const o of list) counts[observerStatus(o.last_seen, now)]++;
      replace(summary, Object.entries(counts).map(([k, v]) => h('div', { class: 'card stat-card', dataset: { stat: k } },
        h('div', { class: 'stat-value' }, h('span', { class: `dot dot-${k}`, 'aria-hidden': 'true' }), fmtNum(v)), h('div', { class: 'stat-label' }, k))),
      h('div', { class: 'card stat-card', dataset: { stat: 'total' } }, h('div', { class: 'stat-value' }, fmtNum(list.length)), h('div', { class: 'stat-label' }, 'Observers')));
      table.setRows(list);
      updated.textContent = `Updated ${new Date().toLocaleTimeString()}`;
      el.querySelector('.observers-page').dataset.loaded = 'true';
    } catch (e) { if (!isAbort(e)) updated.textContent = `Failed: ${e.message}`; }
    try {
      const m = await getJSON('/mqtt/status', null, { signal: ctrl.signal, quiet: true });
      const src = m.sources || [];
      replace(mqtt, src.length ? h('details', { class: 'card' }, h('summary', null, `MQTT sources: ${src.filter((s) => s.connected).length}/${src.length} connected`),
        h('ul', { class: 'plain-list' }, src.map((s) => h('li', null, statusDot(s.connected ? 'Online' : 'Offline'), ` ${s.name} — ${s.broker} · ${fmtNum(s.packetsLast5m)} pkts/5 min`,
          s.lastError ? h('span', { class: 'error-text' }, ` (${s.lastError})`) : null))))
        : h('p', { class: 'muted' }, 'No MQTT source status reported by the ingestor.'));
    } catch { replace(mqtt); }
  }
  refresh.addEventListener('click', load);
  const iv = setInterval(load, 30000);
  let pending = null;
  const unsub = subscribe('packet', () => { if (!pending) pending = setTimeout(() => { pending = null; load(); }, 10000); });
  load();
  return () => { ctrl.abort(); clearInterval(iv); clearTimeout(pending); unsub(); };
}
