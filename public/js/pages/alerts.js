// Alerts page (#/alerts, issue #22): the alerts firing now and those resolved recently, with links to
// the node or observer concerned, acknowledgement, and a mute per rule. Acknowledging and muting need
// the server's API key (kept in this tab's memory only, lib/operator-key.js).
import { h, replace } from '../lib/dom.js';
import { getJSON, isAbort } from '../lib/api.js';
import { absTime, timeAgo } from '../lib/format.js';
import { operatorKey, setOperatorKey } from '../lib/operator-key.js';

// Rules whose subject is a node key or an observer id, for the link.
const NODE_RULES = new Set(['node_silent', 'bridge_silent', 'node_renamed', 'node_moved', 'scope_mismatch']);
const OBSERVER_RULES = new Set(['observer_offline', 'observer_degraded', 'battery_falling', 'noise_floor_rising']);
const RULE_LABELS = {
  ingest_stalled: 'Ingest stalled', disk_full: 'Disk full', source_silent: 'MQTT source silent',
  observer_offline: 'Observer offline', observer_degraded: 'Observer degraded', node_silent: 'Claimed node silent',
  scope_mismatch: 'Scope mismatch', scope_unscoped_region: 'Unscoped traffic in a scoped region',
  bridge_silent: 'Bridge repeater silent', mesh_split: 'Mesh split', node_renamed: 'Node renamed',
  node_moved: 'Node moved', prefix_collision: 'New 1-byte prefix collision',
  battery_falling: 'Battery falling', noise_floor_rising: 'Noise floor rising',
};
const ruleLabel = (k) => RULE_LABELS[k] || k;

/** subjectCell links a node or observer subject to its page; other subjects are plain text. */
function subjectCell(a) {
  const text = a.name ? `${a.name} (${a.subject.slice(0, 12)})` : a.subject;
  if (NODE_RULES.has(a.kind)) return h('a', { href: `#/nodes/${encodeURIComponent(a.subject)}` }, text);
  if (OBSERVER_RULES.has(a.kind)) return h('a', { href: `#/observers/${encodeURIComponent(a.subject)}` }, text);
  return text;
}

/** post sends an operator write with the key; resolves to {ok, error}. */
async function post(path, body, key) {
  const res = await fetch(`/api${path}`, { method: 'POST', headers: { 'Content-Type': 'application/json', 'X-API-Key': key }, body: JSON.stringify(body) });
  const b = await res.json().catch(() => null);
  return { ok: res.ok, error: b && b.error ? `HTTP ${res.status}: ${b.error}` : `HTTP ${res.status}` };
}

/** mount renders the page and refreshes it every 30 s. */
export function mount(el) {
  const ctrl = new AbortController();
  const keyInput = h('input', { type: 'password', id: 'alertsKey', autocomplete: 'off', value: operatorKey(), size: 24, 'aria-describedby': 'alertsKeyHelp' });
  const status = h('p', { id: 'alertsStatus', role: 'status', class: 'muted' });
  const body = h('div', { id: 'alertsBody' }, h('p', { class: 'muted' }, 'Loading alerts…'));
  const page = h('section', { class: 'page alerts-page', id: 'alertsPage', 'aria-labelledby': 'alertsHeading' },
    h('div', { class: 'page-head' }, h('h1', { id: 'alertsHeading' }, 'Alerts')),
    h('p', { class: 'muted' }, 'Conditions the server watches in the mesh and the ingest pipeline. Webhooks are sent once per alert, when it starts and when it clears; thresholds are under "alerts" in config.json.'),
    h('div', { class: 'toolbar' }, h('label', { for: 'alertsKey' }, 'API key'), keyInput,
      h('span', { id: 'alertsKeyHelp', class: 'muted' }, 'Needed to acknowledge or mute; kept in this tab only.')),
    status, body);
  replace(el, page);

  const say = (text, kind) => { status.textContent = text; status.dataset.kind = kind || ''; status.className = kind === 'error' ? 'error-text' : 'muted'; };
  const key = () => { const k = keyInput.value.trim(); if (k) setOperatorKey(k); return k; };

  async function write(path, payload, done) {
    const k = key();
    if (!k) { say('Enter the server\'s API key first (apiKey in config.json).', 'error'); keyInput.focus(); return; }
    const r = await post(path, payload, k);
    if (!r.ok) { say(r.error, 'error'); return; }
    say(done, 'ok');
    load();
  }

  function table(id, caption, rows, withAck) {
    return h('div', { class: 'table-wrap' }, h('table', { class: 'data', id },
      h('caption', null, caption),
      h('thead', null, h('tr', null, h('th', { scope: 'col' }, 'Rule'), h('th', { scope: 'col' }, 'Subject'), h('th', { scope: 'col' }, 'What happened'),
        h('th', { scope: 'col' }, withAck ? 'Since' : 'Cleared'), h('th', { scope: 'col' }, withAck ? 'State' : 'Lasted from'))),
      h('tbody', null, rows.map((a) => h('tr', { dataset: { kind: a.kind, subject: a.subject } },
        h('td', null, ruleLabel(a.kind), a.muted ? h('span', { class: 'badge muted-badge' }, ' muted') : null),
        h('td', null, subjectCell(a)),
        h('td', { class: 'alert-message' }, a.message),
        h('td', null, h('time', { datetime: withAck ? a.since : a.resolved, title: absTime(withAck ? a.since : a.resolved) }, timeAgo(withAck ? a.since : a.resolved))),
        h('td', null, withAck
          ? (a.acked ? h('span', { class: 'badge acked' }, 'Acknowledged')
            : h('button', { type: 'button', class: 'ack-btn', 'aria-label': `Acknowledge ${ruleLabel(a.kind)}: ${a.name || a.subject}`,
              onclick: () => write('/alerts/ack', { kind: a.kind, subject: a.subject }, 'Acknowledged.') }, 'Acknowledge'))
          : absTime(a.since)))))));
  }

  function render(list) {
    const firing = list.alerts.filter((a) => a.status === 'firing');
    const resolved = list.alerts.filter((a) => a.status === 'resolved');
    const rules = h('ul', { class: 'rule-list', id: 'alertRules' }, list.rules.map((r) => h('li', { dataset: { kind: r.kind } },
      h('label', null, h('input', { type: 'checkbox', checked: r.muted, class: 'mute-toggle',
        onchange: (e) => write('/alerts/mute', { kind: r.kind, muted: e.target.checked }, e.target.checked ? `${ruleLabel(r.kind)} muted: no webhooks.` : `${ruleLabel(r.kind)} unmuted.`) }),
      ` Mute ${ruleLabel(r.kind)}`))));
    replace(body,
      h('section', { class: 'card' }, h('h2', null, `Firing (${firing.length})`), firing.length
        ? table('alertsFiring', 'Alerts firing now, oldest first', firing, true)
        : h('p', { class: 'empty', id: 'alertsNoneFiring' }, 'No alert is firing. Rules and thresholds are set under "alerts" in config.json (docs/monitoring.md); add webhooks in alerts.webhooks to be notified.')),
      h('section', { class: 'card' }, h('h2', null, `Recently resolved (${resolved.length})`), resolved.length
        ? table('alertsResolved', 'Alerts resolved since the server started, newest first', resolved, false)
        : h('p', { class: 'empty', id: 'alertsNoneResolved' }, 'Nothing has cleared since the server started.')),
      h('section', { class: 'card' }, h('h2', null, 'Rules'),
        h('p', { class: 'muted' }, 'A muted rule still shows here but sends no webhook. Mutes and acknowledgements are kept in alerts-state.json next to the database.'), rules));
    page.dataset.loaded = 'true';
  }

  async function load() {
    try {
      render(await getJSON('/alerts', null, { signal: ctrl.signal, quiet: true }));
    } catch (e) {
      if (!isAbort(e)) replace(body, h('p', { class: 'error-text' }, `Could not load alerts: ${e.message}`));
    }
  }
  load();
  const timer = setInterval(load, 30000);
  return () => { clearInterval(timer); ctrl.abort(); };
}
