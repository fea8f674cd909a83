// Inferred ("ghost") hops on the Live map: a hop prefix that resolves to no single node has no
// location, so the animation would jump over it. inferPath places each such hop on the straight line
// between its nearest located neighbours (runs of unknown hops spread evenly), and ghostLayer draws
// them as faded, labelled markers that disappear after a few seconds.
import { h } from '../../lib/dom.js';

const GHOST_MS = 8000;
const MAX_GHOSTS = 60;

/**
 * inferPath(seq) takes the located sequence of one observation (locate's seq: {key, ll, prefix} for
 * sender, hops, observer; ll null when unlocated, prefix set on hops) and returns {points, ghosts}:
 * points is the LatLng path with the inferred hops inserted, ghosts [{prefix, lat, lon}].
 */
export function inferPath(seq) {
  const points = [];
  const ghosts = [];
  let prev = null;
  let run = [];
  for (const e of seq) {
    if (e.ll) {
      if (prev && run.length) {
        run.forEach((prefix, j) => {
          const k = (j + 1) / (run.length + 1);
          const g = { prefix, lat: prev[0] + (e.ll[0] - prev[0]) * k, lon: prev[1] + (e.ll[1] - prev[1]) * k };
          ghosts.push(g);
          points.push([g.lat, g.lon]);
        });
      }
      run = [];
      points.push(e.ll);
      prev = e.ll;
    } else if (e.prefix && !e.key) run.push(e.prefix);
  }
  return { points, ghosts };
}

/** ghostLayer(map, L) returns {add(ghosts), clear(), destroy()}: faded markers labelled as inferred. */
export function ghostLayer(map, L) {
  const live = [];
  function drop(m) {
    clearTimeout(m.timer);
    map.removeLayer(m.marker);
  }
  return {
    add(ghosts) {
      for (const g of ghosts) {
        const label = `Inferred hop ${g.prefix} (no single known node)`;
        const el = h('div', { class: 'live-ghost-mark', title: label, dataset: { prefix: g.prefix, lat: g.lat.toFixed(6), lon: g.lon.toFixed(6) } },
          h('span', { class: 'live-ghost-dot', 'aria-hidden': 'true' }), h('span', { class: 'live-ghost-label' }, `${g.prefix}?`));
        const icon = L.divIcon({ className: 'live-ghost', html: el, iconSize: null });
        const m = { marker: L.marker([g.lat, g.lon], { icon, interactive: false, keyboard: false }).addTo(map) };
        m.timer = setTimeout(() => { drop(m); live.splice(live.indexOf(m), 1); }, GHOST_MS);
        live.push(m);
        while (live.length > MAX_GHOSTS) drop(live.shift());
      }
    },
    clear() { while (live.length) drop(live.pop()); },
    destroy() { this.clear(); },
  };
}
