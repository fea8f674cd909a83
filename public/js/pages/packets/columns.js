// Packets table columns (ui.md §1.4): renderers over display items {row, kind, expandable, expanded}.
import { h } from '../../lib/dom.js';
import { timeAgo, absTime, shortHash, fmtDec } from '../../lib/format.js';
import { payloadName } from '../../logic/payload.js';
import { pathHops, resolveHops } from '../../logic/hops.js';
import { rowTime, rowSize, hashBytes } from '../../logic/packet-rows.js';
import { typeBadge, hopChips, scopeBadge } from '../../components/badges.js';
import { summaryText } from '../../components/packet-detail.js';

/** compactTime shows HH:mm:ss for today and MM-DD HH:mm otherwise (the full time is the tooltip). */
export function compactTime(t, now = Date.now()) {
  const full = absTime(t);
  return full.slice(0, 10) === absTime(now).slice(0, 10) ? full.slice(11) : full.slice(5, 16);
}

/** NARROW_HIDDEN are the columns hidden by default on phone widths. */
export const NARROW_HIDDEN = ['region', 'hash', 'size', 'hb', 'scope', 'observer', 'rssi', 'details'];

/** CELL_FIELD maps a column to the filter-language field and value used by right-click-to-filter. */
export const CELL_FIELD = {
  type: ['type', (r) => payloadName(r.payload_type)],
  hash: ['hash', (r) => r.hash],
  size: ['size', (r) => rowSize(r)],
  observer: ['observer', (r) => r.observer_name || r.observer_id],
  snr: ['snr', (r) => r.snr],
  rssi: ['rssi', (r) => r.rssi],
  path: ['hops', (r) => pathHops(r).length],
  rpt: ['observations', (r) => r.observation_count ?? r.count ?? 1],
  region: ['observer_iata', (r) => r.observer_iata],
};

/**
 * packetColumns returns the column definitions. ctx: {nodes() -> node index|null, hexOnly() -> bool,
 * absolute() -> bool (absolute instead of relative times), narrow:boolean}.
 */
export function packetColumns(ctx) {
  return [
    { key: 'expand', label: '', width: ctx.narrow ? 26 : 34, min: 24, sortable: false, resizable: false, class: 'col-expand',
      render: (it) => (it.expandable
        ? h('button', { type: 'button', class: 'caret link-btn', 'aria-expanded': String(Boolean(it.expanded)),
          'aria-label': `${it.expanded ? 'Collapse' : 'Expand'} ${it.row.observation_count ?? it.row.count} observations` }, it.expanded ? '▾' : '▸')
        : it.kind === 'child' ? h('span', { class: 'child-mark', 'aria-hidden': 'true' }, '└') : '') },
    { key: 'region', label: 'Region', width: 92, render: (it) => {
      const extra = (it.row.distinct_iatas || []).filter((x) => x && x !== it.row.observer_iata).length;
      return it.row.observer_iata ? [h('span', { class: 'badge' }, it.row.observer_iata), extra && it.kind !== 'child' ? h('span', { class: 'muted' }, ` +${extra}`) : null] : '';
    } },
    { key: 'time', label: 'Time', width: ctx.narrow ? 80 : 96, defaultAsc: false, render: (it) => {
      const t = rowTime(it.row);
      if (t === null) return '—';
      const abs = ctx.absolute && ctx.absolute();
      return h('time', { datetime: new Date(t).toISOString(), title: abs ? timeAgo(t) : absTime(t) }, abs ? compactTime(t) : timeAgo(t));
    } },
    { key: 'hash', label: 'Hash', width: 92, class: 'mono', render: (it) => shortHash(it.row.hash) },
    { key: 'size', label: 'Size', width: 60, class: 'num', title: 'Raw size in bytes', render: (it) => (rowSize(it.row) ?? '') },
    { key: 'hb', label: 'HB', width: 48, class: 'num', title: 'Hash bytes per hop (— for TRACE)', render: (it) => hashBytes(it.row) ?? '—' },
    { key: 'type', label: 'Type', width: ctx.narrow ? 124 : 150, render: (it) => typeBadge(it.row.payload_type, it.row.route_type) },
    { key: 'scope', label: 'Scope', width: 104, title: 'Region scope of a transport-route packet ("unscoped" for plain floods and direct packets)',
      render: (it) => scopeBadge(it.row) || '' },
    { key: 'observer', label: 'Observer', width: 140, render: (it) => [it.row.observer_name || it.row.observer_id || '',
      it.kind !== 'child' && (it.row.observer_count || 0) > 1 ? h('span', { class: 'muted' }, ` +${it.row.observer_count - 1}`) : null] },
    // Signal as this row's observer heard it (the best observation on a grouped row).
    { key: 'snr', label: 'SNR', width: 64, class: 'num', title: 'Signal-to-noise ratio in dB, as the observer heard it', defaultAsc: false,
      render: (it) => (typeof it.row.snr === 'number' ? fmtDec(it.row.snr, 1) : '') },
    { key: 'rssi', label: 'RSSI', width: 64, class: 'num', title: 'Received signal strength in dBm, as the observer heard it', defaultAsc: false,
      render: (it) => (typeof it.row.rssi === 'number' ? String(Math.round(it.row.rssi)) : '') },
    { key: 'path', label: 'Path', width: ctx.narrow ? 104 : 200, render: (it) => {
      const idx = ctx.nodes();
      return hopChips(resolveHops(pathHops(it.row), it.row.resolved_path, idx?.prefix, idx?.byKey), { hexOnly: ctx.hexOnly(), max: ctx.narrow ? 2 : 6 });
    } },
    { key: 'rpt', label: 'Rpt', width: ctx.narrow ? 38 : 52, class: 'num', title: 'Observations of this packet', defaultAsc: false,
      render: (it) => h('span', { class: 'badge rpt-badge' }, String(it.row.observation_count ?? it.row.count ?? 1)) },
    { key: 'details', label: 'Details', width: 220, sortable: false, render: (it) => h('span', { class: 'pkt-details' }, summaryText(it.row)) },
  ];
}
