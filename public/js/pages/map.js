// Map (#/map): every node with GPS and every observer, shaped and coloured by role, with filters,
// clustering, heat, region quick-jump, node routes/neighbours and ?packet=&obs= route drawing.
// URL keys: roles, status, lastHeard, hashSize, cluster, heat, colorBy, scope, region, node, packet, obs, prefixes (defaults omitted);
// lat, lon, zoom are read once to open at a view.
import { h, replace } from '../lib/dom.js';
import { getJSON, isAbort } from '../lib/api.js';
import { subscribe } from '../lib/ws.js';
import { buildHash } from '../lib/url.js';
import { embedQuery } from '../lib/embed.js';
import { load, save } from '../lib/store.js';
import { fmtNum, shortHash } from '../lib/format.js';
import { mapLibs, mapConfig, themedTiles, pageCSS, removeMap } from '../components/map/tiles.js';
import { DEFAULTS, parseFilters, filtersToQuery, toItems, applyFilters, coreBounds } from '../components/map/filters.js';
import { mapControls } from './map/controls.js';
import { markerLayers } from './map/markers.js';
import { loadNodes } from './map/data.js';
import { pickObservation, packetRouteStops, drawStops, drawNodePaths, drawNeighbors, hopList } from './map/route.js';
import { pathHops } from '../logic/hops.js';
import { inspectorPane } from './map/inspector.js';
import { scopeOptions } from '../components/map/scopes.js';

const pathHopsCount = (o) => pathHops(o).length;

const SAVE_KEY = 'corescope-map-filters';

/** mount renders the node map. */
export function mount(el, ctx) {
  pageCSS('map.css');
  const ctrl = new AbortController();
  const signal = ctrl.signal;
  const saved = load(SAVE_KEY, {});
  let f = parseFilters(ctx.query, saved);
  const deep = { node: ctx.query.node || '', packet: ctx.query.packet || '', obs: ctx.query.obs || '', prefixes: ctx.query.prefixes || '', embed: embedQuery() };
  const mapEl = h('div', { id: 'nodeMap', class: 'map-canvas', role: 'region', 'aria-label': 'Map of nodes and observers' });
  const info = h('span', { id: 'mapInfo', class: 'muted', role: 'status' }, 'Loading nodes…');
  const paneBody = h('div', { class: 'pane-body' });
  const paneTitle = h('h2', null, '');
  const pane = h('aside', { id: 'mapPane', class: 'map-panel map-pane hidden', 'aria-label': 'Route details' },
    h('div', { class: 'pane-head' }, paneTitle, h('button', { type: 'button', class: 'pane-close', 'aria-label': 'Close', onClick: () => closePane() }, '✕')), paneBody);
  const piBtn = h('button', { type: 'button', id: 'mapInspectBtn', onClick: () => showPrefixes() }, 'Path inspector');
  const page = h('section', { class: 'page map-page' }, h('div', { class: 'map-head' }, h('h1', null, 'Network map'), info, piBtn), h('div', { class: 'map-wrap' }, mapEl, pane));
  replace(el, page);
  let map = null;
  let L = null;
  let markers = null;
  let overlay = null;
  let controls = null;
  let items = [];
  let byKey = new Map();
  let observersById = new Map();
  const cleanups = [];

  const writeURL = () => {
    const q = { ...filtersToQuery(f), ...deep };
    history.replaceState(null, '', buildHash(['map'], q, { ...DEFAULTS, cluster: '', heat: '' }));
    save(SAVE_KEY, { roles: q.roles, status: f.status, lastHeard: f.lastHeard, hashSize: f.hashSize, cluster: f.cluster, heat: f.heat, colorBy: f.colorBy });
  };
  const redraw = () => {
    const { shown, counts, facets } = applyFilters(items, f);
    controls.setCounts(counts, facets);
    controls.setScopeOptions(scopeOptions(items), f);
    markers.render(shown, f);
    mapEl.dataset.markers = String(shown.length);
    info.textContent = `${fmtNum(shown.length)} of ${fmtNum(items.length)} markers shown`;
  };
  const onChange = (patch) => { f = { ...f, ...patch }; writeURL(); redraw(); };
  function openPane(title, body) {
    paneTitle.textContent = title;
    replace(paneBody, body);
    pane.classList.remove('hidden');
  }
  function closePane() {
    pane.classList.add('hidden');
    overlay?.clearLayers();
    deep.packet = '';
    deep.obs = '';
    deep.prefixes = '';
    delete pane.dataset.route;
    writeURL();
  }
  function fitOverlay() {
    const b = overlay.getBounds?.();
    if (!b || !b.isValid()) return;
    // Keep the route clear of the side pane (right on desktop, bottom sheet on phones) and the controls.
    const phone = window.innerWidth <= 768;
    const paneBox = pane.classList.contains('hidden') ? 0 : phone ? pane.offsetHeight : pane.offsetWidth;
    const left = !phone && controls?.el.open ? controls.el.offsetWidth + 70 : 30;
    map.fitBounds(b, { paddingTopLeft: [left, 40], paddingBottomRight: phone ? [30, paneBox + 30] : [paneBox + 40, 40], maxZoom: 13 });
  }
  // Another overlay replaces an inspected route: its ?prefixes= link no longer describes the map.
  const leaveInspector = () => { if (deep.prefixes) { deep.prefixes = ''; delete pane.dataset.route; writeURL(); } };
  const actions = {
    async route(it) {
      leaveInspector();
      overlay.clearLayers();
      try {
        const d = await getJSON(`/nodes/${encodeURIComponent(it.key)}/paths`, null, { signal });
        const rows = drawNodePaths(L, overlay, d);
        openPane(`Routes through ${it.name || it.key.slice(0, 8)}`, rows.length ? hopList(rows) : h('p', { class: 'muted' }, 'No relay paths recorded for this node.'));
        fitOverlay();
      } catch (e) { if (!isAbort(e)) openPane('Routes', h('p', { class: 'error-text' }, e.message)); }
    },
    async neighbors(it) {
      leaveInspector();
      overlay.clearLayers();
      try {
        const d = await getJSON(`/nodes/${encodeURIComponent(it.key)}/neighbors`, { min_count: 1 }, { signal });
        const rows = drawNeighbors(L, overlay, it, d, byKey);
        openPane(`Neighbours of ${it.name || it.key.slice(0, 8)}`, rows.length ? hopList(rows) : h('p', { class: 'muted' }, 'No direct neighbours observed.'));
        fitOverlay();
      } catch (e) { if (!isAbort(e)) openPane('Neighbours', h('p', { class: 'error-text' }, e.message)); }
    },
  };
  function jump(code) {
    const pts = items.filter((it) => !code || (it.kind === 'observer' && String(it.iata).toUpperCase() === code)).map((it) => [it.lat, it.lon]);
    if (pts.length) map.fitBounds(pts, { padding: [30, 30], maxZoom: 12 });
  }
  // showPacket draws one observation's route of ?packet=; a select switches between the observers that heard it.
  async function showPacket() {
    try {
      const d = await getJSON(`/packets/${encodeURIComponent(deep.packet)}`, null, { signal });
      const draw = () => {
        overlay.clearLayers();
        const ob = pickObservation(d, deep.obs);
        const rows = drawStops(L, overlay, packetRouteStops(d, ob, byKey, observersById));
        const list = d.observations || [];
        const pick = list.length > 1 ? h('select', { id: 'mapObsSel', 'aria-label': 'Observation', onChange: (e) => { deep.obs = e.target.value; writeURL(); draw(); } },
          list.map((o) => h('option', { value: String(o.id), selected: o === ob }, `${o.observer_name || o.observer_id} · ${pathHopsCount(o)} hops`))) : null;
        openPane(`Packet ${shortHash(deep.packet)}${ob?.observer_name ? ` → ${ob.observer_name}` : ''}`,
          [h('p', { class: 'pane-links' }, h('a', { href: `#/packets/${encodeURIComponent(deep.packet)}` }, 'Packet detail'), pick ? ` · heard by ${list.length}` : null), pick, hopList(rows)]);
        pane.dataset.route = String(rows.filter((r) => r.located).length);
        fitOverlay();
      };
      draw();
    } catch (e) { if (!isAbort(e)) openPane('Packet route', h('p', { class: 'error-text' }, `Could not load packet: ${e.message}`)); }
  }
  // showPrefixes opens the Path Inspector pane and draws the best route for deep.prefixes.
  async function showPrefixes() {
    if (!map) return;
    overlay.clearLayers();
    delete pane.dataset.route;
    openPane('Path inspector', inspectorPane({ L, overlay, prefixes: deep.prefixes, signal, onDrawn: (n) => { pane.dataset.route = String(n); fitOverlay(); },
      onPrefixes: (p) => { deep.prefixes = p; deep.packet = ''; deep.obs = ''; writeURL(); } }));
  }
  function focusNode() {
    const key = deep.node.toLowerCase();
    const it = items.find((x) => x.kind === 'node' && x.key === key) || items.find((x) => x.key.startsWith(key));
    if (!it) { info.textContent = 'That node has no location on the map.'; return; }
    map.setView([it.lat, it.lon], 13);
    const m = markers.marker(it.kind, it.key);
    if (!m) return;
    const g = markers.group();
    if (g.zoomToShowLayer) g.zoomToShowLayer(m, () => m.openPopup()); else m.openPopup();
  }

  (async () => {
    try {
      const [cfg, nodeList, obs, regions, Lib] = await Promise.all([
        mapConfig(signal), loadNodes(signal),
        getJSON('/observers', null, { signal, quiet: true }).catch(() => ({ observers: [] })),
        getJSON('/config/regions', null, { signal, quiet: true }).catch(() => ({})),
        mapLibs('cluster', 'heat')]);
      if (signal.aborted) return;
      L = Lib;
      observersById = new Map((obs.observers || []).map((o) => [String(o.id).toLowerCase(), o]));
      const setNodes = (list) => {
        byKey = new Map(list.map((n) => [String(n.public_key).toLowerCase(), n]));
        items = toItems(list, obs.observers, Date.now(), cfg.health);
      };
      setNodes(nodeList);
      // A new ADVERT may add or move a node: reload the list (debounced) and redraw; the server's node
      // list can lag the packet, so retry with backoff until the advertised keys are listed.
      let reload = 0;
      const wanted = new Set();
      const refresh = async (tries) => {
        reload = 0;
        try { setNodes(await loadNodes(signal)); redraw(); } catch { return; }
        for (const k of wanted) if (byKey.has(k)) wanted.delete(k);
        if (wanted.size && tries < 5) reload = setTimeout(() => refresh(tries + 1), 2000 * 2 ** tries);
        else wanted.clear();
      };
      cleanups.push(subscribe('packet', (d) => {
        if (Number(d?.payload_type ?? d?.packet?.payload_type) !== 4) return;
        const key = String(d?.decoded?.payload?.pubKey || '').toLowerCase();
        if (key) wanted.add(key);
        if (!reload) reload = setTimeout(() => refresh(0), 1500);
      }), () => clearTimeout(reload));
      map = L.map(mapEl, { preferCanvas: false, worldCopyJump: true, zoomControl: true, maxZoom: 19, minZoom: 2 }).setView(cfg.center, cfg.zoom);
      cleanups.push(themedTiles(L, map, cfg.tiles));
      map.on('moveend', () => { const c = map.getCenter(); mapEl.dataset.view = `${c.lat.toFixed(4)},${c.lng.toFixed(4)},${map.getZoom()}`; });
      overlay = L.featureGroup().addTo(map);
      markers = markerLayers(L, map, { colors: cfg.colors, actions });
      controls = mapControls(f, { colors: cfg.colors, regions, open: window.innerWidth > 768, onChange, onJump: jump });
      mapEl.parentElement.append(controls.el);
      redraw();
      const q = ctx.query;
      if (q.lat && q.lon && Number.isFinite(Number(q.lat)) && Number.isFinite(Number(q.lon))) map.setView([Number(q.lat), Number(q.lon)], Number(q.zoom) || cfg.zoom);
      if (deep.packet) await showPacket();
      else if (deep.prefixes) await showPrefixes();
      else if (deep.node) focusNode();
      else if (items.length && !q.lat) map.fitBounds(coreBounds(items), { paddingTopLeft: [controls.el.open && window.innerWidth > 768 ? 280 : 20, 20], paddingBottomRight: [20, 20], maxZoom: 12 });
      page.dataset.loaded = 'true';
    } catch (e) { if (!isAbort(e)) info.textContent = `Map unavailable: ${e.message}`; }
  })();
  return () => { ctrl.abort(); for (const c of cleanups) c(); markers?.destroy(); removeMap(map); };
}
