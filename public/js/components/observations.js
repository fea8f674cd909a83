// Packet detail: the observations table (click one to view it) and the distinct paths seen across observers.
import { h } from '../lib/dom.js';
import { absTime, fmtDec } from '../lib/format.js';
import { pathHops, resolveHops } from '../logic/hops.js';
import { parseJSON } from '../logic/payload.js';
import { hopChips } from './badges.js';

/** distinctPaths groups observations by hop sequence: [{hops, count, observers:Set, sample}] most common first. */
export function distinctPaths(observations) {
  const m = new Map();
  for (const o of observations) {
    const hops = pathHops(o);
    const k = hops.join(',');
    if (!m.has(k)) m.set(k, { hops, count: 0, observers: new Set(), sample: o });
    const e = m.get(k);
    e.count++;
    if (o.observer_id) e.observers.add(o.observer_id);
  }
  return [...m.values()].sort((a, b) => b.count - a.count || b.hops.length - a.hops.length);
}

/** observationsSection renders both parts for more than one observation (null otherwise). */
export function observationsSection(observations, idx, { nodes = null, hexOnly = false, onSelectObs = null } = {}) {
  if (observations.length < 2) return null;
  const paths = distinctPaths(observations);
  const pick = (id) => onSelectObs && onSelectObs(id);
  return h('section', { class: 'obs-section' },
    h('h3', null, `Observations (${observations.length})`),
    h('div', { class: 'table-wrap' }, h('table', { class: 'data obs-table' },
      h('thead', null, h('tr', null, ['Observer', 'Hops', 'SNR', 'RSSI', 'Time'].map((x) => h('th', { scope: 'col' }, x)))),
      h('tbody', null, observations.map((o, i) => h('tr', {
        class: 'clickable detail-obs-row', tabindex: '0', 'aria-selected': i === idx ? 'true' : null, dataset: { obs: String(o.id) },
        onclick: () => pick(o.id),
        onkeydown: (e) => { if (e.key === 'Enter' || e.key === ' ') { e.preventDefault(); pick(o.id); } },
      }, h('td', null, o.observer_name || o.observer_id || '—', o.observer_iata ? [' ', h('span', { class: 'badge' }, o.observer_iata)] : null),
      h('td', { class: 'num' }, String(pathHops(o).length)), h('td', { class: 'num' }, fmtDec(o.snr)),
      h('td', { class: 'num' }, fmtDec(o.rssi, 0)), h('td', null, absTime(o.timestamp))))))),
    h('h3', null, `Paths seen (${paths.length})`),
    h('ul', { class: 'plain-list paths-seen' }, paths.map((p) => {
      const resolved = Array.isArray(p.sample.resolved_path) ? p.sample.resolved_path : parseJSON(p.sample.resolved_path, null);
      return h('li', null, hopChips(resolveHops(p.hops, resolved, nodes?.prefix, nodes?.byKey), { hexOnly }),
        h('span', { class: 'muted' }, ` · ${p.count} obs × ${p.observers.size} observer${p.observers.size === 1 ? '' : 's'}`));
    })));
}
