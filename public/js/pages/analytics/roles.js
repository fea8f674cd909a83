// Roles tab: node counts per role with their clock health (refreshed every 60 s while open).
import { h, replace } from '../../lib/dom.js';
import { fmtDuration } from '../../lib/format.js';
import { add, stat, chart, num, table, section, PALETTE } from '../../components/analytics-kit.js';
import { destroyCharts } from '../../lib/charts.js';

/** render draws the roles tab into box and refreshes it every minute; returns the cleanup. */
export async function render(box, { get }) {
  const draw = (r) => {
    destroyCharts(box);
    const roles = r.roles || [];
    replace(box, h('div', { class: 'cards an-cards' }, stat('Nodes', num(r.totalNodes), 'totalNodes'), ...roles.map((x) => stat(x.role, num(x.nodeCount), `role-${x.role}`))));
    add(box, h('div', { class: 'an-grid' },
      chart('Role distribution', 'rolesPie', roles.length > 0, () => ({ type: 'doughnut',
        data: { labels: roles.map((x) => x.role), datasets: [{ data: roles.map((x) => x.nodeCount), backgroundColor: PALETTE }] },
        options: { plugins: { legend: { display: true, position: 'right' } } } })),
      chart('Clock health by role', 'rolesClock', roles.some((x) => x.withSkew > 0), (c) => ({ type: 'bar',
        data: { labels: roles.map((x) => x.role), datasets: [['OK', 'okCount', c.ok], ['Warning', 'warningCount', c.warn], ['Critical', 'criticalCount', c.bad],
          ['Absurd', 'absurdCount', '#8250df'], ['No clock', 'noClockCount', c.muted]].map(([l, k, col]) => ({ label: l, data: roles.map((x) => x[k]), backgroundColor: col })) },
        options: { plugins: { legend: { display: true } }, scales: { x: { stacked: true }, y: { stacked: true, beginAtZero: true } } } }))),
    section('Roles', table(['Role', 'Nodes', 'With clock data', 'Mean |skew|', 'Median |skew|', 'OK', 'Warning', 'Critical', 'Absurd', 'No clock'],
      roles.map((x) => [x.role, num(x.nodeCount), num(x.withSkew), fmtDuration(x.meanAbsSkewSec), fmtDuration(x.medianAbsSkewSec),
        num(x.okCount), num(x.warningCount), num(x.criticalCount), num(x.absurdCount), num(x.noClockCount)]))));
  };
  draw(await get('/analytics/roles', { window: null }));
  const timer = setInterval(() => { get('/analytics/roles', { window: null }).then(draw, () => {}); }, 60000);
  return () => clearInterval(timer);
}
