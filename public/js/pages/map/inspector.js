// Map side pane "Path inspector" (#/map?prefixes=2c,a1): enter hop prefixes, draw the best-scoring
// route through the nodes they stand for, list its hops with distances, link to the full page.
import { h, replace } from '../../lib/dom.js';
import { isAbort } from '../../lib/api.js';
import { fmtDec } from '../../lib/format.js';
import { parsePrefixes, prefixesParam } from '../../logic/path-inspect.js';
import { loadInspection } from '../../components/path-inspection.js';
import { drawStops, hopList } from './route.js';

/**
 * inspectorPane returns the pane body. onPrefixes(param) is told the list to put in the URL;
 * onDrawn(locatedStops) runs after a route is drawn on overlay.
 */
export function inspectorPane({ L, overlay, prefixes, signal, onPrefixes, onDrawn }) {
  const input = h('input', { type: 'text', id: 'mapPiInput', value: parsePrefixes(prefixes).map((p) => p.toUpperCase()).join(','),
    placeholder: '2C,A1,F4', 'aria-label': 'Hop prefixes, comma-separated hex', spellcheck: 'false', autocomplete: 'off' });
  const out = h('div', { id: 'mapPiResult', 'aria-live': 'polite' });
  const form = h('form', { class: 'toolbar' }, input, h('button', { type: 'submit', class: 'primary' }, 'Inspect'));
  async function run(list) {
    overlay.clearLayers();
    onPrefixes(prefixesParam(list));
    if (!list.length) { replace(out, h('p', { class: 'muted' }, 'Enter the hop prefixes of a path to draw its most plausible route.')); return; }
    replace(out, h('p', { class: 'muted' }, 'Inspecting…'));
    try {
      const d = await loadInspection(list, signal);
      const best = d.routes[0];
      const full = h('a', { href: `#/tools/path-inspector?prefixes=${prefixesParam(list)}`, id: 'mapPiFull' }, 'Open in Path Inspector');
      if (!best) { replace(out, h('p', { class: 'muted' }, 'No route: at least one prefix matches no known node.'), h('p', null, full)); return; }
      const stops = best.path.map((k, i) => {
        const c = d.coords.get(k) || {};
        return { label: best.names[i] || c.name || k.slice(0, 8), role: i === 0 ? 'origin' : i === best.path.length - 1 ? 'observer' : 'hop', key: k, lat: c.lat, lon: c.lon };
      });
      const rows = drawStops(L, overlay, stops);
      replace(out, h('p', { class: 'pane-links' }, `Best of ${d.routes.length} route${d.routes.length === 1 ? '' : 's'} · score `,
        h('strong', { id: 'mapPiScore' }, fmtDec(best.score, 3)), best.speculative ? ' (speculative)' : '', ' · ', full), hopList(rows));
      onDrawn(rows.filter((r) => r.located).length);
    } catch (e) {
      if (!isAbort(e)) replace(out, h('p', { class: 'error-text', role: 'alert' }, e.status === 400 ? `Invalid prefixes: ${e.message}` : `Inspection failed: ${e.message}`));
    }
  }
  form.addEventListener('submit', (e) => { e.preventDefault(); run(parsePrefixes(input.value)); });
  run(parsePrefixes(prefixes));
  return [h('p', { class: 'muted small' }, 'Hop prefixes as they appear in a packet path (same length each).'), form, out];
}
