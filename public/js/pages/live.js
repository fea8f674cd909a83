// Live (#/live?node=&scope=&multibyte=&ghosts=&realistic=&matrix=&fullscreen=): full-bleed map
// animating packets hop by hop as they arrive over the WebSocket, with counters, feed, legend, node
// panel, filters, heat, colour by hash, inferred hops, airtime timing, matrix rain, fullscreen and the
// VCR (LIVE / PAUSED / REPLAY) with a scrubbable density timeline and an LCD clock.
import { h, replace } from '../lib/dom.js';
import { getJSON, isAbort } from '../lib/api.js';
import { subscribe, onStatus } from '../lib/ws.js';
import { nodeIndex } from '../components/nodeindex.js';
import { KEYS, load, save } from '../lib/store.js';
import { initialState, reduce, MODES, SCOPES } from '../logic/vcr.js';
import { densityBins, groupPackets } from '../logic/vcr-timeline.js';
import { mapLibs, mapConfig, themedTiles, pageCSS, removeMap } from '../components/map/tiles.js';
import { toItems } from '../components/map/filters.js';
import { animator } from './live/anim.js';
import { nodeLayer } from './live/nodes.js';
import { feedPanel } from './live/feed.js';
import { normalize } from './live/paths.js';
import { controlsPanel, legend, nodePanel } from './live/panels.js';
import { scene } from './live/scene.js';
import { loadFilters, saveFilters, liveHead, liveHash } from './live/layout.js';
import { vcrBar } from './live/vcr-bar.js';
import { ghostLayer } from './live/ghosts.js';
import { matrixRain } from './live/matrix.js';
import { fullscreenToggle } from './live/fullscreen.js';
import { replayer, parseTimes } from './live/replay.js';
import { mountGettingStarted } from '../components/getting-started.js';
import { audioToggle } from '../components/sonify.js';

const VIEW_KEY = 'live-map-view';
const VCR_KEY = 'corescope-live-vcr';

/** mount renders the Live page. */
export function mount(el, ctx) {
  pageCSS('map.css');
  pageCSS('live.css');
  const ctrl = new AbortController();
  const signal = ctrl.signal;
  const f = loadFilters(ctx.query);
  const rp = load(VCR_KEY, {}) || {};
  let vcr = initialState({ speed: rp.speed, scope: rp.scope });
  const mapEl = h('div', { id: 'liveMap', class: 'live-map', role: 'region', 'aria-label': 'Live packet map' });
  const nodesCanvas = h('canvas', { class: 'live-layer live-nodes', 'aria-hidden': 'true' });
  const animCanvas = h('canvas', { class: 'live-layer live-anim', 'aria-hidden': 'true' });
  const matrixCanvas = h('canvas', { class: 'live-layer live-matrix', 'aria-hidden': 'true', hidden: true });
  const { el: head, beacon, cog: cogBtn, feedToggle: feedBtn, fullscreen: fsBtn } = liveHead();
  const audio = audioToggle(h);
  head.append(audio.el);
  const panel = nodePanel((key) => { f.node = key; changed(); const inp = el.querySelector('#liveNodeFilter'); if (inp) inp.value = key; });
  const feed = feedPanel((row) => panel.showPacket(row, row.hops.map((p, i) => {
    const k = Array.isArray(row.resolved_path) && row.resolved_path[i] ? String(row.resolved_path[i]).toLowerCase() : null;
    return (k && sc.layers.index.byKey.get(k)?.name) || p;
  })));
  const feedBox = h('section', { class: 'live-panel live-feed-panel', 'aria-label': 'Packet feed' }, h('h2', null, 'Feed'), feed.el);
  const bar = vcrBar((ev) => dispatch(ev));
  const firstRun = h('div', { class: 'gs-slot live-gs' });
  const page = h('section', { id: 'livePage', class: 'page live-page' }, h('div', { class: 'live-stage' }, mapEl, nodesCanvas, animCanvas, matrixCanvas, head, feedBox, panel.el, firstRun), bar.el);
  replace(el, page);
  mountGettingStarted(firstRun, { signal });
  if (window.innerWidth <= 768) { feedBox.classList.add('hidden'); feedBtn.setAttribute('aria-pressed', 'false'); }
  // toggle shows/hides an overlay; on phones the feed and the controls take turns.
  const toggle = (box, btn, attr, other) => {
    const hidden = box.classList.toggle('hidden');
    btn.setAttribute(attr, String(!hidden));
    if (!hidden && other && window.innerWidth <= 768 && !other.box.classList.contains('hidden')) toggle(other.box, other.btn, other.attr, null);
  };
  let controlsBox = null;
  feedBtn.addEventListener('click', () => toggle(feedBox, feedBtn, 'aria-pressed', controlsBox && { box: controlsBox, btn: cogBtn, attr: 'aria-expanded' }));

  let map = null;
  let L = null;
  let times = [];
  const cleanups = [];
  const sc = scene({ root: el, feed, filters: f });
  const layers = sc.layers;
  layers.matrix = matrixRain(matrixCanvas);
  const fs = fullscreenToggle(page, fsBtn, { on: f.fullscreen, onChange: (on) => { f.fullscreen = on; changed(); map?.invalidateSize(); } });
  const replay = replayer({ timestamps: () => times, speed: () => vcr.speed, accept: sc.accepts, onGroup: (g) => sc.showGroup(g),
    onTick: (t) => dispatch({ type: 'replayTick', t }), onEnd: () => dispatch({ type: 'replayEnd' }) });

  function changed() {
    saveFilters(f);
    history.replaceState(null, '', liveHash(f));
    if (layers.heat && !f.heat) { map.removeLayer(layers.heat); layers.heat = null; }
    if (!layers.heat && f.heat && map && L.heatLayer) layers.heat = L.heatLayer([], { radius: 20, blur: 16, minOpacity: 0.3 }).addTo(map);
    if (!f.ghosts) layers.ghosts?.clear();
    layers.matrix.setOn(f.matrix);
  }
  // replayOne animates one packet handed over by the packet page (?replay=<hash>) and opens its card.
  async function replayOne(hash) {
    let g = null;
    try {
      const d = await getJSON(`/packets/${encodeURIComponent(hash)}`, null, { signal, quiet: true });
      g = groupPackets([{ ...d.packet, observations: d.observations }])[0];
    } catch (e) {
      if (isAbort(e)) return;
      let row;
      try { row = JSON.parse(sessionStorage.getItem(KEYS.liveReplay) || 'null'); } catch { row = null; }
      if (row && row.hash === hash) g = groupPackets([row])[0];
    }
    if (!g) return;
    sc.showGroup(g, { unfiltered: true });
    feed.flush();
    feed.el.querySelector('li.feed-item')?.click();
  }

  function dispatch(ev) {
    const { state, effects } = reduce(vcr, ev);
    const prevSpeed = vcr.speed;
    vcr = state;
    for (const fx of effects) {
      if (fx === 'animate') sc.show([normalize(ev.packet)]);
      else if (fx === 'clearScene') { layers.anim?.clear(); if (vcr.mode === MODES.LIVE) layers.nodes?.asOf(null); }
      else if (fx === 'startReplay') { feed.clear(); layers.nodes?.asOf(vcr.replayFrom); replay.start(vcr.replayFrom); }
      else if (fx === 'stopReplay') replay.stop();
      else if (fx === 'resumeReplay') replay.resume();
    }
    if (ev.type === 'replayTick') layers.nodes?.asOf(ev.t);
    if (ev.type === 'scope') loadTimeline();
    if (ev.type === 'speed' || ev.type === 'scope' || prevSpeed !== vcr.speed) save(VCR_KEY, { speed: vcr.speed, scope: vcr.scope });
    if (ev.type !== 'packet' || vcr.mode !== MODES.LIVE) bar.render(vcr);
    page.dataset.mode = vcr.mode;
  }
  function timelineView() {
    const end = Date.now();
    const start = end - SCOPES[vcr.scope];
    let drop = 0;
    while (drop < times.length && times[drop] < start) drop++;
    if (drop > 500) times.splice(0, drop);
    bar.setView({ start, end, bins: densityBins(times, start, end, 120) });
  }
  async function loadTimeline() {
    try {
      const since = new Date(Date.now() - SCOPES[vcr.scope]).toISOString();
      times = parseTimes(await getJSON('/packets/timestamps', { since }, { signal, quiet: true }));
      timelineView();
    } catch (e) { if (!isAbort(e)) times = []; }
  }

  const unsub = subscribe('packet', (data) => {
    const row = normalize(data);
    if (row.t && (!times.length || times[times.length - 1] <= row.t)) times.push(row.t);
    dispatch({ type: 'packet', packet: data });
    if (vcr.mode === MODES.LIVE) audio.play(row);
  });
  const unst = onStatus((s) => { beacon.dataset.state = s; beacon.title = `WebSocket ${s}`; });
  const tick = setInterval(() => { if (vcr.mode === MODES.LIVE) timelineView(); sc.counters(); }, 1000);
  bar.render(vcr);
  page.dataset.mode = vcr.mode;

  (async () => {
    try {
      const [c, idx, obs, regions, scopeStats, Lib] = await Promise.all([mapConfig(signal), nodeIndex(),
        getJSON('/observers', null, { signal, quiet: true }).catch(() => ({ observers: [] })),
        getJSON('/config/regions', null, { signal, quiet: true }).catch(() => ({})),
        getJSON('/scope-stats', { window: '7d' }, { signal, quiet: true }).catch(() => ({})), mapLibs('heat')]);
      if (signal.aborted) return;
      L = Lib;
      layers.index = idx;
      layers.typeColors = c.typeColors;
      layers.observers = new Map((obs.observers || []).map((o) => [String(o.id).toLowerCase(), o]));
      const view = load(VIEW_KEY, null);
      const q = ctx.query;
      const center = q.lat && q.lon ? [Number(q.lat), Number(q.lon)] : view?.center || c.center;
      map = L.map(mapEl, { preferCanvas: true, zoomAnimation: false, maxZoom: 19, minZoom: 2, worldCopyJump: true, zoomControl: false })
        .setView(center, Number(q.zoom) || view?.zoom || c.zoom);
      if (window.innerWidth > 768) L.control.zoom({ position: 'bottomleft' }).addTo(map);
      cleanups.push(themedTiles(L, map, c.tiles));
      map.on('moveend', () => { const m = map.getCenter(); save(VIEW_KEY, { center: [m.lat, m.lng], zoom: map.getZoom() }); });
      layers.anim = animator(map, animCanvas, { onCount: (n, total) => { sc.setText('liveAnimCount', n); animCanvas.dataset.started = String(total); } });
      layers.ghosts = ghostLayer(map, L);
      layers.nodes = nodeLayer(map, nodesCanvas, { colors: c.colors, onPick: (it) => panel.show(it) });
      layers.nodes.set(toItems(idx.nodes.slice(0, c.maxNodes), obs.observers, Date.now(), c.health));
      const scopes = (scopeStats.byRegion || []).map((r) => String(r.name)).filter(Boolean).sort();
      const controls = controlsPanel(f, { regions, scopes, typeColors: c.typeColors, onChange: (patch) => { Object.assign(f, patch); changed(); } });
      head.after(controls, legend(c.colors, c.typeColors));
      controlsBox = controls;
      cogBtn.addEventListener('click', () => toggle(controls, cogBtn, 'aria-expanded', { box: feedBox, btn: feedBtn, attr: 'aria-pressed' }));
      changed();
      sc.counters();
      await loadTimeline();
      if (ctx.query.replay) await replayOne(ctx.query.replay);
      page.dataset.loaded = 'true';
    } catch (e) { if (!isAbort(e)) replace(feed.el, h('li', { class: 'error-text' }, `Live map unavailable: ${e.message}`)); }
  })();

  return () => {
    ctrl.abort(); unsub(); unst(); clearInterval(tick); replay.stop(); sc.destroy(); fs.destroy(); layers.matrix.destroy(); audio.close();
    for (const c of cleanups) c();
    layers.anim?.destroy(); layers.nodes?.destroy(); layers.ghosts?.destroy();
    removeMap(map);
  };
}
