// Nodes tab: fleet leaderboards — most heard, best SNR, most relays, longest reach, most useful.
// Health figures come from /nodes/bulk-health (the most recently heard nodes), relays and grades from
// /nodes, reach from the longest measured links of /analytics/distance.
import { h } from '../../lib/dom.js';
import { fmtDec } from '../../lib/format.js';
import { add, stat, num, table, nodeLink } from '../../components/analytics-kit.js';
import { allNodes, top } from './fleet.js';
import { gradeBadge } from '../../components/grade.js';

const HEALTH_LIMIT = 200;

/** longestLinks folds the distance view's links into each node's longest one. */
function longestLinks(dist) {
  const best = new Map();
  for (const x of dist?.topHops || []) {
    for (const [pk, name, other] of [[x.fromPk, x.fromName, x.toName], [x.toPk, x.toName, x.fromName]]) {
      if (!pk) continue;
      const cur = best.get(pk);
      if (!cur || x.dist > cur.dist) best.set(pk, { public_key: pk, name, dist: x.dist, other });
    }
  }
  return [...best.values()];
}

const board = (title, id, cols, rows, note, empty) => h('section', { class: 'card an-card', id },
  h('h2', null, title), h('p', { class: 'muted small' }, note), table(cols, rows, { empty }));

/** render draws the leaderboards into box. */
export async function render(box, { get }) {
  box.classList.add('an-fleet');
  const [{ nodes, total }, health, dist] = await Promise.all([allNodes(get),
    get('/nodes/bulk-health', { limit: HEALTH_LIMIT, window: null }),
    get('/analytics/distance', { window: null }).catch(() => null)]);
  const rows = (health || []).map((x) => ({ ...x, heard: x.stats?.totalObservations, snr: x.stats?.avgSnr }));
  const relays = nodes.filter((n) => n.relay_count_24h !== undefined);
  const reach = longestLinks(dist);
  add(box, h('div', { class: 'cards an-cards' }, stat('Nodes', num(total), 'fleetNodes'),
    stat('Relays (repeaters + rooms)', num(relays.length), 'fleetRelays'),
    stat('Relaying in 24 h', num(relays.filter((n) => n.relay_count_24h > 0).length), 'fleetRelaying'),
    stat('Graded A or B', num(relays.filter((n) => n.usefulness_grade === 'A' || n.usefulness_grade === 'B').length), 'fleetGoodGrades')));
  if (!nodes.length) {
    add(box, h('p', { class: 'muted empty' }, 'No nodes yet. Leaderboards fill in once observers have heard adverts.'));
    return;
  }
  const rank = (list) => list.map((r, i) => ({ r, i }));
  add(box, h('div', { class: 'an-grid lb-grid' },
    board('Most heard', 'lbHeard', ['#', 'Node', 'Observations', 'Transmissions'],
      rank(top(rows, (r) => r.heard)).map(({ r, i }) => ({ key: r.public_key, cells: [String(i + 1), nodeLink(r.public_key, r.name), num(r.heard), num(r.stats?.totalTransmissions)] })),
      `Observations of its packets, among the ${HEALTH_LIMIT} most recently heard nodes.`, 'No node heard yet.'),
    board('Best SNR', 'lbSnr', ['#', 'Node', 'Avg SNR', 'Observers'],
      rank(top(rows, (r) => r.snr)).map(({ r, i }) => ({ key: r.public_key, cells: [String(i + 1), nodeLink(r.public_key, r.name), `${fmtDec(r.snr)} dB`, num((r.observers || []).length)] })),
      'Average SNR of the observations of its packets.', 'No SNR measured yet.'),
    board('Most relays', 'lbRelays', ['#', 'Node', 'Relayed 24 h', 'Relayed 1 h'],
      rank(top(relays.filter((n) => n.relay_count_24h > 0), (n) => n.relay_count_24h)).map(({ r, i }) => ({ key: r.public_key, cells: [String(i + 1), nodeLink(r.public_key, r.name), num(r.relay_count_24h), num(r.relay_count_1h)] })),
      'Transmissions it relayed in the last 24 h (it is a resolved hop of an observed path).', 'No relayed packet in the last 24 h.'),
    board('Longest reach', 'lbReach', ['#', 'Node', 'Longest link', 'To'],
      rank(top(reach, (r) => r.dist)).map(({ r, i }) => ({ key: r.public_key, cells: [String(i + 1), nodeLink(r.public_key, r.name), `${fmtDec(r.dist)} km`, r.other || '—'] })),
      'Its longest measured RF link (both ends with GPS).', 'No link with both ends located yet.'),
    board('Most useful', 'lbUseful', ['#', 'Node', 'Grade', 'Score'],
      rank(top(relays.filter((n) => n.usefulness_grade), (n) => n.usefulness_score)).map(({ r, i }) => ({ key: r.public_key, cells: [String(i + 1), nodeLink(r.public_key, r.name), gradeBadge(r), `${Math.round(r.usefulness_score * 100)} %`] })),
      'Usefulness of repeaters and rooms (hover a grade for its breakdown).', 'No repeater graded yet.')));
}
