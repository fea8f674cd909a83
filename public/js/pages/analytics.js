// Analytics (#/analytics?tab=): an overview of what the API aggregates today — network counts from
// /api/stats and RF / payload-type summaries from /api/analytics/rf. The 16-tab analytics suite is a
// separate issue.
import { h, replace } from '../lib/dom.js';
import { getJSON, isAbort } from '../lib/api.js';
import { fmtNum, fmtDec } from '../lib/format.js';
import { barChart } from './observer.js';

/** mount renders the analytics overview. */
export function mount(el) {
  const ctrl = new AbortController();
  const stats = h('div', { class: 'cards', id: 'analyticsContent' }, h('p', { class: 'muted' }, 'Loading…'));
  const rf = h('div', { class: 'grid-2' }, h('p', { class: 'muted' }, 'Loading RF analytics…'));
  replace(el, h('section', { class: 'page analytics-page' }, h('h1', null, 'Analytics overview'), stats, h('h2', null, 'RF and traffic'), rf));
  const card = (l, v, id) => h('div', { class: 'card stat-card', dataset: { stat: id } }, h('div', { class: 'stat-value' }, v), h('div', { class: 'stat-label' }, l));
  (async () => {
    try {
      const s = await getJSON('/stats', null, { signal: ctrl.signal });
      const c = s.counts || {};
      replace(stats, card('Transmissions', fmtNum(s.totalTransmissions ?? s.totalPackets), 'transmissions'), card('Observations', fmtNum(s.totalObservations), 'observations'),
        card('Nodes (7 d)', fmtNum(s.totalNodes), 'nodes'), card('Nodes (all time)', fmtNum(s.totalNodesAllTime), 'nodesAll'),
        card('Observers', fmtNum(s.totalObservers), 'observers'), card('Repeaters', fmtNum(c.repeaters), 'repeaters'), card('Rooms', fmtNum(c.rooms), 'rooms'),
        card('Companions', fmtNum(c.companions), 'companions'), card('Sensors', fmtNum(c.sensors), 'sensors'));
    } catch (e) { if (!isAbort(e)) replace(stats, h('p', { class: 'error-text' }, e.message)); }
    try {
      const a = await getJSON('/analytics/rf', null, { signal: ctrl.signal, quiet: true });
      replace(rf,
        h('section', { class: 'card' }, h('h2', null, 'Signal'), h('dl', { class: 'kv' },
          h('dt', null, 'Observations with SNR'), h('dd', null, fmtNum(a.totalPackets)),
          h('dt', null, 'SNR avg / median'), h('dd', null, `${fmtDec(a.snr?.avg)} / ${fmtDec(a.snr?.median)} dB`),
          h('dt', null, 'RSSI avg / median'), h('dd', null, `${fmtDec(a.rssi?.avg)} / ${fmtDec(a.rssi?.median)} dBm`),
          h('dt', null, 'Packet size avg'), h('dd', null, `${fmtDec(a.avgPacketSize)} B (${fmtNum(a.minPacketSize)}–${fmtNum(a.maxPacketSize)})`))),
        h('section', { class: 'card' }, h('h2', null, 'Payload types'), h('ul', { class: 'plain-list' },
          (a.payloadTypes || []).map((t) => h('li', null, `${t.name}: ${fmtNum(t.count)}`)))),
        h('section', { class: 'card' }, h('h2', null, 'Packets per hour'),
          barChart((a.packetsPerHour || []).map((x) => ({ label: x.hour, count: x.count })), 'Packets per hour')));
    } catch (e) { if (!isAbort(e)) replace(rf, h('p', { class: 'muted' }, `RF analytics unavailable: ${e.message}`)); }
  })();
  return () => ctrl.abort();
}
