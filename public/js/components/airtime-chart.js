// Airtime chart (issue #22 item 8): estimated time-on-air per hour as a share of the hour, with the
// regional duty-cycle limit drawn as a line. Used by the observer page (airtime heard) and the node
// page of repeaters and rooms (airtime sent: originated + relayed through resolved hops).
import { h, replace } from '../lib/dom.js';
import { getJSON, isAbort } from '../lib/api.js';
import { makeChart } from '../lib/charts.js';
import { fmtDec } from '../lib/format.js';

const EXPLAIN = {
  observer: 'Estimate: the LoRa time-on-air of every packet this observer heard, from each packet\'s size and the configured radio preset, summed per hour and shown as a share of the hour.',
  node: 'Estimate: the LoRa time-on-air of the packets this node sent itself plus those it relayed (a relay counts only where a path hop resolved to this node\'s full key), from packet sizes and the configured radio preset, summed per hour.',
};

/** presetText describes the radio preset the estimate used. */
function presetText(p) {
  if (!p) return '';
  return `SF${p.sf}, ${fmtDec(p.bw_khz, 1)} kHz, CR 4/${p.cr}`;
}

/** hourLabel turns an RFC 3339 hour into "HH:00" in the viewer's time zone. */
function hourLabel(iso) {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? String(iso) : `${String(d.getHours()).padStart(2, '0')}:00`;
}

/**
 * airtimeCard returns a card that loads `path` (an /api/…/airtime path) and draws duty cycle per hour
 * with the limit line. kind is "observer" or "node"; id names the canvas.
 */
export function airtimeCard(path, kind, id, { signal, hours = 24 } = {}) {
  const explain = EXPLAIN[kind] || EXPLAIN.observer;
  const note = h('span', { class: 'muted small', dataset: { total: id } });
  const info = h('button', { type: 'button', class: 'btn-icon info-tip', title: explain, 'aria-label': `About this estimate: ${explain}` }, 'i');
  const box = h('div', { class: 'chart-box' }, h('p', { class: 'muted' }, 'Loading airtime…'));
  const caption = h('p', { class: 'muted small airtime-caption' });
  const card = h('section', { class: 'card obs-chart airtime-card', id: `${id}Card`, dataset: { airtime: kind } },
    h('div', { class: 'obs-chart-head' }, h('h2', null, 'Airtime', ' ', info), note), box, caption);
  getJSON(path, { hours }, { signal, quiet: true }).then((a) => {
    const buckets = a.buckets || [];
    const limit = Number(a.limit_pct) || 0;
    const total = buckets.reduce((s, b) => s + (Number(b.airtime_ms) || 0), 0);
    const peak = buckets.reduce((m, b) => Math.max(m, Number(b.duty_cycle_pct) || 0), 0);
    note.textContent = `${fmtDec(total / 1000, 1)} s in ${buckets.length} h · peak ${fmtDec(peak, 2)} %`;
    caption.textContent = `${explain} Radio: ${presetText(a.preset)}. Dashed line: the regional duty-cycle limit (${fmtDec(limit, 1)} % of each hour, analytics.dutyCycleLimitPct).`;
    if (!buckets.some((b) => b.packets > 0)) {
      replace(box, h('p', { class: 'muted empty' }, kind === 'node'
        ? `No packets sent or relayed by this node in the last ${buckets.length} hours.`
        : `No packets heard by this observer in the last ${buckets.length} hours.`));
      card.dataset.loaded = 'true';
      return;
    }
    const canvas = h('canvas', { id, role: 'img', 'aria-label': `Airtime per hour as a share of the hour, limit ${limit} %` });
    replace(box, canvas);
    makeChart(canvas, (c) => ({
      type: 'bar',
      data: {
        labels: buckets.map((b) => hourLabel(b.hour)),
        datasets: [
          { type: 'bar', label: 'Duty cycle (%)', data: buckets.map((b) => b.duty_cycle_pct), backgroundColor: c.accent, maxBarThickness: 32, order: 2, pointStyle: 'rect' },
          { type: 'line', label: `Limit (${limit} %)`, data: buckets.map(() => limit), borderColor: c.bad, backgroundColor: c.bad,
            borderDash: [6, 4], borderWidth: 2, pointRadius: 0, pointStyle: 'line', fill: false, order: 1 },
        ],
      },
      options: {
        responsive: true, maintainAspectRatio: false,
        scales: { y: { beginAtZero: true, suggestedMax: limit * 1.1, title: { display: true, text: '% of hour' } } },
        plugins: { legend: { labels: { usePointStyle: true } }, tooltip: { callbacks: {
          afterLabel: (ctx) => (ctx.datasetIndex === 0
            ? `${fmtDec(buckets[ctx.dataIndex].airtime_ms, 0)} ms on air, ${buckets[ctx.dataIndex].packets} packets (estimate)` : ''),
        } } },
      },
    })).then(() => { card.dataset.loaded = 'true'; }, (e) => replace(box, h('p', { class: 'error-text' }, `Chart unavailable: ${e.message}`)));
  }, (e) => { if (!isAbort(e)) replace(box, h('p', { class: 'error-text' }, `Airtime unavailable: ${e.message}`)); });
  return card;
}
