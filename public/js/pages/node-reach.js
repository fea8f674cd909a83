// Node reach (#/nodes/<pk>/reach?days=1|7|30&coverage=1): who hears the node and whom it hears, with
// the SNR each way where an observer measured it, distance and last heard — on a map (links coloured
// by SNR, dashed when one-way) and in tables; optionally the mobile RX coverage of the node as hexes.
import { h, replace } from '../lib/dom.js';
import { getJSON, isAbort } from '../lib/api.js';
import { buildHash } from '../lib/url.js';
import { fmtDec, fmtNum, fmtDistance, timeAgo } from '../lib/format.js';
import { analyticsCSS, stat, section, table, nodeLink } from '../components/analytics-kit.js';
import { pageCSS } from '../components/map/tiles.js';
import { openMap, coverageLayer, snrLegend, offNotice } from '../components/reach-maps.js';
import { DAY_CHOICES, pickDays, snrColor, totalCount, hexRes } from '../logic/coverage.js';

const hasPos = (x) => Number.isFinite(x?.lat) && Number.isFinite(x?.lon) && !(x.lat === 0 && x.lon === 0);
const snr = (v) => (v === null || v === undefined ? '—' : `${fmtDec(v)} dB`);
const plural = (n, word) => `${fmtNum(n)} ${word}${n === 1 ? '' : 's'}`;
const dist = (v) => (v === null || v === undefined ? '—' : fmtDistance(v));

function linkRows(links) {
  return links.map((l) => ({ key: l.pubkey, cells: [nodeLink(l.pubkey, l.name), l.role || '—', fmtNum(l.they_hear), snr(l.they_hear_snr),
    fmtNum(l.we_hear), snr(l.we_hear_snr), dist(l.distance_km), l.last_heard ? timeAgo(l.last_heard) : '—', l.bidir ? 'yes' : 'no'] }));
}

function observerRows(obs) {
  return obs.map((o) => ({ key: o.pubkey, cells: [h('a', { href: `#/observers/${encodeURIComponent(o.observer_id || o.pubkey)}` }, o.name || `${o.pubkey.slice(0, 8)}…`),
    fmtNum(o.count), snr(o.avg_snr), dist(o.distance_km), o.last_heard ? timeAgo(o.last_heard) : '—'] }));
}

/** drawReach puts the node, its neighbours and the links between them on the map; returns the layer. */
function drawReach(L, map, r) {
  const g = L.featureGroup();
  const self = r.node;
  const label = (x) => h('span', null, x.name || `${x.pubkey.slice(0, 8)}…`);
  for (const l of r.links) {
    if (!hasPos(l)) continue;
    const best = l.they_hear_snr ?? l.we_hear_snr;
    if (hasPos(self)) {
      L.polyline([[self.lat, self.lon], [l.lat, l.lon]], { color: snrColor(best), weight: l.bidir ? 3 : 2, dashArray: l.bidir ? null : '6 6', opacity: 0.8 }).addTo(g);
    }
    L.circleMarker([l.lat, l.lon], { radius: 6, color: '#ffffff', weight: 1, fillColor: snrColor(best), fillOpacity: 0.95 })
      .bindTooltip(h('div', null, label(l), h('div', null, `hears us ${fmtNum(l.they_hear)}× · we hear ${fmtNum(l.we_hear)}×`))).addTo(g);
  }
  if (hasPos(self)) {
    L.circleMarker([self.lat, self.lon], { radius: 9, color: '#ffffff', weight: 2, fillColor: '#175fcc', fillOpacity: 1 }).bindTooltip(label(self)).addTo(g);
  }
  g.addTo(map);
  return g;
}

/** mount renders one node's reach. */
export function mount(el, ctx) {
  analyticsCSS();
  pageCSS('reach.css');
  const ctrl = new AbortController();
  const opt = { signal: ctrl.signal, quiet: true };
  const pk = String(ctx.params[0] || '').toLowerCase();
  const days = pickDays(ctx.query.days);
  let coverageOn = ctx.query.coverage === '1';
  const hashFor = (q) => buildHash(['nodes', pk, 'reach'], { days, coverage: coverageOn ? '1' : '', ...q }, { days: '7' });
  const title = h('h1', null, 'Node reach');
  const range = h('div', { class: 'seg', role: 'group', 'aria-label': 'Time range' }, DAY_CHOICES.map(([v, l]) =>
    h('a', { class: 'btn', href: hashFor({ days: v }), 'aria-current': v === days ? 'true' : null, dataset: { days: v } }, l)));
  const cards = h('div', { class: 'cards an-cards', id: 'reachCards' });
  const mapEl = h('div', { id: 'reachMap', class: 'reach-map', role: 'region', 'aria-label': 'Map of the node and its RF links' });
  const mapNote = h('p', { class: 'muted', id: 'reachMapNote', role: 'status' });
  const covBox = h('input', { type: 'checkbox', id: 'reachCoverage', checked: coverageOn });
  const covNote = h('div', { id: 'reachCoverageNote', role: 'status' });
  const body = h('div', { id: 'reachBody', class: 'an-tab' }, h('p', { class: 'muted' }, 'Loading reach…'));
  const page = h('section', { class: 'page reach-page', dataset: { loaded: 'false' } },
    h('p', null, h('a', { href: `#/nodes/${encodeURIComponent(pk)}` }, '← Node detail')),
    h('div', { class: 'page-head an-head' }, title, range),
    h('p', { class: 'muted an-help' }, 'Links come from flood paths: every radio on a path heard the one before it. "Hears us" counts receptions of this node by the neighbour, "We hear" the reverse; SNR is known where the receiving radio is an observer.'),
    cards,
    h('div', { class: 'reach-map-wrap' }, mapEl),
    h('div', { class: 'reach-map-foot' }, snrLegend('Link and cell colour by SNR'),
      h('label', { class: 'reach-cov-toggle' }, covBox, 'Mobile RX coverage overlay')),
    mapNote, covNote, body);
  replace(el, page);
  let m = null;
  let covLayer = null;

  let covSeq = 0;
  const showCoverage = async () => {
    const my = ++covSeq;
    covLayer?.remove();
    covLayer = null;
    if (!coverageOn || !m || ctrl.signal.aborted) { replace(covNote); delete covNote.dataset.receptions; return; }
    try {
      const fc = await getJSON(`/nodes/${encodeURIComponent(pk)}/rx-coverage`, { days, z: hexRes(m.map.getZoom()) }, opt);
      if (ctrl.signal.aborted || my !== covSeq) return;
      covLayer = coverageLayer(m.L, fc).addTo(m.map);
      covNote.dataset.receptions = String(fc.mobile_receptions ?? totalCount(fc));
      replace(covNote, h('p', { class: 'muted' }, fc.features.length
        ? `${plural(fc.mobile_receptions ?? totalCount(fc), 'mobile reception')} by ${plural(fc.mobile_clients ?? 0, 'client')} in ${plural(fc.features.length, 'cell')}.`
        : `No mobile client heard this node in the last ${days} day${days === '1' ? '' : 's'}.`));
    } catch (e) {
      if (isAbort(e)) return;
      replace(covNote, e.status === 404 && /disabled/.test(e.message) ? offNotice('reachCoverageOff') : h('p', { class: 'error-text' }, `Coverage unavailable: ${e.message}`));
    }
  };
  covBox.addEventListener('change', () => {
    coverageOn = covBox.checked;
    history.replaceState(null, '', hashFor({}));
    showCoverage();
  });

  const run = async () => {
    let r;
    try { r = await getJSON(`/nodes/${encodeURIComponent(pk)}/reach`, { days }, opt); } catch (e) {
      if (isAbort(e)) return;
      replace(body, h('p', { class: 'error-text', id: 'reachError' }, e.status === 404 ? 'Node not found.' : e.status === 400 ? `Bad request: ${e.message}` : `Reach unavailable: ${e.message}`));
      page.dataset.loaded = 'error';
      return;
    }
    const name = r.node?.name || `${pk.slice(0, 8)}…`;
    title.textContent = `Node reach — ${name}`;
    const imp = r.importance || {};
    replace(cards,
      stat('Links', fmtNum(r.links.length), 'links'), stat('Two-way links', fmtNum(imp.bidirectional_links), 'bidir'),
      stat('Direct observers', fmtNum(imp.direct_observers), 'direct'), stat('Relayed observations', fmtNum(imp.relay_observations), 'relay'),
      stat(imp.nodes_with_edges ? `Neighbour degree (#${fmtNum(imp.degree_rank)} of ${fmtNum(imp.nodes_with_edges)})` : 'Neighbour degree', fmtNum(imp.neighbor_degree), 'degree'));
    replace(body,
      section('Links', table(['Neighbour', 'Role', 'Hears us', 'SNR there', 'We hear', 'SNR here', 'Distance', 'Last heard', 'Two-way'], linkRows(r.links),
        { empty: `No links in the last ${days} day${days === '1' ? '' : 's'}: no flood path through this node had a resolved neighbour. Try a longer range.` })),
      section('Heard directly by observers', table(['Observer', 'Packets', 'Avg SNR', 'Distance', 'Last heard'], observerRows(r.direct_observers),
        { empty: 'No observer heard this node without a relay in between.' })));
    page.dataset.loaded = 'true';
    try {
      m = await openMap(mapEl, ctrl.signal);
    } catch (e) {
      if (!isAbort(e)) mapNote.textContent = `Map unavailable: ${e.message}`;
      return;
    }
    if (ctrl.signal.aborted) { m.close(); m = null; return; }
    const g = drawReach(m.L, m.map, r);
    const placed = r.links.filter(hasPos).length;
    mapNote.textContent = hasPos(r.node) ? `${fmtNum(placed)} of ${fmtNum(r.links.length)} neighbours share a location; dashed lines are one-way.`
      : 'This node shares no location: neighbours are shown without lines.';
    const b = g.getBounds();
    if (b.isValid()) m.map.fitBounds(b, { padding: [30, 30], maxZoom: 13, animate: false });
    mapEl.dataset.markers = String(placed + (hasPos(r.node) ? 1 : 0));
    // Hexes follow the zoom (about the same size on screen at every zoom).
    m.map.on('zoomend', () => { if (coverageOn && !ctrl.signal.aborted) showCoverage(); });
    await showCoverage();
  };
  run().catch((e) => {
    if (isAbort(e) || ctrl.signal.aborted) return;
    replace(body, h('p', { class: 'error-text' }, `Reach unavailable: ${e.message}`));
    page.dataset.loaded = 'error';
  });
  return () => { ctrl.abort(); m?.close(); };
}
