// My Repeaters tab: the health of the repeaters and rooms this browser watches — the claimed
// ("My node", meshcore-my-nodes) and favourite (meshcore-favorites) ones — one card each.
import { h } from '../../lib/dom.js';
import { timeAgo, absTime, fmtNum, nodeStatus } from '../../lib/format.js';
import { favorites, myNodes } from '../../lib/store.js';
import { statusDot } from '../../components/badges.js';
import { gradeBadge } from '../../components/grade.js';
import { add, stat, num, section } from '../../components/analytics-kit.js';
import { allNodes } from './fleet.js';

/** watched returns the claimed and favourite pubkeys (lower-case), claimed first, without repeats. */
export function watched() {
  const out = [];
  for (const pk of [...myNodes().map((x) => x.pubkey), ...favorites()]) {
    const k = String(pk || '').toLowerCase();
    if (k && !out.includes(k)) out.push(k);
  }
  return out;
}

const SKEW = { ok: 'badge-ok', warning: 'badge-warn', critical: 'badge-bad', absurd: 'badge-bad', no_clock: 'badge-bad', bimodal_clock: 'badge-warn' };

function card(n, { neighbours, skew, claimed }) {
  const st = nodeStatus(n.last_seen, n.role);
  const kv = (k, v, s) => [h('dt', null, k), h('dd', { dataset: s ? { stat: s } : null }, v)];
  return h('article', { class: `card mr-card mr-${st}`, dataset: { pubkey: n.public_key } },
    h('header', { class: 'mr-head' }, h('h3', null, h('a', { href: `#/nodes/${n.public_key}` }, n.name || `${n.public_key.slice(0, 8)}…`)),
      gradeBadge(n), claimed ? h('span', { class: 'badge' }, 'mine') : h('span', { class: 'badge', title: 'Favourite' }, '★')),
    h('div', { class: 'mr-status' }, statusDot(st), h('span', { class: 'muted' }, ` · heard ${timeAgo(n.last_seen)}`)),
    h('dl', { class: 'kv mr-kv' },
      kv('Relaying', n.relay_active ? 'yes' : 'no', 'relay_active'),
      kv('Last relayed', n.last_relayed ? h('span', { title: absTime(n.last_relayed) }, timeAgo(n.last_relayed)) : 'never', 'last_relayed'),
      kv('Relayed 1 h / 24 h', `${fmtNum(n.relay_count_1h ?? 0)} / ${fmtNum(n.relay_count_24h ?? 0)}`, 'relays'),
      kv('Usefulness', n.usefulness_score !== undefined ? `${Math.round(n.usefulness_score * 100)} %` : '—', 'usefulness_score'),
      kv('Neighbours', num(neighbours), 'neighbours'),
      kv('Clock', skew ? h('span', { class: `badge ${SKEW[skew.severity] || ''}` }, String(skew.severity).replace('_', ' ')) : 'no data', 'clock'),
      kv('Battery', n.battery_mv ? `${fmtNum(n.battery_mv)} mV` : '—', 'battery'),
      kv('Multi-byte', n.multi_byte_status || '—', 'multi_byte_status')));
}

/** render draws the watch-list into box. */
export async function render(box, { get }) {
  box.classList.add('an-fleet');
  const keys = watched();
  if (!keys.length) {
    add(box, h('div', { class: 'empty mr-empty' }, h('h2', null, 'No repeaters watched yet'),
      h('p', null, 'Star a repeater (☆) on the ', h('a', { href: '#/nodes?tab=repeater' }, 'Nodes page'),
        ' or mark it "My node" on its page, and its health shows up here. The list is kept in this browser only.')));
    return;
  }
  const [{ nodes }, skews, graph] = await Promise.all([allNodes(get),
    get('/nodes/clock-skew', { window: null, region: null }).catch(() => []),
    get('/analytics/neighbor-graph', { min_count: 1, min_score: 0, window: null, region: null }).catch(() => null)]);
  const byKey = new Map(nodes.map((n) => [n.public_key.toLowerCase(), n]));
  const skewBy = new Map((Array.isArray(skews) ? skews : []).map((s) => [String(s.pubkey).toLowerCase(), s]));
  const neigh = new Map((graph?.nodes || []).map((x) => [String(x.pubkey).toLowerCase(), x.neighbor_count]));
  const claimed = new Set(myNodes().map((x) => String(x.pubkey).toLowerCase()));
  const relays = keys.map((k) => byKey.get(k)).filter((n) => n && (n.role === 'repeater' || n.role === 'room'));
  const others = keys.filter((k) => !relays.some((n) => n.public_key.toLowerCase() === k));
  const counts = { Active: 0, Degraded: 0, Silent: 0 };
  for (const n of relays) counts[nodeStatus(n.last_seen, n.role)]++;
  add(box, h('div', { class: 'cards an-cards' }, stat('Watched repeaters', num(relays.length), 'mrWatched'),
    stat('Active', num(counts.Active), 'mrActive'), stat('Degraded', num(counts.Degraded), 'mrDegraded'), stat('Silent', num(counts.Silent), 'mrSilent')));
  add(box, relays.length
    ? h('div', { class: 'mr-grid', id: 'mrCards' }, relays.map((n) => card(n, { neighbours: neigh.get(n.public_key.toLowerCase()) ?? 0, skew: skewBy.get(n.public_key.toLowerCase()), claimed: claimed.has(n.public_key.toLowerCase()) })))
    : h('p', { class: 'muted empty' }, 'None of your starred or claimed nodes is a repeater or room (in this region).'));
  if (others.length) {
    add(box, section('Other watched nodes', h('p', { class: 'muted small' }, 'Starred or claimed, but not a repeater or room here (or not heard in this region):'),
      h('ul', { class: 'mr-others' }, others.map((k) => {
        const n = byKey.get(k);
        return h('li', null, h('a', { href: `#/nodes/${k}` }, n?.name || `${k.slice(0, 8)}…`), n ? ` · ${n.role || 'unknown role'}` : ' · not in this list');
      }))));
  }
}
