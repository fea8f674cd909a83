// Analytics (#/analytics): an overview of what the API aggregates today — network counts from
// /api/stats, RF and payload-type summaries (/api/analytics/rf), hop/repeater summary
// (/api/analytics/topology) and channel activity (/api/analytics/channels). The 16-tab analytics
// suite is a separate issue.
import { h, replace } from '../lib/dom.js';
import { getJSON, isAbort } from '../lib/api.js';
import { fmtNum, fmtDec, timeAgo } from '../lib/format.js';
import { barChart } from './observer.js';

function table(cols, rows) {
  if (!rows.length) return h('p', { class: 'muted' }, 'No data.');
  return h('div', { class: 'table-wrap' }, h('table', { class: 'data' },
    h('thead', null, h('tr', null, cols.map((c) => h('th', { scope: 'col' }, c)))),
    h('tbody', null, rows.map((r) => h('tr', null, r.map((c) => h('td', null, c ?? '—')))))));
}

/** mount renders the analytics overview. */
export function mount(el) {
  const ctrl = new AbortController();
  const opt = { signal: ctrl.signal, quiet: true };
  const stats = h('div', { class: 'cards', id: 'analyticsContent' }, h('p', { class: 'muted' }, 'Loading…'));
  const rf = h('div', { class: 'grid-2' }, h('p', { class: 'muted' }, 'Loading RF analytics…'));
  const topo = h('div', { class: 'grid-2' }, h('p', { class: 'muted' }, 'Loading topology…'));
  const chans = h('div', null, h('p', { class: 'muted' }, 'Loading channel analytics…'));
  replace(el, h('section', { class: 'page analytics-page' }, h('h1', null, 'Analytics overview'), stats,
    h('h2', null, 'RF and traffic'), rf, h('h2', null, 'Topology'), topo, h('h2', null, 'Channels'), chans));
  const card = (l, v, id) => h('div', { class: 'card stat-card', dataset: { stat: id } }, h('div', { class: 'stat-value' }, v), h('div', { class: 'stat-label' }, l));
  const fail = (box, what) => (e) => { if (!isAbort(e)) replace(box, h('p', { class: 'muted' }, `${what} unavailable: ${e.message}`)); };
  const load = async (box, what, path, render) => {
    try { render(await getJSON(path, null, opt)); } catch (e) { fail(box, what)(e); }
  };
  load(stats, 'Stats', '/stats', (s) => {
    const c = s.counts || {};
    replace(stats, card('Transmissions', fmtNum(s.totalTransmissions ?? s.totalPackets), 'transmissions'), card('Observations', fmtNum(s.totalObservations), 'observations'),
      card('Nodes (7 d)', fmtNum(s.totalNodes), 'nodes'), card('Nodes (all time)', fmtNum(s.totalNodesAllTime), 'nodesAll'),
      card('Observers', fmtNum(s.totalObservers), 'observers'), card('Repeaters', fmtNum(c.repeaters), 'repeaters'), card('Rooms', fmtNum(c.rooms), 'rooms'),
      card('Companions', fmtNum(c.companions), 'companions'), card('Sensors', fmtNum(c.sensors), 'sensors'));
  });
  load(rf, 'RF analytics', '/analytics/rf', (a) => replace(rf,
    h('section', { class: 'card' }, h('h3', null, 'Signal'), h('dl', { class: 'kv' },
      h('dt', null, 'Observations with SNR'), h('dd', null, fmtNum(a.totalPackets)),
      h('dt', null, 'SNR avg / median'), h('dd', null, `${fmtDec(a.snr?.avg)} / ${fmtDec(a.snr?.median)} dB`),
      h('dt', null, 'RSSI avg / median'), h('dd', null, `${fmtDec(a.rssi?.avg)} / ${fmtDec(a.rssi?.median)} dBm`),
      h('dt', null, 'Packet size avg'), h('dd', null, `${fmtDec(a.avgPacketSize)} B (${fmtNum(a.minPacketSize)}–${fmtNum(a.maxPacketSize)})`))),
    h('section', { class: 'card' }, h('h3', null, 'Payload types'), h('ul', { class: 'plain-list' },
      (a.payloadTypes || []).map((t) => h('li', null, `${t.name}: ${fmtNum(t.count)}`)))),
    h('section', { class: 'card' }, h('h3', null, 'Packets per hour'),
      barChart((a.packetsPerHour || []).map((x) => ({ label: x.hour, count: x.count })), 'Packets per hour'))));
  load(topo, 'Topology', '/analytics/topology', (t) => replace(topo,
    h('section', { class: 'card' }, h('h3', null, 'Hops'), h('dl', { class: 'kv' },
      h('dt', null, 'Unique nodes in paths'), h('dd', null, fmtNum(t.uniqueNodes)),
      h('dt', null, 'Avg / median / max hops'), h('dd', null, `${fmtDec(t.avgHops)} / ${fmtDec(t.medianHops)} / ${fmtNum(t.maxHops)}`)),
    barChart((t.hopDistribution || []).map((x) => ({ label: `${x.hops} hops`, count: x.count })), 'Hop distribution')),
    h('section', { class: 'card' }, h('h3', null, 'Top repeaters'), table(['Hop', 'Name', 'Packets'], (t.topRepeaters || []).slice(0, 10).map((r) => [
      h('span', { class: 'mono' }, r.hop), r.pubkey ? h('a', { href: `#/nodes/${r.pubkey}` }, r.name || r.pubkey.slice(0, 8)) : (r.name || '—'), fmtNum(r.count)])))));
  load(chans, 'Channel analytics', '/analytics/channels', (c) => replace(chans,
    h('p', { class: 'muted' }, `${fmtNum(c.activeChannels)} active channels, ${fmtNum(c.decryptable)} decryptable`),
    table(['Channel', 'Messages', 'Senders', 'Last activity'], (c.channels || []).map((x) => [x.name || x.hash, fmtNum(x.messages), fmtNum(x.senders), timeAgo(x.lastActivity)]))));
  return () => ctrl.abort();
}
