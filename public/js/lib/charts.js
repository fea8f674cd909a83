// Chart.js (npm, served locally under /vendor) with theme-aware defaults. Charts re-colour on theme-refresh.
import { loadScript } from './vendor.js';

const live = new Set();

/** chartjs loads the Chart.js UMD build once and returns the global Chart constructor. */
export async function chartjs() {
  await loadScript('/vendor/chart.js/dist/chart.umd.min.js');
  return window.Chart;
}

/** themeColors reads the current theme's CSS custom properties for chart text, grid and series colours. */
export function themeColors() {
  const cs = getComputedStyle(document.documentElement);
  const v = (name, fb) => (cs.getPropertyValue(name) || '').trim() || fb;
  return {
    text: v('--text', '#1b2330'), muted: v('--text-muted', '#5b6675'), grid: v('--border', '#d5dbe3'),
    accent: v('--accent', '#1f6feb'), ok: v('--ok', '#1a7f37'), warn: v('--warn', '#9a6700'), bad: v('--bad', '#cf222e'),
    info: v('--info', '#0969da'), surface: v('--surface', '#ffffff'),
  };
}

function applyTheme(Chart) {
  const c = themeColors();
  Chart.defaults.color = c.muted;
  Chart.defaults.borderColor = c.grid;
  Chart.defaults.font.family = getComputedStyle(document.body).fontFamily;
  if (window.matchMedia('(prefers-reduced-motion: reduce)').matches) Chart.defaults.animation = false;
  else if (Chart.defaults.animation) Chart.defaults.animation.duration = 400;
}

/**
 * makeChart draws a chart on a canvas with theme colours. config may be a function(colors) so series colours
 * follow the theme; the chart is rebuilt on theme change and destroyed when the canvas leaves the document.
 * Returns the Chart instance.
 */
export async function makeChart(canvas, config) {
  const Chart = await chartjs();
  applyTheme(Chart);
  const build = () => new Chart(canvas, typeof config === 'function' ? config(themeColors()) : config);
  const entry = { canvas, chart: build(), build };
  live.add(entry);
  return entry.chart;
}

window.addEventListener('theme-refresh', () => {
  const Chart = window.Chart;
  if (!Chart) return;
  applyTheme(Chart);
  for (const e of [...live]) {
    e.chart.destroy();
    if (!e.canvas.isConnected) { live.delete(e); continue; }
    e.chart = e.build();
  }
});

/** destroyCharts destroys the charts drawn inside root (or, without root, those no longer in the document); call it from page cleanup. */
export function destroyCharts(root = null) {
  for (const e of [...live]) {
    if (root ? root.contains(e.canvas) : !e.canvas.isConnected) { e.chart.destroy(); live.delete(e); }
  }
}

/** sparklineChart draws a tiny axis-free line chart of values on canvas (e.g. packets per hour). */
export function sparklineChart(canvas, values, { color = null } = {}) {
  return makeChart(canvas, (c) => ({
    type: 'line',
    data: { labels: values.map((_, i) => i), datasets: [{ data: values, borderColor: color || c.accent, backgroundColor: 'transparent',
      borderWidth: 1.5, pointRadius: 0, tension: 0.3, fill: false }] },
    options: { responsive: false, animation: false, events: [],
      plugins: { legend: { display: false }, tooltip: { enabled: false } },
      scales: { x: { display: false }, y: { display: false, beginAtZero: true } } },
  }));
}
