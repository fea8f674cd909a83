// Map controls panel: role checkboxes with counts, status / last-heard / hash-size selects,
// cluster and heat toggles, region quick-jump buttons.
import { h } from '../../lib/dom.js';
import { fmtNum } from '../../lib/format.js';
import { ROLES, markerElement, roleColor } from '../../components/map/shapes.js';
import { LAST_HEARD } from '../../components/map/filters.js';
import { SCOPE_STATES } from '../../components/map/scopes.js';

const LABELS = { repeater: 'Repeaters', companion: 'Companions', room: 'Rooms', sensor: 'Sensors', observer: 'Observers' };

function select(id, label, value, options, onChange) {
  const s = h('select', { id, onChange: () => onChange(s.value) }, options.map(([v, t]) => h('option', { value: v, selected: v === value, dataset: { label: t } }, t)));
  return h('label', { class: 'mc-field' }, h('span', null, label), s);
}

// scopeSelect is a select of scope names with an "any" first option; the current value stays listed.
function scopeSelect(id, anyLabel, onChange) {
  const s = h('select', { id, onChange: () => onChange(s.value) });
  s.fill = (names, value) => {
    const all = value && !names.includes(value) ? [...names, value] : names;
    s.replaceChildren(h('option', { value: '' }, anyLabel), ...all.map((n) => h('option', { value: n, selected: n === value }, n)));
  };
  return s;
}

/**
 * mapControls builds the panel. onChange(patch) receives a partial filter update; onJump(iata)
 * fits the map to a region ('' = everything). Returns {el, setCounts(counts, facets),
 * setScopeOptions({scopes, regions}, f)}.
 */
export function mapControls(f, { colors, regions, open, onChange, onJump }) {
  const countEls = {};
  const roleBoxes = ROLES.map((r) => {
    const cb = h('input', { type: 'checkbox', checked: f.roles.has(r), dataset: { role: r },
      onChange: () => onChange({ roles: new Set(roleBoxes.filter((x) => x.checked).map((x) => x.dataset.role)) }) });
    countEls[r] = h('span', { class: 'mc-count', dataset: { role: r } }, '0');
    cb.row = h('label', { class: 'mc-role' }, cb, markerElement(r, roleColor(r, colors), { size: 14 }), h('span', null, LABELS[r]), countEls[r]);
    return cb;
  });
  const check = (id, label, val, key) => {
    const cb = h('input', { type: 'checkbox', id, checked: val, onChange: () => onChange({ [key]: cb.checked }) });
    return h('label', { class: 'mc-check' }, cb, h('span', null, label));
  };
  const jumps = Object.entries(regions || {}).sort(([a], [b]) => a.localeCompare(b));
  // Scopes (issue #20): colour by scope-configuration state, filter by scope or declared region.
  const scopeSel = scopeSelect('mapScope', 'Any scope', (v) => onChange({ scope: v }));
  const regionSel = scopeSelect('mapRegion', 'Any region', (v) => onChange({ region: v }));
  const stateCounts = {};
  const legendList = h('ul', { id: 'mapScopeLegend', class: 'mc-legend', hidden: f.colorBy !== 'scope' || null, 'aria-label': 'Scope state colours' },
    SCOPE_STATES.map((st) => {
      stateCounts[st.key] = h('span', { class: 'mc-count', dataset: { state: st.key } }, '0');
      return h('li', { dataset: { state: st.key }, title: st.hint }, h('span', { class: 'mc-swatch', style: { background: st.color } }), h('span', null, st.label), stateCounts[st.key]);
    }));
  const colorBy = select('mapColorBy', 'Colour by', f.colorBy, [['role', 'Role'], ['scope', 'Scope state']], (v) => {
    legendList.hidden = v !== 'scope';
    onChange({ colorBy: v });
  });
  const el = h('details', { class: 'map-panel map-controls', open: open || null },
    h('summary', null, 'Map controls'),
    h('fieldset', null, h('legend', null, 'Roles'), roleBoxes.map((cb) => cb.row)),
    h('fieldset', null, h('legend', null, 'Filters'),
      select('mapStatus', 'Status', f.status, [['all', 'All'], ['active', 'Active'], ['stale', 'Stale']], (v) => onChange({ status: v })),
      select('mapLastHeard', 'Last heard', f.lastHeard, Object.keys(LAST_HEARD).map((k) => [k, k === 'all' ? 'Any time' : k]), (v) => onChange({ lastHeard: v })),
      select('mapHashSize', 'Hash size', f.hashSize, [['all', 'All'], ['1', '1-byte'], ['2', '2-byte'], ['3', '3-byte']], (v) => onChange({ hashSize: v }))),
    h('fieldset', { class: 'mc-scopes' }, h('legend', null, 'Region scopes'), colorBy, legendList,
      h('label', { class: 'mc-field' }, h('span', null, 'Scope'), scopeSel), h('label', { class: 'mc-field' }, h('span', null, 'Declared region'), regionSel)),
    h('fieldset', null, h('legend', null, 'Display'),
      check('mapCluster', 'Cluster markers', f.cluster, 'cluster'),
      check('mapHeat', 'Heat map', f.heat, 'heat')),
    jumps.length ? h('fieldset', { class: 'mc-jump' }, h('legend', null, 'Quick jump'),
      h('button', { type: 'button', dataset: { region: '' }, onClick: () => onJump('') }, 'All'),
      jumps.map(([code, label]) => h('button', { type: 'button', dataset: { region: code }, title: label, onClick: () => onJump(code) }, code))) : null);
  return {
    el,
    setCounts(counts, facets) {
      for (const r of ROLES) countEls[r].textContent = fmtNum(counts[r] || 0);
      for (const [id, key] of [['mapStatus', 'status'], ['mapLastHeard', 'lastHeard'], ['mapHashSize', 'hashSize']]) {
        for (const o of el.querySelectorAll(`#${id} option`)) o.textContent = `${o.dataset.label} (${fmtNum(facets?.[key]?.[o.value] ?? 0)})`;
      }
      for (const st of SCOPE_STATES) stateCounts[st.key].textContent = fmtNum(facets?.scopeState?.[st.key] ?? 0);
    },
    setScopeOptions(opts, cur) {
      scopeSel.fill(opts.scopes, cur.scope);
      regionSel.fill(opts.regions, cur.region);
    },
  };
}
