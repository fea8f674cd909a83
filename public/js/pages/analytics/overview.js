// Overview tab: headline cards and the main charts from the preloaded analytics set.
import { h } from '../../lib/dom.js';
import { fmtDec } from '../../lib/format.js';
import { add, stat, chart, bar, num, PALETTE } from '../../components/analytics-kit.js';

/** render draws the overview into box. */
export async function render(box, { get }) {
  const [rf, topo, ch, hs, air] = await Promise.all([get('/analytics/rf'), get('/analytics/topology'), get('/analytics/channels'),
    get('/analytics/hash-sizes', { window: null }), get('/analytics/relay-airtime-share')]);
  add(box, h('div', { class: 'cards an-cards' },
    stat('Transmissions', num(rf.totalTransmissions), 'transmissions'), stat('Observations', num(rf.totalAllPackets), 'observations'),
    stat('Known nodes', num(topo.uniqueNodes), 'uniqueNodes'), stat('Avg SNR', rf.totalPackets ? `${fmtDec(rf.snr?.avg)} dB` : '—', 'avgSnr'),
    stat('Avg RSSI', (rf.rssiValues?.bins || []).length ? `${fmtDec(rf.rssi?.avg)} dBm` : '—', 'avgRssi'), stat('Avg hops', fmtDec(topo.avgHops), 'avgHops'),
    stat('Active channels', num(ch.activeChannels), 'channels'), stat('Avg size', rf.totalTransmissions ? `${fmtDec(rf.avgPacketSize)} B` : '—', 'avgSize'),
    stat('Time span', `${fmtDec(rf.timeSpanHours)} h`, 'span')));
  const perHour = rf.packetsPerHour || [];
  const types = rf.payloadTypes || [];
  const hops = topo.hopDistribution || [];
  const rows = air.rows || [];
  const dist = hs.distribution || {};
  add(box, h('div', { class: 'an-grid' },
    chart('Packets per hour', 'ovPerHour', perHour.length > 0, (c) => bar(perHour.map((x) => x.hour.slice(5).replace('T', ' ')), perHour.map((x) => x.count), c.accent)),
    chart('Payload types', 'ovTypes', types.length > 0, () => ({ type: 'doughnut',
      data: { labels: types.map((t) => t.name), datasets: [{ data: types.map((t) => t.count), backgroundColor: PALETTE }] },
      options: { plugins: { legend: { display: true, position: 'right' } } } })),
    chart('Hop distribution', 'ovHops', hops.length > 0, (c) => bar(hops.map((x) => String(x.hops)), hops.map((x) => x.count), c.info)),
    chart('Relay airtime share by type', 'ovAirtime', rows.length > 0, (c) => ({ type: 'bar',
      data: { labels: rows.map((r) => r.payload_type), datasets: [{ label: 'Airtime %', data: rows.map((r) => r.airtime_pct), backgroundColor: c.warn },
        { label: 'Count %', data: rows.map((r) => r.count_pct), backgroundColor: c.accent }] },
      options: { indexAxis: 'y', scales: { x: { beginAtZero: true, max: 100 } } } })),
    chart('Path hash sizes', 'ovHashSizes', (hs.total || 0) > 0, (c) => bar(['1 byte', '2 bytes', '3 bytes'], [dist['1'] || 0, dist['2'] || 0, dist['3'] || 0], c.ok))));
}
