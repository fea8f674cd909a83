// Map marker layers: one SVG div-icon marker per item (plain or clustered), the heat layer, and
// popups built from DOM nodes (name via textContent) with node actions.
import { h } from '../../lib/dom.js';
import { timeAgo, shortKey } from '../../lib/format.js';
import { markerElement, roleColor } from '../../components/map/shapes.js';
import { gradeBadge } from '../../components/grade.js';
import { hasGrade, multiByteText } from '../../logic/usefulness.js';
import { SCOPE_STATES, stateColor } from '../../components/map/scopes.js';

const STATE_LABEL = Object.fromEntries(SCOPE_STATES.map((s) => [s.key, `${s.label}: ${s.hint}`]));

function popup(it, actions) {
  const link = it.kind === 'observer' ? `#/observers/${encodeURIComponent(it.raw.id)}` : `#/nodes/${encodeURIComponent(it.key)}`;
  return h('div', { class: 'map-popup' },
    h('strong', { class: 'mp-name' }, it.name || shortKey(it.key)),
    h('div', { class: 'muted' }, it.kind === 'observer' ? `observer${it.iata ? ` · ${it.iata}` : ''}` : it.role, it.stale ? ' · stale' : ''),
    h('div', { class: 'mono mp-key', title: it.key }, shortKey(it.key)),
    h('div', null, `Last seen ${timeAgo(it.last_seen)}`),
    it.kind === 'node' && hasGrade(it.raw) ? h('div', { class: 'mp-grade' }, 'Usefulness ', gradeBadge(it.raw), ` ${Math.round(it.raw.usefulness_score * 100)} %`) : null,
    it.kind === 'node' && it.raw?.multi_byte_status ? h('div', { class: 'mp-multibyte muted' }, `Multi-byte: ${multiByteText(it.raw)}`) : null,
    it.kind === 'node' && it.raw.scope_config_state ? h('div', { class: 'mp-scope', dataset: { state: it.scopeState } }, `Scope ${STATE_LABEL[it.scopeState]}`) : null,
    h('div', { class: 'mp-actions' },
      h('a', { href: link }, it.kind === 'observer' ? 'Observer page' : 'Node page'),
      it.kind === 'node' ? h('button', { type: 'button', class: 'mp-route', onClick: () => actions.route(it) }, 'Show route') : null,
      it.kind === 'node' ? h('button', { type: 'button', class: 'mp-neigh', onClick: () => actions.neighbors(it) }, 'Neighbours') : null));
}

/**
 * markerLayers owns the marker and heat layers. render(items, {cluster, heat, colorBy}) redraws them
 * (colorBy 'scope' colours nodes by scope-configuration state);
 * marker(key) returns the Leaflet marker for a node/observer key.
 */
export function markerLayers(L, map, { colors, actions }) {
  let group = null;
  let heat = null;
  const byKey = new Map();
  function render(items, { cluster, heat: heatOn, colorBy }) {
    if (group) map.removeLayer(group);
    if (heat) map.removeLayer(heat);
    heat = null;
    byKey.clear();
    group = cluster && L.markerClusterGroup ? L.markerClusterGroup({ maxClusterRadius: 45, showCoverageOnHover: false }) : L.layerGroup();
    for (const it of items) {
      const byScope = colorBy === 'scope' && it.kind === 'node';
      const el = markerElement(it.role, byScope ? stateColor(it.scopeState) : roleColor(it.role, colors), { size: it.kind === 'observer' ? 18 : 16, stale: it.stale });
      if (it.kind === 'node') el.dataset.scopeState = it.scopeState;
      const m = L.marker([it.lat, it.lon], { icon: L.divIcon({ html: el, className: 'map-icon', iconSize: it.kind === 'observer' ? [18, 18] : [16, 16] }),
        title: it.name || it.key, alt: it.name || it.key, riseOnHover: true, zIndexOffset: it.kind === 'observer' ? 500 : 0 });
      m.bindPopup(() => popup(it, actions), { maxWidth: 260 });
      group.addLayer(m);
      if (!byKey.has(`${it.kind}:${it.key}`)) byKey.set(`${it.kind}:${it.key}`, m);
    }
    group.addTo(map);
    if (heatOn && L.heatLayer) {
      heat = L.heatLayer(items.map((it) => [it.lat, it.lon, it.stale ? 0.3 : 0.8]), { radius: 22, blur: 18, minOpacity: 0.25 }).addTo(map);
      heat._canvas?.classList.add('map-heat');
    }
  }
  return {
    render,
    marker: (kind, key) => byKey.get(`${kind}:${key}`) || null,
    group: () => group,
    destroy() { if (group) map.removeLayer(group); if (heat) map.removeLayer(heat); },
  };
}
