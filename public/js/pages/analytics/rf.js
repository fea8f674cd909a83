// RF / Signal tab: SNR and RSSI histograms, SNR vs RSSI scatter, SNR by payload type, signal over time.
import { h } from '../../lib/dom.js';
import { fmtDec } from '../../lib/format.js';
import { add, stat, chart, bar, histBars, num, table } from '../../components/analytics-kit.js';

/** render draws the RF tab into box. */
export async function render(box, { get }) {
  const rf = await get('/analytics/rf');
  const snr = histBars(rf.snrValues, 1);
  const rssi = histBars(rf.rssiValues, 0);
  const sizes = histBars(rf.packetSizes, 0);
  const over = rf.signalOverTime || [];
  const scatter = rf.scatterData || [];
  add(box, h('div', { class: 'cards an-cards' },
    stat('Observations with SNR', num(rf.totalPackets), 'snrObs'), stat('SNR median', rf.totalPackets ? `${fmtDec(rf.snr?.median)} dB` : '—', 'snrMedian'),
    stat('SNR stddev', rf.totalPackets ? fmtDec(rf.snr?.stddev) : '—', 'snrStd'), stat('RSSI median', (rf.rssiValues?.bins || []).length ? `${fmtDec(rf.rssi?.median)} dBm` : '—', 'rssiMedian'),
    stat('Packet size', `${num(rf.minPacketSize)}–${num(rf.maxPacketSize)} B`, 'sizes')));
  add(box, h('div', { class: 'an-grid' },
    chart('SNR distribution (dB)', 'rfSnr', snr.counts.length > 0, (c) => bar(snr.labels, snr.counts, c.accent)),
    chart('RSSI distribution (dBm)', 'rfRssi', rssi.counts.length > 0, (c) => bar(rssi.labels, rssi.counts, c.info)),
    chart('SNR vs RSSI', 'rfScatter', scatter.length > 0, (c) => ({ type: 'scatter',
      data: { datasets: [{ label: 'Observation', data: scatter.map((p) => ({ x: p.rssi, y: p.snr })), backgroundColor: c.accent, pointRadius: 2 }] },
      options: { scales: { x: { title: { display: true, text: 'RSSI (dBm)' } }, y: { title: { display: true, text: 'SNR (dB)' } } } } })),
    chart('Average SNR over time', 'rfOverTime', over.length > 0, (c) => ({ type: 'line',
      data: { labels: over.map((x) => x.hour.slice(5).replace('T', ' ')), datasets: [{ label: 'Avg SNR', data: over.map((x) => x.avgSnr), borderColor: c.ok, pointRadius: 1 }] } })),
    chart('Packet sizes (bytes)', 'rfSizes', sizes.counts.length > 0, (c) => bar(sizes.labels, sizes.counts, c.warn))),
  h('section', { class: 'card an-card' }, h('h2', null, 'SNR by payload type'),
    table(['Type', 'Observations', 'Avg SNR', 'Min', 'Max'], (rf.snrByType || []).map((t) => [t.name, num(t.count), fmtDec(t.avg), fmtDec(t.min), fmtDec(t.max)]))));
}
