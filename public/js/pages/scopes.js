// Scope Audit (#/scopes?state=&mismatch=&scope=&q=&sort=&order=): every repeater's declared, configured and
// transported region scopes with mismatches highlighted (docs/scopes.md). The URL query uses the API's own
// parameter names, so the page, a shared link and the CSV download (format=csv) all show the same rows.
import { h, replace } from '../lib/dom.js';
import { getJSON, isAbort } from '../lib/api.js';
import { buildHash } from '../lib/url.js';
import { fmtNum } from '../lib/format.js';
import { createAuditTable, AUDIT_COLUMNS, FINDING_SHORT } from './scopes/audit-table.js';

const DEFAULTS = { state: '', mismatch: '', scope: '', q: '', sort: 'state', order: 'asc' };
const STATES = [['mismatch', 'Mismatch'], ['open', 'Open'], ['scoped', 'Scoped'], ['unknown', 'Unknown']];
const PARAMS = Object.keys(DEFAULTS);

/** auditQuery keeps the known parameters of a hash query (defaults filled in). */
export function auditQuery(query) {
  const q = { ...DEFAULTS };
  for (const k of PARAMS) if (typeof query[k] === 'string') q[k] = query[k];
  if (!AUDIT_COLUMNS.some((c) => c.key === q.sort)) q.sort = DEFAULTS.sort;
  if (q.order !== 'desc') q.order = 'asc';
  return q;
}

/** mount renders the Scope Audit page. */
export function mount(el, ctx) {
  let ctrl = new AbortController();
  const q = auditQuery(ctx.query);
  const select = (id, label, opts) => h('select', { id, 'aria-label': label }, opts.map(([v, t]) => h('option', { value: v }, t)));
  const stateSel = select('scopeState', 'Configuration state', [['', 'All states'], ...STATES]);
  const mismatchSel = select('scopeMismatch', 'Finding', [['', 'All findings'], ...Object.entries(FINDING_SHORT)]);
  const scopeSel = select('scopeName', 'Scope', [['', 'All scopes']]);
  const search = h('input', { id: 'scopeSearch', type: 'search', placeholder: 'Name or key', 'aria-label': 'Search repeaters by name or key', spellcheck: 'false' });
  const csv = h('a', { class: 'btn', id: 'scopeCsv', download: 'scope-audit.csv' }, 'Download CSV');
  const clearBtn = h('button', { type: 'button', id: 'scopeClear' }, 'Clear filters');
  const summary = h('div', { class: 'cards scope-summary', id: 'scopeSummary' });
  const status = h('p', { class: 'muted', id: 'scopeStatus', role: 'status' }, 'Loading…');
  const notice = h('div', { id: 'scopeNotice' });
  const table = createAuditTable((col) => {
    const c = AUDIT_COLUMNS.find((x) => x.key === col);
    q.order = q.sort === col ? (q.order === 'asc' ? 'desc' : 'asc') : c?.desc ? 'desc' : 'asc';
    q.sort = col;
    change();
  });
  const page = h('section', { class: 'page scopes-page', 'aria-labelledby': 'scopesHeading' },
    h('div', { class: 'page-head' }, h('h1', { id: 'scopesHeading' }, 'Scope Audit')),
    h('p', { class: 'muted scope-intro' }, 'What each repeater declares (scoped adverts), how it is configured (observer /neighbors reports and app region answers) ',
      'and which region scopes it was seen forwarding. Forwarding is credited only through hops that name one known node.'),
    summary, notice,
    h('div', { class: 'toolbar scope-toolbar' }, search, stateSel, mismatchSel, scopeSel, clearBtn, csv),
    status, table.el);
  replace(el, page);

  const apiParams = () => Object.fromEntries(PARAMS.filter((k) => q[k] !== DEFAULTS[k]).map((k) => [k, q[k]]));
  function syncControls() {
    stateSel.value = q.state; mismatchSel.value = q.mismatch; search.value = q.q;
    if (![...scopeSel.options].some((o) => o.value === q.scope)) scopeSel.append(h('option', { value: q.scope }, q.scope));
    scopeSel.value = q.scope;
    const p = new URLSearchParams({ ...apiParams(), format: 'csv' });
    csv.href = `/api/scopes/audit?${p}`;
  }
  function change() {
    history.replaceState(null, '', buildHash(['scopes'], q, DEFAULTS));
    load();
  }
  stateSel.addEventListener('change', () => { q.state = stateSel.value; change(); });
  mismatchSel.addEventListener('change', () => { q.mismatch = mismatchSel.value; change(); });
  scopeSel.addEventListener('change', () => { q.scope = scopeSel.value; change(); });
  let typing = 0;
  search.addEventListener('input', () => { clearTimeout(typing); typing = setTimeout(() => { q.q = search.value.trim(); change(); }, 250); });
  clearBtn.addEventListener('click', () => { Object.assign(q, { state: '', mismatch: '', scope: '', q: '' }); change(); });
  summary.addEventListener('click', (e) => {
    const b = e.target.closest('button[data-state]');
    if (b) { q.state = q.state === b.dataset.state ? '' : b.dataset.state; change(); }
  });

  function renderSummary(a) {
    replace(summary, h('div', { class: 'card stat-card', dataset: { stat: 'total' } }, h('div', { class: 'stat-value' }, fmtNum(a.total)), h('div', { class: 'stat-label' }, 'Repeaters audited')),
      STATES.map(([k, label]) => h('button', { type: 'button', class: ['card', 'stat-card', 'scope-stat', `scope-stat-${k}`], 'aria-pressed': String(q.state === k), dataset: { state: k, stat: k } },
        h('span', { class: 'stat-value' }, fmtNum(a.counts?.[k] || 0)), h('span', { class: 'stat-label' }, label))));
  }
  function renderNotice(a) {
    const configured = a.total - (a.counts?.unknown || 0);
    if (a.total === 0) {
      replace(notice, h('div', { class: 'card empty scope-empty', id: 'scopeEmpty' },
        h('p', null, h('strong', null, 'No repeaters heard yet.')),
        h('p', null, 'The audit lists repeaters once their adverts reach an observer. Check that observers are uploading (Observers page).')));
      return;
    }
    replace(notice, configured > 0 ? null : h('div', { class: 'card scope-howto', id: 'scopeHowto' },
      h('p', null, h('strong', null, 'No configured scopes known yet.'), ' Every repeater shows as "unknown" until CoreScope learns its configuration:'),
      h('ul', null,
        h('li', null, 'enable the neighbour report on your ESP32 observers: they publish ', h('code', null, 'meshcore/<IATA>/<OBSERVER>/neighbors'), ' every 12–368 h (default 24 h) with their own and their neighbours\' scopes;'),
        h('li', null, 'or answer region queries from the CoreDrive RX app (', h('code', null, 'meshcore/client/<KEY>/regions'), ');'),
        h('li', null, 'list your regions in ', h('code', null, 'hashRegions'), ' so scoped packets are named.')),
      h('p', { class: 'muted' }, 'docs/scopes.md explains both sources and how each state is decided.')));
  }
  async function load() {
    ctrl.abort();
    ctrl = new AbortController();
    syncControls();
    status.textContent = 'Loading…';
    page.dataset.loaded = 'false';
    try {
      const a = await getJSON('/scopes/audit', apiParams(), { signal: ctrl.signal });
      for (const s of a.scopes || []) if (![...scopeSel.options].some((o) => o.value === s)) scopeSel.append(h('option', { value: s }, s));
      syncControls();
      renderSummary(a);
      renderNotice(a);
      table.setRows(a.rows || [], q.sort, q.order === 'desc');
      const filtered = PARAMS.some((k) => k !== 'sort' && k !== 'order' && q[k] !== DEFAULTS[k]);
      status.textContent = a.rows.length === 0 && a.total > 0
        ? 'No repeater matches these filters — clear them to see all.'
        : `${fmtNum(a.rows.length)} of ${fmtNum(a.total)} repeaters${filtered ? ' (filtered)' : ''}`;
      page.dataset.loaded = 'true';
    } catch (e) {
      if (!isAbort(e)) { status.textContent = `Scope audit unavailable: ${e.message}`; page.dataset.loaded = 'true'; }
    }
  }
  load();
  return () => { ctrl.abort(); clearTimeout(typing); };
}
