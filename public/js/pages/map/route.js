// Route overlays for the Map: one packet's path through resolved hops (?packet=&obs=), the relay
// paths through a node ("Show route") and a node's direct neighbours. Each returns hop rows for the
// side pane; names reach the DOM only through textContent.
import { h } from '../../lib/dom.js';
import { fmtDistance, shortKey } from '../../lib/format.js';
import { parseJSON } from '../../logic/payload.js';
import { pathHops } from '../../logic/hops.js';
import { hasGPS } from '../../components/map/filters.js';
import { haversineKm } from '../../logic/geo.js';

const seqColor = (i, n) => `hsl(${Math.round(200 - (160 * i) / Math.max(1, n - 1))}, 80%, 45%)`;

/** pickObservation finds the observation by observation id or observer id (else the first). */
export function pickObservation(detail, obs) {
  const list = detail?.observations || [];
  const want = String(obs || '').toLowerCase();
  return list.find((o) => String(o.id) === want) || list.find((o) => String(o.observer_id || '').toLowerCase() === want) || list[0] || detail?.packet || null;
}

/**
 * packetRouteStops builds the ordered stops of a packet: sender (ADVERT key or from_pubkey, when
 * known), each hop (resolved key, else the prefix), then the observer. Each stop: {label, role, key, lat, lon}.
 */
export function packetRouteStops(detail, ob, byKey, observersById) {
  const p = detail?.packet || {};
  const dec = parseJSON(p.decoded_json, {}) || {};
  const stops = [];
  const sender = String(dec.pubKey || p.from_pubkey || '').toLowerCase();
  if (sender) {
    const n = byKey.get(sender);
    stops.push({ label: n?.name || dec.name || shortKey(sender), role: 'origin', key: sender, lat: n?.lat ?? dec.lat, lon: n?.lon ?? dec.lon });
  }
  const hops = pathHops(ob);
  const resolved = Array.isArray(ob?.resolved_path) ? ob.resolved_path : [];
  hops.forEach((prefix, i) => {
    const k = resolved[i] ? String(resolved[i]).toLowerCase() : null;
    const n = k ? byKey.get(k) : null;
    stops.push({ label: n?.name || (k ? shortKey(k) : `${prefix}?`), role: 'hop', key: k, prefix, lat: n?.lat, lon: n?.lon });
  });
  const oid = String(ob?.observer_id || '').toLowerCase();
  if (oid) {
    const o = observersById.get(oid) || byKey.get(oid);
    stops.push({ label: o?.name || ob.observer_name || shortKey(oid), role: 'observer', key: oid, lat: o?.lat, lon: o?.lon });
  }
  return stops;
}

function endMarker(L, stop, kind) {
  const el = h('div', { class: `route-end route-${kind}` });
  return L.marker([stop.lat, stop.lon], { icon: L.divIcon({ html: el, className: 'route-end-icon', iconSize: [18, 18] }), keyboard: false, zIndexOffset: 1000 });
}

/** drawStops draws sequence-coloured segments between located stops and returns hop rows with distances. */
export function drawStops(L, layer, stops) {
  const located = stops.filter(hasGPS);
  for (let i = 1; i < located.length; i++) {
    L.polyline([[located[i - 1].lat, located[i - 1].lon], [located[i].lat, located[i].lon]],
      { color: seqColor(i - 1, located.length - 1), weight: 4, opacity: 0.9, className: 'route-line' }).addTo(layer);
  }
  located.forEach((s, i) => {
    if (i === 0) endMarker(L, s, 'origin').addTo(layer);
    else if (i === located.length - 1) endMarker(L, s, 'dest').addTo(layer);
    else L.circleMarker([s.lat, s.lon], { radius: 6, color: '#fff', weight: 2, fillColor: seqColor(i, located.length), fillOpacity: 1, className: 'route-hop' }).addTo(layer);
  });
  let prev = null;
  return stops.map((s) => {
    const row = { ...s, located: hasGPS(s), km: null };
    if (row.located && prev) row.km = haversineKm(prev, s);
    if (row.located) prev = s;
    return row;
  });
}

/** drawNodePaths draws every relay path through a node (/nodes/<pk>/paths) and returns path rows. */
export function drawNodePaths(L, layer, data) {
  const rows = [];
  for (const [i, p] of (data?.paths || []).entries()) {
    const pts = (p.hops || []).filter(hasGPS).map((x) => [x.lat, x.lon]);
    if (pts.length > 1) L.polyline(pts, { color: seqColor(i, (data.paths || []).length), weight: 3, opacity: 0.75, className: 'route-line' }).addTo(layer);
    rows.push({ label: (p.hops || []).map((x) => x.name || x.prefix).join(' → '), count: p.count || 1 });
  }
  return rows;
}

/** drawNeighbors draws lines from a node to each located neighbour and returns neighbour rows. */
export function drawNeighbors(L, layer, node, data, byKey) {
  const rows = [];
  for (const nb of data?.neighbors || []) {
    const n = nb.pubkey ? byKey.get(String(nb.pubkey).toLowerCase()) : null;
    if (n && hasGPS(n) && hasGPS(node)) {
      L.polyline([[node.lat, node.lon], [n.lat, n.lon]], { color: '#f59e0b', weight: 3, opacity: 0.85, dashArray: '6 4', className: 'neighbor-line' }).addTo(layer);
      L.circleMarker([n.lat, n.lon], { radius: 9, color: '#f59e0b', weight: 3, fill: false }).addTo(layer);
    }
    rows.push({ label: nb.name || n?.name || (nb.ambiguous ? `${nb.prefix}?` : nb.prefix), count: nb.count, km: n && hasGPS(n) && hasGPS(node) ? haversineKm(node, n) : null });
  }
  return rows;
}

/** hopList renders stop/neighbour rows as an ordered list with distances. */
export function hopList(rows, imperial = false) {
  return h('ol', { class: 'hop-list' }, rows.map((r) => h('li', { class: r.role ? `hop-${r.role}` : null, dataset: r.located === false ? { unlocated: '1' } : undefined },
    h('span', { class: 'hop-name' }, r.label),
    r.count ? h('span', { class: 'muted' }, ` ×${r.count}`) : null,
    r.km !== null && r.km !== undefined ? h('span', { class: 'muted hop-km' }, ` ${fmtDistance(r.km, imperial)}`) : null,
    r.located === false ? h('span', { class: 'muted' }, ' (no location)') : null)));
}
