// Packet trace (#/tools/trace/<hash>, legacy #/traces/<hash>): who heard one packet, when, over which path,
// with a path graph and a per-observer SNR/RSSI timeline (Chart.js).
import { h, replace } from '../lib/dom.js';
import { getJSON, isAbort } from '../lib/api.js';
import { absTime, fmtDec, fmtNum, fmtUnit, shortHash, toMs } from '../lib/format.js';
import { nodeIndex } from '../components/nodeindex.js';
import { makeChart, destroyCharts } from '../lib/charts.js';
import { parseJSON, payloadName } from '../logic/payload.js';
import { buildTraceGraph } from '../logic/trace-graph.js';
import { hashColor } from '../logic/hashcolor.js';
import { typeBadge, scopeBadge } from '../components/badges.js';
import { pathGraph } from '../components/path-graph.js';

const snrClass = (s) => (typeof s !== 'number' ? '' : s > 10 ? 'snr-great' : s > 0 ? 'snr-good' : s > -5 ? 'snr-fair' : 'snr-poor');

/** mount renders a trace. */
export function mount(el, ctx) {
  const ctrl = new AbortController();
  const hash = (ctx.params[1] || ctx.query.hash || '').trim();
  const input = h('input', { id: 'traceHashInput', type: 'search', value: hash, placeholder: 'Packet hash (16 hex)', 'aria-label': 'Packet hash', spellcheck: 'false', size: 20 });
  const results = h('div', { id: 'traceResults', 'aria-live': 'polite' });
  const go = () => { const v = input.value.trim().toLowerCase(); if (v) location.hash = `#/tools/trace/${encodeURIComponent(v)}`; };
  input.addEventListener('keydown', (e) => { if (e.key === 'Enter') go(); });
  const page = h('section', { class: 'page trace-page', 'aria-labelledby': 'traceHeading' },
    h('p', { class: 'crumbs' }, h('a', { href: '#/tools' }, '← Tools')),
    h('div', { class: 'page-head' }, h('h1', { id: 'traceHeading' }, hash ? `Trace ${shortHash(hash)}` : 'Packet trace')),
    h('div', { class: 'toolbar' }, input, h('button', { type: 'button', id: 'traceBtn', class: 'primary', onclick: go }, 'Trace')), results);
  replace(el, page);
  if (!hash) {
    replace(results, h('p', { class: 'muted' }, 'Enter a packet hash to see every observer that heard it, the paths it took and how its signal varied.'));
    return () => ctrl.abort();
  }
  replace(results, h('p', { class: 'muted' }, 'Loading trace…'));
  (async () => {
    try {
      const [tr, det, nodes] = await Promise.all([
        getJSON(`/traces/${encodeURIComponent(hash)}`, null, { signal: ctrl.signal }),
        getJSON(`/packets/${encodeURIComponent(hash)}`, null, { signal: ctrl.signal, quiet: true }).catch(() => null),
        nodeIndex(),
      ]);
      const list = (tr.traces || []).slice().sort((a, b) => (toMs(a.time) ?? 0) - (toMs(b.time) ?? 0));
      if (!list.length) { replace(results, h('p', { class: 'empty' }, 'No observations found for this hash.')); page.dataset.loaded = 'true'; return; }
      render(list, det, nodes);
      page.dataset.loaded = 'true';
    } catch (e) { if (!isAbort(e)) replace(results, h('p', { class: 'error-text' }, `Trace failed: ${e.message}`)); }
  })();

  function render(list, det, nodes) {
    const times = list.map((t) => toMs(t.time)).filter((x) => x !== null);
    const t0 = times.length ? Math.min(...times) : 0;
    const spread = times.length ? (Math.max(...times) - t0) / 1000 : 0;
    const observers = new Map();
    for (const t of list) if (!observers.has(t.observer)) observers.set(t.observer, t.observer_name || t.observer || '?');
    const pkt = det?.packet;
    const dark = document.documentElement.dataset.theme === 'dark';
    const card = (label, value, key) => h('div', { class: 'card stat-card', dataset: { stat: key } }, h('div', { class: 'stat-value' }, value), h('div', { class: 'stat-label' }, label));
    const graph = buildTraceGraph(list.map((t) => ({ observer: t.observer, observerName: t.observer_name, hops: (parseJSON(t.path_json, []) || []).map((x) => String(x).toUpperCase()) })), nodes);
    const hasSignal = list.some((t) => typeof t.snr === 'number' || typeof t.rssi === 'number');
    const canvas = h('canvas', { id: 'traceChart', role: 'img', 'aria-label': `SNR of ${list.length} observations over ${fmtDec(spread)} seconds, per observer` });
    const canvasRssi = h('canvas', { id: 'traceRssiChart', role: 'img', 'aria-label': `RSSI of ${list.length} observations over ${fmtDec(spread)} seconds, per observer` });
    replace(results,
      h('div', { class: 'cards' }, card('Observers', fmtNum(observers.size), 'observers'), card('Observations', fmtNum(list.length), 'observations'),
        card('Time spread', `${fmtDec(spread)} s`, 'spread'), card('Packet type', pkt ? payloadName(pkt.payload_type) : '—', 'type')),
      pkt ? h('p', { class: 'trace-links' }, typeBadge(pkt.payload_type, pkt.route_type), ' ', scopeBadge(pkt), ' ',
        h('a', { href: `#/packets/${hash}` }, 'Open packet detail →'), ' · ', h('a', { href: `#/map?packet=${hash}` }, 'View on map →')) : null,
      h('section', { class: 'card' }, h('h2', null, 'Path graph'),
        h('p', { class: 'muted' }, 'From the origin through the hops in the order they relayed to each observer. Edge colours follow the observer.'),
        pathGraph(graph, { dark, vertical: window.matchMedia('(max-width: 640px)').matches })),
      h('section', { class: 'card' }, h('h2', null, 'Signal over time'), hasSignal
        ? h('div', { class: 'chart-grid' }, h('div', { class: 'chart-box' }, canvas), h('div', { class: 'chart-box' }, canvasRssi)) : h('p', { class: 'muted', id: 'traceNoSignal' }, 'The observers did not report SNR or RSSI for this packet.')),
      h('section', null, h('h2', null, 'Propagation timeline'),
        h('ol', { class: 'timeline' }, list.map((t) => {
          const off = (toMs(t.time) ?? t0) - t0;
          const hops = parseJSON(t.path_json, []) || [];
          return h('li', { class: 'timeline-row' },
            h('a', { class: 'timeline-obs', href: `#/observers/${encodeURIComponent(t.observer || '')}` }, t.observer_name || t.observer || '?'),
            h('span', { class: 'timeline-track', 'aria-hidden': 'true' },
              h('span', { class: 'timeline-mark', style: { left: `${spread ? (off / 1000 / spread) * 100 : 0}%`, background: hashColor(t.observer, dark) } })),
            h('span', { class: 'timeline-meta' }, h('strong', null, `+${(off / 1000).toFixed(1)} s`),
              ` · ${hops.length} hop${hops.length === 1 ? '' : 's'} · `, h('span', { class: snrClass(t.snr) }, `SNR ${fmtUnit(t.snr, 'dB')}`),
              ` · RSSI ${fmtUnit(t.rssi, 'dBm', 0)} · `, h('time', { datetime: t.time || '' }, absTime(t.time))));
        }))));
    if (!hasSignal) return;
    const series = [...observers.keys()].map((id) => ({ id, name: observers.get(id), rows: list.filter((t) => t.observer === id) }));
    const pad = Math.max(0.05, spread * 0.05);
    const signalChart = (cv, key, label) => makeChart(cv, (c) => ({
      type: 'scatter',
      data: { datasets: series.map((sr) => ({ label: sr.name, showLine: sr.rows.length > 1, pointRadius: 5, pointHoverRadius: 7,
        backgroundColor: hashColor(sr.id, dark), borderColor: hashColor(sr.id, dark),
        data: sr.rows.filter((t) => typeof t[key] === 'number').map((t) => ({ x: ((toMs(t.time) ?? t0) - t0) / 1000, y: t[key] })) })) },
      options: { responsive: true, maintainAspectRatio: false,
        plugins: { legend: { position: 'bottom', labels: { boxWidth: 10, color: c.text } },
          tooltip: { callbacks: { label: (ctx) => `${ctx.dataset.label}: ${ctx.parsed.y} ${key === 'snr' ? 'dB' : 'dBm'} at +${ctx.parsed.x.toFixed(2)} s` } } },
        scales: {
          x: { type: 'linear', min: -pad, max: spread + pad, title: { display: true, text: 'seconds after first observation' } },
          y: { type: 'linear', grace: '10%', title: { display: true, text: label } },
        } },
    })).catch((e) => console.warn('chart', e));
    signalChart(canvas, 'snr', 'SNR (dB)');
    signalChart(canvasRssi, 'rssi', 'RSSI (dBm)');
  }
  return () => { ctrl.abort(); destroyCharts(el); };
}
