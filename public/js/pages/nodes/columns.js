// Columns of the node directory table; favs/mine are Sets of pubkeys, nameCount() a Map name → count.
import { h } from '../../lib/dom.js';
import { timeAgo, absTime, shortKey, fmtNum, nodeStatus } from '../../lib/format.js';
import { statusDot } from '../../components/badges.js';
import { roleBadge } from './sections.js';
import { gradeBadge } from '../../components/grade.js';
import { gradeSortKey } from '../../logic/usefulness.js';

/** nodeColumns returns the createTable column definitions for the directory. */
export function nodeColumns({ favs, mine, nameCount }) {
  const names = { get: (k) => nameCount().get(k) };
  return [
    { key: 'name', label: 'Name', sort: (n) => (n.name || '').toLowerCase(), render: (n) => h('span', { class: 'node-name-cell' },
      h('a', { href: `#/nodes/${n.public_key}` }, n.name || '(unnamed)'),
      h('button', { type: 'button', class: 'star', 'aria-pressed': String(favs.has(n.public_key)), 'aria-label': `Favourite ${n.name || n.public_key}`, dataset: { star: n.public_key } },
        favs.has(n.public_key) ? '★' : '☆'),
      mine.has(n.public_key) ? h('span', { class: 'badge' }, 'mine') : null,
      n.name && (names.get(n.name) || 0) > 1 ? h('span', { class: 'badge badge-warn', title: 'Several nodes use this name' }, `×${names.get(n.name)}`) : null) },
    { key: 'public_key', label: 'Public Key', class: 'mono', hideSm: true, render: (n) => shortKey(n.public_key) },
    { key: 'role', label: 'Role', render: (n) => roleBadge(n.role) },
    { key: 'grade', label: 'Grade', sort: gradeSortKey, defaultAsc: false, render: gradeBadge },
    { key: 'status', label: 'Status', sort: (n) => nodeStatus(n.last_seen, n.role), render: (n) => statusDot(nodeStatus(n.last_seen, n.role)) },
    { key: 'last_seen', label: 'Last Seen', defaultAsc: false, render: (n) => h('time', { title: absTime(n.last_seen) }, timeAgo(n.last_seen)) },
    { key: 'first_seen', label: 'First Seen', hideSm: true, render: (n) => absTime(n.first_seen) },
    { key: 'advert_count', label: 'Adverts', class: 'num', hideSm: true, defaultAsc: false, render: (n) => fmtNum(n.advert_count) },
  ];
}
