// What the Live page does with one packet: apply the filters, locate its path, animate it, add it to
// the feed, warm the nodes it touched, feed the heat layer and keep the header counters.
import { fmtNum } from '../../lib/format.js';
import { hashColor } from '../../logic/hashcolor.js';
import { normalize, locate, matches, typeKey } from './paths.js';
import { typeColor } from './panels.js';
import { inferPath } from './ghosts.js';
import { airtimeMs, packetBytes } from '../../logic/airtime.js';

/**
 * scene({root, feed, filters}) returns {layers, show(rows, replayed), showGroup(g, {unfiltered}),
 * accepts(g), counters(), setText(id, n), destroy()}. layers holds anim, nodes, heat, ghosts, matrix,
 * index, observers and typeColors, filled in once the map is ready.
 */
export function scene({ root, feed, filters: f }) {
  const layers = { anim: null, nodes: null, heat: null, ghosts: null, matrix: null, index: { byKey: new Map(), prefix: new Map() }, observers: new Map(), typeColors: {} };
  const recent = [];
  const shownVals = new Map();
  let pkts = 0;
  let countRaf = 0;

  // setText writes a counter only when its value changed (formatting numbers is not free at 60 fps).
  function setText(id, n) {
    if (shownVals.get(id) === n) return;
    shownVals.set(id, n);
    const el = root.querySelector(`#${id}`);
    if (el) el.textContent = fmtNum(n);
  }
  function counters() {
    const now = Date.now();
    while (recent.length && now - recent[0] > 60000) recent.shift();
    setText('livePktCount', pkts);
    setText('liveRate', recent.length);
    setText('liveNodeCount', layers.nodes ? layers.nodes.visible() : 0);
  }
  function colorFor(row) {
    if (f.colorByHash) return hashColor(row.hash, document.documentElement.dataset.theme === 'dark');
    const k = typeKey(row.payload_type);
    return typeColor(k === 'OTHER' ? 'UNKNOWN' : k, layers.typeColors);
  }
  const ctx = () => ({ byKey: layers.index.byKey, prefix: layers.index.prefix, observers: layers.observers });
  const groupRows = (g) => g.observations.map((o) => ({ ...normalize(o, g.packet), t: g.t }));
  function hits(rows, filtered = true) {
    const c = ctx();
    const all = rows.map((r) => ({ r, ...locate(r, c) }));
    return filtered ? all.filter((x) => matches(x.r, x.keys, f, c)) : all;
  }
  // draw animates one transmission from its located observations.
  function draw(list, replayed) {
    if (!list.length) return;
    const row = list[0].r;
    const color = colorFor(row);
    pkts++;
    recent.push(Date.now());
    feed.add(row, { replay: replayed, color, hops: row.hops.length });
    // Inferred hops: unknown prefixes get a place between their located neighbours.
    const routes = f.ghosts ? list.map((x) => inferPath(x.seq)) : list.map((x) => ({ points: x.points, ghosts: [] }));
    const ghosts = routes.flatMap((r) => r.ghosts);
    if (ghosts.length) layers.ghosts?.add(ghosts);
    // Realistic timing: every hop takes the packet's LoRa time on air (logic/airtime.js).
    const bytes = packetBytes(row);
    const hopMs = f.realistic && bytes ? airtimeMs(bytes) : 0;
    layers.anim?.add(routes.map((r) => r.points), color, { hopMs, hash: row.hash || '' });
    layers.matrix?.drop(row.hash || '', color);
    for (const x of list) for (const k of x.keys) layers.nodes?.flash(k);
    if (layers.heat) for (const x of list) if (x.points[0]) layers.heat.addLatLng([...x.points[0], 0.6]);
    if (!countRaf) countRaf = requestAnimationFrame(() => { countRaf = 0; counters(); });
  }
  return {
    layers,
    setText,
    counters,
    /** show draws live rows (one WebSocket frame each) that pass the filters. */
    show(rows, replayed = false) { draw(hits(rows), replayed); },
    /** showGroup draws a replayed transmission; unfiltered skips the filters (explicit hand-off). */
    showGroup(g, { unfiltered = false } = {}) { draw(hits(groupRows(g), !unfiltered), true); },
    accepts: (g) => hits(groupRows(g)).length > 0,
    destroy() { if (countRaf) cancelAnimationFrame(countRaf); },
  };
}
