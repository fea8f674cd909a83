// Observers (#/observers?region=&sort=): Online/Stale/Offline summary, MQTT source status, region
// filter (applied by the server: /api/observers?region=), sortable status table, compare two,
// auto-refresh every 30 s and shortly after live packets.
import { h, replace } from '../lib/dom.js';
import { getJSON, isAbort } from '../lib/api.js';
import { operatorHeaders } from '../lib/operator-key.js';
import { subscribe } from '../lib/ws.js';
import { buildHash, parseSort, formatSort } from '../lib/url.js';
import { timeAgo, absTime, fmtNum, fmtDec, fmtDuration, observerStatus } from '../lib/format.js';
import { createTable } from '../components/table.js';
import { statusDot } from '../components/badges.js';

const DEFAULTS = { sort: 'last_seen', region: '' };
const num = (v, unit, d = 0) => (v === null || v === undefined ? '' : `${fmtDec(v, d)}${unit}`);

/** mount renders the observers page. */
export function mount(el, ctx) {
  const ctrl = new AbortController();
  const q = { ...DEFAULTS, ...ctx.query };
  let th = null;
  let now = Date.now();
  let all = [];
  const picked = new Set();
  const fresh = new Map();
  const st = (o) => observerStatus(o.last_seen, now, th);
  const summary = h('div', { class: 'cards obs-summary', id: 'obsSummary' });
  const mqtt = h('div', { class: 'mqtt-status', id: 'obsMqtt' });
  const updated = h('span', { class: 'muted', role: 'status', id: 'obsUpdated' });
  const region = h('select', { id: 'obsRegion', 'aria-label': 'Region' }, h('option', { value: '' }, 'All regions'));
  const compare = h('a', { class: 'btn', id: 'obsCompare', 'aria-disabled': 'true' }, 'Compare selected (0)');
  const columns = [
    { key: 'pick', label: h('span', { class: 'sr-only' }, 'Compare'), nosort: true, render: (o) => h('input', { type: 'checkbox', class: 'obs-pick', 'aria-label': `Compare ${o.name || o.id}`, checked: picked.has(o.id), dataset: { id: o.id } }) },
    { key: 'status', label: 'Status', sort: (o) => ['Online', 'Stale', 'Offline'].indexOf(st(o)), render: (o) => statusDot(st(o)) },
    { key: 'name', label: 'Name', sort: (o) => String(o.name || o.id).toLowerCase(), render: (o) => [h('a', { href: `#/observers/${encodeURIComponent(o.id)}` }, o.name || o.id),
      o.can_relay === false ? h('span', { class: 'badge', title: 'Relay disabled: listens only' }, 'listener') : null,
      o.clock_naive ? h('span', { class: 'badge badge-warn', title: 'Sent timestamps without a synced clock in the last 24 h' }, 'naive clock') : null] },
    { key: 'iata', label: 'Region', render: (o) => (o.iata ? h('span', { class: 'badge' }, o.iata) : '') },
    { key: 'last_seen', label: 'Last Status', defaultAsc: false, render: (o) => h('time', { title: absTime(o.last_seen) }, timeAgo(o.last_seen)) },
    { key: 'last_packet_at', label: 'Last Packet', defaultAsc: false, render: (o) => (o.last_packet_at ? h('time', { title: absTime(o.last_packet_at) }, timeAgo(o.last_packet_at)) : '') },
    { key: 'packet_count', label: 'Packets', class: 'num', defaultAsc: false, render: (o) => fmtNum(o.packet_count) },
    { key: 'packetsLastHour', hideSm: true, label: 'Pkts/h', class: 'num', defaultAsc: false, render: (o) => fmtNum(o.packetsLastHour) },
    { key: 'model', hideSm: true, label: 'Model' },
    { key: 'firmware', hideSm: true, label: 'Firmware' },
    { key: 'client_version', hideSm: true, label: 'Client', render: (o) => (o.client_version ? h('span', { class: 'obs-client', title: o.client_version }, o.client_version) : '') },
    { key: 'battery_mv', hideSm: true, label: 'Battery', class: 'num', render: (o) => num(o.battery_mv, ' mV') },
    { key: 'noise_floor', hideSm: true, label: 'Noise floor', class: 'num', render: (o) => num(o.noise_floor, ' dBm', 1) },
    { key: 'uptime_secs', hideSm: true, label: 'Uptime', render: (o) => (o.uptime_secs ? fmtDuration(o.uptime_secs) : '') },
    { key: 'clock_skew_seconds', hideSm: true, label: 'Clock', class: 'num', render: (o) => num(o.clock_skew_seconds, ' s') },
  ];
  const table = createTable({ columns, sort: parseSort(q.sort, { col: 'last_seen', asc: false }), id: 'obsTable', bodyId: 'obsBody', caption: 'Observers', rowKey: (o) => o.id,
    rowClass: (o) => `obs-${st(o).toLowerCase()}`,
    onSort: (s) => { q.sort = formatSort(s); sync(); },
    onRowClick: (o) => { location.hash = `#/observers/${encodeURIComponent(o.id)}`; } });
  const refresh = h('button', { type: 'button', id: 'obsRefresh' }, 'Refresh');
  const pageEl = h('section', { class: 'page observers-page' },
    h('div', { class: 'page-head' }, h('h1', null, 'Observer Status'), updated, region, compare, h('a', { class: 'btn', href: '#/compare' }, 'Compare observers'), refresh),
    summary, mqtt, table.el);
  replace(el, pageEl);
  const sync = () => history.replaceState(null, '', buildHash(['observers'], { sort: q.sort, region: q.region }, DEFAULTS));

  function renderCompare() {
    const ids = [...picked];
    compare.textContent = `Compare selected (${ids.length})`;
    if (ids.length === 2) { compare.href = buildHash(['compare'], { a: ids[0], b: ids[1] }); compare.removeAttribute('aria-disabled'); } else { compare.removeAttribute('href'); compare.setAttribute('aria-disabled', 'true'); }
  }
  function render() {
    const list = all;
    const counts = { Online: 0, Stale: 0, Offline: 0 };
    for (const o of list) counts[st(o)]++;
    replace(summary, Object.entries(counts).map(([k, v]) => h('div', { class: 'card stat-card', dataset: { stat: k } },
      h('div', { class: 'stat-value' }, h('span', { class: `dot dot-${k}`, 'aria-hidden': 'true' }), fmtNum(v)), h('div', { class: 'stat-label' }, k))),
    h('div', { class: 'card stat-card', dataset: { stat: 'total' } }, h('div', { class: 'stat-value' }, fmtNum(list.length)), h('div', { class: 'stat-label' }, q.region ? `Observers in ${q.region}` : 'Observers')));
    table.setRows(list);
    renderCompare();
  }
  async function load() {
    try {
      if (!th) th = await getJSON('/config/client', null, { signal: ctrl.signal, quiet: true }).then((c) => c?.healthThresholds || {}, () => ({}));
      const want = q.region;
      const [r, regions] = await Promise.all([getJSON('/observers', want ? { region: want } : null, { signal: ctrl.signal }),
        getJSON('/config/regions', null, { signal: ctrl.signal, quiet: true }).catch(() => ({}))]);
      if (want !== q.region) return; // the region changed while this answer was on its way
      all = r.observers || [];
      for (const [oid, o] of fresh) if (all.some((x) => x.id === oid)) fresh.delete(oid); else all.push(o);
      now = Date.parse(r.server_time || '') || Date.now();
      setRegionOptions(regions);
      render();
      updated.textContent = `Updated ${new Date().toLocaleTimeString()}`;
      pageEl.dataset.loaded = 'true';
    } catch (e) { if (!isAbort(e)) updated.textContent = `Failed: ${e.message}`; }
    try {
      const m = await getJSON('/mqtt/status', null, { signal: ctrl.signal, quiet: true, headers: operatorHeaders() });
      const src = m.sources || [];
      replace(mqtt, src.length ? h('details', { class: 'card mqtt-card' }, h('summary', null, h('span', { class: `dot dot-${src.every((s) => s.connected) ? 'Online' : src.some((s) => s.connected) ? 'Stale' : 'Offline'}`, 'aria-hidden': 'true' }),
        ` MQTT sources: ${src.filter((s) => s.connected).length} of ${src.length} connected`),
      h('ul', { class: 'plain-list' }, src.map((s) => h('li', null, statusDot(s.connected ? 'Online' : 'Offline'), ` ${s.name} — ${s.broker} · ${fmtNum(s.packetsLast5m)} pkts / 5 min · ${fmtNum(s.packetsTotal)} total`,
        s.lastError ? h('span', { class: 'error-text' }, ` (${s.lastError})`) : null))))
        : h('p', { class: 'muted small' }, 'No MQTT source status reported by the ingestor.'));
    } catch { replace(mqtt); }
  }
  // The region list comes from /config/regions (every observer IATA plus configured names), not from the
  // observers shown, which the region filter narrows.
  function setRegionOptions(map) {
    const codes = [...new Set([...Object.keys(map && typeof map === 'object' ? map : {}), ...all.map((o) => o.iata).filter(Boolean), q.region].filter(Boolean))].sort();
    if (region.options.length - 1 === codes.length) return;
    replace(region, h('option', { value: '' }, 'All regions'), codes.map((c) => h('option', { value: c }, map?.[c] && map[c] !== c ? `${c} — ${map[c]}` : c)));
    region.value = q.region;
  }
  table.tbody.addEventListener('change', (e) => {
    const cb = e.target.closest('input.obs-pick');
    if (!cb) return;
    if (cb.checked) picked.add(cb.dataset.id); else picked.delete(cb.dataset.id);
    renderCompare();
  });
  region.addEventListener('change', () => { q.region = region.value; fresh.clear(); sync(); load(); });
  refresh.addEventListener('click', load);
  const iv = setInterval(load, 30000);
  let pending = null;
  let renderT = null;
  const unsub = subscribe('packet', (d) => {
    // Patch the row at once (a new observer appears immediately); a debounced reload confirms.
    const oid = d?.observer_id;
    if (oid && all.length) {
      const ts = d.timestamp || new Date().toISOString();
      let o = all.find((x) => x.id === oid);
      // An observer not listed may be outside the region filter: only the reload can tell.
      if (!o && !q.region) {
        o = { id: oid, name: d.observer_name || null, iata: null, last_seen: ts, first_seen: ts, packet_count: 0, packetsLastHour: 0 };
        all.push(o);
        fresh.set(oid, o);
      }
      if (o) {
        o.last_packet_at = ts;
        clearTimeout(renderT);
        renderT = setTimeout(render, 300);
      }
    }
    if (!pending) pending = setTimeout(() => { pending = null; load(); }, 3000);
  });
  load();
  return () => { ctrl.abort(); clearInterval(iv); clearTimeout(pending); clearTimeout(renderT); unsub(); };
}
