// Relay Airtime tab: each payload type's share of relayed airtime versus its share of packets.
import { h } from '../../lib/dom.js';
import { fmtDec } from '../../lib/format.js';
import { add, stat, chart, num, table, section } from '../../components/analytics-kit.js';

/** render draws the relay-airtime tab into box. */
export async function render(box, { get }) {
  const a = await get('/analytics/relay-airtime-share');
  const rows = a.rows || [];
  const p = a.preset || {};
  add(box, h('div', { class: 'cards an-cards' }, stat('Transmissions', num(a.total_count), 'count'),
    stat('Relay airtime', `${fmtDec((a.total_score || 0) / 1e9)} s`, 'airtime'),
    stat('Radio preset', `${fmtDec((p.freq_hz || 0) / 1e6, 3)} MHz · ${p.bw_khz} kHz · SF${p.sf} · CR4/${p.cr}`, 'preset')));
  add(box, chart('Share of relay airtime vs share of packets', 'airShare', rows.length > 0, (c) => ({ type: 'bar',
    data: { labels: rows.map((r) => r.payload_type), datasets: [{ label: 'Airtime %', data: rows.map((r) => r.airtime_pct), backgroundColor: c.warn },
      { label: 'Packets %', data: rows.map((r) => r.count_pct), backgroundColor: c.accent }] },
    options: { indexAxis: 'y', plugins: { legend: { display: true } }, scales: { x: { beginAtZero: true } } } }), { tall: true }),
  section('By payload type', table(['Type', 'Packets', 'Packets %', 'Airtime %'], rows.map((r) => [r.payload_type, num(r.count), `${fmtDec(r.count_pct)} %`, `${fmtDec(r.airtime_pct)} %`]))));
}
