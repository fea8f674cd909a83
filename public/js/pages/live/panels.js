// Live overlay panels: filter/display controls, legend, and the node detail panel.
import { h, replace } from '../../lib/dom.js';
import { getJSON, isAbort } from '../../lib/api.js';
import { timeAgo, shortKey, fmtNum, fmtDec, absTime, shortHash } from '../../lib/format.js';
import { typeBadge } from '../../components/badges.js';
import { summaryText } from '../../components/packet-detail.js';
import { ROLES, markerElement, roleColor } from '../../components/map/shapes.js';

/** TYPE_KEYS are the packet type filter groups (see paths.typeKey). */
export const TYPE_KEYS = Object.freeze(['ADVERT', 'GRP_TXT', 'TXT_MSG', 'REQ', 'RESPONSE', 'ACK', 'PATH', 'TRACE', 'ANON_REQ', 'OTHER']);
const TYPE_LABEL = { ADVERT: 'Advert', GRP_TXT: 'Channel', TXT_MSG: 'Direct', REQ: 'Request', RESPONSE: 'Response', ACK: 'Ack', PATH: 'Path', TRACE: 'Trace', ANON_REQ: 'Anon req', OTHER: 'Other' };
const FALLBACK_TYPE = '#94a3b8';

/** typeColor picks a payload type's colour from theme typeColors. */
export function typeColor(key, colors) {
  const c = colors?.[key];
  return typeof c === 'string' && /^#[0-9a-f]{3,8}$/i.test(c) ? c : FALLBACK_TYPE;
}

/**
 * controlsPanel(f, {regions, scopes, onChange}) builds the collapsible Live controls: type checkboxes,
 * region, scope, node filter, favourites only, multibyte only, heat, colour by hash, inferred hops,
 * realistic timing, matrix rain. onChange(patch) reports edits.
 */
export function controlsPanel(f, { regions, scopes = [], typeColors, onChange }) {
  const types = TYPE_KEYS.map((k) => {
    const cb = h('input', { type: 'checkbox', checked: f.types.has(k), dataset: { type: k },
      onChange: () => onChange({ types: new Set(types.filter((x) => x.checked).map((x) => x.dataset.type)) }) });
    return cb;
  });
  const region = h('select', { id: 'liveRegion', onChange: () => onChange({ region: region.value }) },
    h('option', { value: '' }, 'All regions'), Object.keys(regions || {}).sort().map((r) => h('option', { value: r, selected: r === f.region }, r)));
  // Scope (issue #20): region scopes seen lately, plus unscoped and unlisted-region packets.
  const scopeNames = f.scope && !['unscoped', 'unknown', ...scopes].includes(f.scope) ? [...scopes, f.scope] : scopes;
  const scope = h('select', { id: 'liveScope', onChange: () => onChange({ scope: scope.value }) },
    h('option', { value: '' }, 'All scopes'), h('option', { value: 'unscoped', selected: f.scope === 'unscoped' }, 'Unscoped'),
    h('option', { value: 'unknown', selected: f.scope === 'unknown' }, 'Unlisted region'),
    scopeNames.map((s) => h('option', { value: s, selected: s === f.scope }, s)));
  const node = h('input', { id: 'liveNodeFilter', type: 'search', placeholder: 'Node key prefix', value: f.node, 'aria-label': 'Node filter',
    onChange: () => onChange({ node: node.value.trim() }) });
  const check = (id, label, key) => {
    const cb = h('input', { type: 'checkbox', id, checked: f[key], onChange: () => onChange({ [key]: cb.checked }) });
    return h('label', { class: 'lc-check' }, cb, ' ', label);
  };
  return h('div', { id: 'liveControls', class: 'live-panel live-controls hidden' },
    h('fieldset', null, h('legend', null, 'Packet types'), h('div', { class: 'lc-types' }, types.map((cb) => h('label', { class: 'lc-check' }, cb,
      h('span', { class: 'type-dot', style: { background: typeColor(cb.dataset.type, typeColors) } }), TYPE_LABEL[cb.dataset.type])))),
    h('fieldset', null, h('legend', null, 'Filters'), h('label', { class: 'lc-field' }, h('span', null, 'Region'), region),
      h('label', { class: 'lc-field' }, h('span', null, 'Scope'), scope),
      h('label', { class: 'lc-field' }, h('span', null, 'Node'), node), check('liveFavOnly', 'Favourites only', 'favOnly'),
      check('liveMultibyte', 'Multibyte only (2-3 byte hops)', 'multibyte')),
    h('fieldset', null, h('legend', null, 'Display'), check('liveHeat', 'Heat map', 'heat'), check('liveColorHash', 'Colour by hash', 'colorByHash'),
      check('liveGhosts', 'Inferred hops', 'ghosts'), check('liveRealistic', 'Realistic timing (airtime)', 'realistic'), check('liveMatrix', 'Matrix rain', 'matrix')));
}

/** legend lists role shapes and packet type colours. */
export function legend(colors, typeColors) {
  return h('details', { id: 'liveLegend', class: 'live-panel live-legend' }, h('summary', null, 'Legend'),
    h('ul', null, ROLES.map((r) => h('li', null, markerElement(r, roleColor(r, colors), { size: 12 }), ` ${r}`))),
    h('ul', null, TYPE_KEYS.filter((k) => k !== 'OTHER').map((k) => h('li', null, h('span', { class: 'type-dot', style: { background: typeColor(k, typeColors) } }), ` ${TYPE_LABEL[k]}`))));
}

/** nodePanel returns {el, show(item), showPacket(row, names), hide()}: details of a clicked node, observer or feed packet. */
export function nodePanel(onFilter) {
  const body = h('div', { class: 'lp-body' });
  const el = h('aside', { id: 'liveNodePanel', class: 'live-panel live-node hidden', 'aria-label': 'Node detail' },
    h('button', { type: 'button', class: 'pane-close', 'aria-label': 'Close', onClick: () => el.classList.add('hidden') }, '✕'), body);
  let ctrl = null;
  return {
    el,
    async show(it) {
      ctrl?.abort();
      ctrl = new AbortController();
      const link = it.kind === 'observer' ? `#/observers/${encodeURIComponent(it.raw.id)}` : `#/nodes/${encodeURIComponent(it.key)}`;
      const extra = h('div', { class: 'lp-extra muted' }, it.kind === 'node' ? 'Loading…' : '');
      replace(body, h('h2', { class: 'lp-name' }, it.name || shortKey(it.key)),
        h('div', { class: 'muted' }, it.kind === 'observer' ? `observer${it.iata ? ` · ${it.iata}` : ''}` : it.role, it.stale ? ' · stale' : ''),
        h('div', { class: 'mono lp-key' }, it.key), h('div', null, `Last seen ${timeAgo(it.last_seen)}`), extra,
        h('div', { class: 'lp-actions' }, h('a', { href: link }, 'Open page'),
          h('button', { type: 'button', onClick: () => onFilter(it.key.slice(0, 16)) }, 'Only this node')));
      el.classList.remove('hidden');
      if (it.kind !== 'node') return;
      const q = { signal: ctrl.signal, quiet: true };
      const key = encodeURIComponent(it.key);
      const [hl, p] = await Promise.all([getJSON(`/nodes/${key}/health`, null, q).catch((e) => (isAbort(e) ? undefined : null)),
        getJSON(`/nodes/${key}/paths`, null, q).catch((e) => (isAbort(e) ? undefined : null))]);
      if (hl === undefined || p === undefined) return;
      const st = hl?.stats;
      replace(extra, st ? h('div', { class: 'lp-health' }, `${fmtNum(st.totalTransmissions)} packets · ${fmtNum(st.packetsToday)} today · `,
        `avg ${st.avgHops ?? '—'} hops · SNR ${fmtDec(st.avgSnr)} dB · heard by ${fmtNum((hl.observers || []).length)} observers`) : null,
      p ? h('div', null, `${fmtNum(p.totalPaths ?? (p.paths || []).length)} relay paths`) : null,
      h('ol', { class: 'lp-paths' }, (p?.paths || []).slice(0, 3).map((x) => h('li', null, (x.hops || []).map((y) => y.name || y.prefix).join(' → ')))));
      if (!st && !p) extra.textContent = 'No health or path data.';
    },
    /** showPacket shows a feed packet: names are the display names of its hops. */
    showPacket(row, names) {
      ctrl?.abort();
      const obs = row.observer_id ? `&obs=${encodeURIComponent(row.observer_id)}` : '';
      replace(body, h('h2', { class: 'lp-name' }, typeBadge(row.payload_type, row.route_type), ' ', summaryText(row) || shortHash(row.hash)),
        h('div', { class: 'mono lp-key' }, row.hash),
        h('div', null, `Heard by ${row.observer_name || shortKey(row.observer_id)} · ${absTime(row.t)}`),
        row.snr !== null && row.snr !== undefined ? h('div', null, `SNR ${fmtDec(row.snr)} dB · RSSI ${fmtDec(row.rssi, 0)} dBm`) : null,
        h('div', { class: 'lp-extra' }, names.length ? `Path: ${names.join(' → ')}` : 'Direct (no hops)'),
        h('div', { class: 'lp-actions' }, h('a', { href: `#/packets/${encodeURIComponent(row.hash)}` }, 'Packet detail'),
          h('a', { href: `#/map?packet=${encodeURIComponent(row.hash)}${obs}` }, 'Route on map')));
      el.classList.remove('hidden');
    },
    hide() { el.classList.add('hidden'); },
  };
}
