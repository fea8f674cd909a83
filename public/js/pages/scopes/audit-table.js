// Scope Audit table: rows arrive filtered and sorted by the server (GET /api/scopes/audit), so the
// CSV download and the page show the same order; header buttons ask for another sort. Node names
// are attacker-controlled and reach the DOM only as text.
import { h, replace } from '../../lib/dom.js';
import { timeAgo, absTime, fmtNum, shortKey } from '../../lib/format.js';

/** AUDIT_COLUMNS: key (the API's sort key, null when not sortable), label, descending-first flag. */
export const AUDIT_COLUMNS = [
  { key: 'name', label: 'Repeater' },
  { key: 'state', label: 'State' },
  { key: 'declared', label: 'Declared' },
  { key: 'configured', label: 'Configured' },
  { key: 'transported', label: 'Transported (7 d)', desc: true },
  { key: 'unscoped', label: 'Unscoped relays (24 h)', desc: true, num: true },
  { key: 'mismatches', label: 'Findings', desc: true },
  { key: 'last_seen', label: 'Last seen', desc: true },
];

/** FINDINGS names each mismatch kind the way an operator reads it. */
export const FINDINGS = {
  forwards_undeclared_scope: 'Forwards a scope it is not configured for',
  forwards_unscoped_while_denied: 'Forwards unscoped traffic although configured with denyf *',
  declares_unforwarded_region: 'Declares a region it was never seen forwarding',
};

/** FINDING_SHORT are the findings' short names (filter menu). */
export const FINDING_SHORT = {
  forwards_undeclared_scope: 'Forwards an unconfigured scope',
  forwards_unscoped_while_denied: 'Unscoped relays despite denyf *',
  declares_unforwarded_region: 'Declared region never forwarded',
};

// SOURCES names where a configuration came from (configured_source).
const SOURCES = { neighbors_self: 'observer\'s own report', neighbors: 'an observer\'s /neighbors report', client_regions: 'app /regions answer' };

const STATE_CLASS = { mismatch: 'badge-bad', open: 'badge-warn', scoped: 'badge-ok', unknown: '' };

const chip = (s, cls = '', title = null) => h('span', { class: ['scope-chip', cls], title }, s);
const chips = (list, mark = () => null) => (list.length ? h('span', { class: 'scope-chips' }, list.map((s) => {
  const m = mark(s);
  return chip(s, m?.cls || '', m?.title || null);
})) : h('span', { class: 'muted' }, 'none'));

function configured(r) {
  if (r.configured_scopes === null || r.configured_scopes === undefined) return h('span', { class: 'muted', title: 'No confirmed /neighbors or /regions answer' }, 'unknown');
  const deny = r.denies_unscoped === true ? chip('denyf *', 'scope-chip-deny', 'Configured to drop unscoped floods')
    : r.denies_unscoped === false ? chip('allows unscoped', 'scope-chip-open', 'Configured without denyf *') : null;
  return h('span', { class: 'scope-chips' }, r.configured_scopes.length ? r.configured_scopes.map((s) => chip(s)) : h('span', { class: 'muted' }, 'none'), deny,
    r.configured_source ? h('span', { class: 'muted scope-source', title: `Answered ${absTime(r.configured_at)}` }, ` via ${SOURCES[r.configured_source] || r.configured_source}`) : null);
}

function cells(r) {
  const undeclared = new Set(r.undeclared_scopes || []);
  const unforwarded = new Set(r.unforwarded_regions || []);
  const denied = r.denies_unscoped === true || (r.scope_config_state === 'mismatch' && (r.scope_mismatches || []).includes('forwards_unscoped_while_denied'));
  return [
    h('td', { dataset: { col: 'name' } }, h('a', { href: `#/nodes/${encodeURIComponent(r.public_key)}` }, r.name || shortKey(r.public_key)),
      r.role && r.role !== 'repeater' ? h('span', { class: 'muted' }, ` (${r.role})`) : null),
    h('td', { dataset: { col: 'state' } }, h('span', { class: ['badge', 'scope-state', STATE_CLASS[r.scope_config_state] || ''] }, r.scope_config_state)),
    h('td', { dataset: { col: 'declared' } }, chips(r.declared_regions || [], (s) => (unforwarded.has(s)
      ? { cls: 'scope-chip-warn', title: `${s}: declared but never seen forwarded` } : null))),
    h('td', { dataset: { col: 'configured' } }, configured(r)),
    h('td', { dataset: { col: 'transported' } }, chips(r.transported_scopes || [], (s) => {
      const n = r.transported_counts?.[s];
      return undeclared.has(s) ? { cls: 'scope-chip-bad', title: `${s}: forwarded ${fmtNum(n)}× but not configured` } : { cls: '', title: `${s}: forwarded ${fmtNum(n)}×` };
    })),
    h('td', { class: ['num', r.unscoped_relay_count_24h > 0 && denied ? 'scope-cell-bad' : ''], dataset: { col: 'unscoped' } }, fmtNum(r.unscoped_relay_count_24h)),
    h('td', { dataset: { col: 'mismatches' } }, (r.scope_mismatches || []).length
      ? h('ul', { class: 'plain-list scope-findings' }, r.scope_mismatches.map((m) => h('li', { class: m === 'declares_unforwarded_region' ? 'finding-warn' : 'finding-bad', dataset: { kind: m } }, FINDINGS[m] || m)))
      : h('span', { class: 'muted' }, '—')),
    h('td', { dataset: { col: 'last_seen' } }, r.last_seen ? h('time', { datetime: r.last_seen, title: absTime(r.last_seen) }, timeAgo(r.last_seen)) : '—'),
  ];
}

/** createAuditTable returns {el, setRows(rows, sort, desc)}; onSort(key) when a header is pressed. */
export function createAuditTable(onSort) {
  const thead = h('thead');
  const tbody = h('tbody', { id: 'scopeAuditBody' });
  const el = h('div', { class: 'table-wrap' }, h('table', { class: 'data scope-audit-table', id: 'scopeAuditTable' },
    h('caption', { class: 'sr-only' }, 'Repeaters: declared, configured and transported scopes'), thead, tbody));
  thead.addEventListener('click', (e) => { const b = e.target.closest('button.sort'); if (b) onSort(b.dataset.col); });
  return {
    el,
    setRows(rows, sort, desc) {
      replace(thead, h('tr', null, AUDIT_COLUMNS.map((c) => {
        const active = c.key === sort;
        return h('th', { scope: 'col', class: c.num ? 'num' : null, 'aria-sort': active ? (desc ? 'descending' : 'ascending') : 'none', dataset: { col: c.key } },
          h('button', { type: 'button', class: 'sort', dataset: { col: c.key } }, c.label, active ? (desc ? ' ▼' : ' ▲') : ''));
      })));
      replace(tbody, rows.map((r) => h('tr', { class: `scope-row scope-row-${r.scope_config_state}`, dataset: { key: r.public_key, state: r.scope_config_state } }, cells(r))));
    },
  };
}
