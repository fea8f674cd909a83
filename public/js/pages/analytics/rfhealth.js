// RF Health tab: per-observer noise floor and battery summary with sparklines (observer_metrics).
import { h } from '../../lib/dom.js';
import { sparklineChart } from '../../lib/charts.js';
import { fmtDec } from '../../lib/format.js';
import { add, num, table, section } from '../../components/analytics-kit.js';

const RANGES = [['24h', '24 h'], ['3d', '3 d'], ['7d', '7 d'], ['30d', '30 d']];

/** render draws the RF-health tab into box. */
export async function render(box, { get, query }) {
  const range = RANGES.some((r) => r[0] === query.range) ? query.range : '24h';
  const s = await get('/observers/metrics/summary', { window: range });
  const obs = s.observers || [];
  add(box, h('p', { class: 'muted' }, `Noise floor per observer over the last ${range} (observer status metrics, worst first).`),
    section('Observers', table(['Observer', 'Region', 'Noise now', 'Avg', 'Max', 'Battery', 'Samples', 'Trend'], obs.map((o) => {
      const cv = h('canvas', { width: '120', height: '28', class: 'an-spark', 'aria-label': `Noise floor trend for ${o.observer_name || o.observer_id}` });
      const vals = (o.sparkline || []).map((v) => (v === null ? null : v));
      if (vals.some((v) => v !== null)) sparklineChart(cv, vals).catch(() => {});
      return [h('a', { href: `#/observers/${encodeURIComponent(o.observer_id)}` }, o.observer_name || o.observer_id), o.iata || '—',
        fmtDec(o.current_noise_floor), fmtDec(o.avg_noise_floor_24h), fmtDec(o.max_noise_floor_24h), o.battery_mv ? `${num(o.battery_mv)} mV` : '—', num(o.sample_count), cv];
    }), { empty: 'No observer metrics in this range (observers report noise floor and battery in their status messages).' })));
}
