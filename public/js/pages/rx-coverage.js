// RX coverage (#/rx-coverage?days=1|7|30&rx=<pubkey>): receptions reported by mobile clients (a phone
// with a companion radio and GPS), binned into hexagons coloured by best SNR, refetched for the map's
// view and zoom; and the leaderboard of receivers (score = Σ 1/receivers per cell they reported from).
// While clientRxCoverage is off the page says how to enable it.
import { h, replace } from '../lib/dom.js';
import { getJSON, isAbort } from '../lib/api.js';
import { buildHash } from '../lib/url.js';
import { fmtDec, fmtNum } from '../lib/format.js';
import { analyticsCSS, stat, section, table } from '../components/analytics-kit.js';
import { pageCSS } from '../components/map/tiles.js';
import { openMap, coverageLayer, snrLegend, offNotice } from '../components/reach-maps.js';
import { DAY_CHOICES, pickDays, hexRes, bboxParam, totalCount, isHexKey } from '../logic/coverage.js';

/** mount renders the RX coverage dashboard. */
export function mount(el, ctx) {
  analyticsCSS();
  pageCSS('reach.css');
  const ctrl = new AbortController();
  const opt = { signal: ctrl.signal, quiet: true };
  const days = pickDays(ctx.query.days);
  const rx = isHexKey(ctx.query.rx) ? ctx.query.rx.toLowerCase() : '';
  const hashFor = (q) => buildHash(['rx-coverage'], { days, rx, ...q }, { days: '7' });
  const range = h('div', { class: 'seg', role: 'group', 'aria-label': 'Time range' }, DAY_CHOICES.map(([v, l]) =>
    h('a', { class: 'btn', href: hashFor({ days: v }), 'aria-current': v === days ? 'true' : null, dataset: { days: v } }, l)));
  const cards = h('div', { class: 'cards an-cards', id: 'rxCards' });
  const filter = h('div', { class: 'rxcov-filter', id: 'rxFilter' });
  const mapEl = h('div', { id: 'rxMap', class: 'rxcov-map', role: 'region', 'aria-label': 'Map of mobile receptions in hexagonal cells' });
  const mapNote = h('p', { class: 'muted', id: 'rxMapNote', role: 'status' }, 'Loading coverage…');
  const board = h('div', { id: 'rxBoard' });
  const body = h('div', { class: 'an-tab', id: 'rxBody' }, cards, filter,
    h('div', { class: 'rxcov-map-wrap' }, mapEl), snrLegend('Cell colour by best SNR'), mapNote, board);
  const page = h('section', { class: 'page rxcov-page', dataset: { loaded: 'false' } },
    h('div', { class: 'page-head an-head' }, h('h1', null, 'RX coverage'), range),
    h('p', { class: 'muted an-help' }, 'Where mobile clients heard the mesh: each hexagon counts the receptions reported from inside it, coloured by the best SNR.'),
    body);
  replace(el, page);
  let m = null;
  let layer = null;
  let timer = 0;
  let seq = 0;

  const load = async (fit) => {
    if (ctrl.signal.aborted) return; // removing the map fires a last moveend
    const my = ++seq;
    const q = { days, z: hexRes(m.map.getZoom()), rx };
    if (!fit) {
      const b = m.map.getBounds();
      q.bbox = bboxParam({ south: b.getSouth(), west: b.getWest(), north: b.getNorth(), east: b.getEast() });
    }
    let fc;
    try { fc = await getJSON('/rx-coverage', q, opt); } catch (e) {
      if (!isAbort(e)) mapNote.textContent = `Coverage unavailable: ${e.message}`;
      return;
    }
    if (my !== seq || ctrl.signal.aborted) return;
    layer?.remove();
    layer = coverageLayer(m.L, fc).addTo(m.map);
    mapEl.dataset.query = new URLSearchParams(Object.entries(q).filter(([, v]) => v !== '')).toString();
    mapEl.dataset.cells = String(fc.features.length);
    mapEl.dataset.receptions = String(totalCount(fc));
    mapNote.textContent = fc.features.length
      ? `${fmtNum(totalCount(fc))} receptions in ${fmtNum(fc.features.length)} cells in view${fc.truncated ? ' (densest cells only)' : ''}.`
      : 'No receptions in this view.';
    if (fit && fc.features.length) {
      const b = layer.getBounds();
      if (b.isValid()) m.map.fitBounds(b, { padding: [20, 20], maxZoom: 14, animate: false });
    }
  };

  const run = async () => {
    let lb;
    try { lb = await getJSON('/rx-leaderboard', { days, limit: 100 }, opt); } catch (e) {
      if (isAbort(e)) return;
      if (e.status === 404) {
        replace(body, offNotice('rxCoverageOff'));
        page.dataset.loaded = 'off';
      } else {
        replace(body, h('p', { class: 'error-text' }, `RX coverage unavailable: ${e.message}`));
        page.dataset.loaded = 'error';
      }
      return;
    }
    const obs = lb.observers || [];
    const sum = (k) => obs.reduce((s, o) => s + (o[k] || 0), 0);
    replace(cards, stat('Receivers', fmtNum(obs.length), 'receivers'), stat('Receptions', fmtNum(sum('receptions')), 'receptions'),
      stat('Cells reported', fmtNum(sum('cells')), 'cells'));
    const who = obs.find((o) => o.pubkey === rx);
    replace(filter, rx ? [h('span', null, 'Showing receiver ', h('strong', null, who?.name || `${rx.slice(0, 8)}…`)), h('a', { href: hashFor({ rx: '' }), id: 'rxShowAll' }, 'Show all receivers')] : null);
    replace(board, section('Receivers', obs.length
      ? table(['#', 'Receiver', 'Receptions', 'Nodes heard', 'Cells', 'Score'], obs.map((o, i) => ({ key: o.pubkey, cells: [String(i + 1),
        h('a', { href: hashFor({ rx: o.pubkey }), 'aria-current': o.pubkey === rx ? 'true' : null }, o.name || `${o.pubkey.slice(0, 8)}…`),
        fmtNum(o.receptions), fmtNum(o.nodes), fmtNum(o.cells), fmtDec(o.score, 2)] })))
      : h('p', { class: 'muted empty', id: 'rxEmpty' }, `No mobile client reported a reception in the last ${days} day${days === '1' ? '' : 's'}. Clients publish to meshcore/client/<PUBLIC_KEY>/packets with a gps object; see docs/configuration.md.`),
    h('p', { class: 'muted an-help' }, 'Score: each cell a receiver reported from counts 1 divided by the number of receivers that reported from it, so coverage nobody else gives counts most.')));
    page.dataset.loaded = 'true';
    try { m = await openMap(mapEl, ctrl.signal); } catch (e) {
      if (!isAbort(e)) mapNote.textContent = `Map unavailable: ${e.message}`;
      return;
    }
    if (ctrl.signal.aborted) { m.close(); m = null; return; }
    await load(true);
    m.map.on('moveend', () => { clearTimeout(timer); if (!ctrl.signal.aborted) timer = setTimeout(() => load(false), 300); });
  };
  run().catch((e) => {
    if (isAbort(e) || ctrl.signal.aborted) return;
    replace(body, h('p', { class: 'error-text' }, `RX coverage unavailable: ${e.message}`));
    page.dataset.loaded = 'error';
  });
  return () => { ctrl.abort(); clearTimeout(timer); m?.close(); };
}
