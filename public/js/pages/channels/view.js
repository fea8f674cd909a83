// Channel page renderers: sidebar rows and chat messages. Sender names and message text are
// attacker-controlled and only ever reach the DOM as text nodes.
import { h } from '../../lib/dom.js';
import { timeAgo, absTime, fmtNum, fmtDec } from '../../lib/format.js';
import { readableHashColor } from '../../logic/hashcolor.js';
import { mentionParts, initialsOf } from '../../logic/chat.js';
import { scopeBadge } from '../../components/badges.js';

const dark = () => document.documentElement.dataset.theme === 'dark';

/** avatar renders a coloured initials circle for a name. */
export function avatar(name) {
  return h('span', { class: 'avatar', style: { background: readableHashColor(name || '?', dark()) }, 'aria-hidden': 'true' }, initialsOf(name));
}

/**
 * channelItem renders one sidebar row. c: {id, name, preview, lastActivity, count, countLabel, local, encrypted}.
 */
export function channelItem(c, selected) {
  return h('li', { class: 'ch-li' }, h('a', {
    class: ['ch-item', selected ? 'selected' : '', c.local ? 'ch-local' : '', c.encrypted ? 'ch-encrypted' : '', c.wrongKey ? 'ch-wrong-key' : ''],
    href: `#/channels/${encodeURIComponent(c.id)}`, 'aria-current': selected ? 'true' : null, dataset: { hash: c.id },
  },
  avatar(c.name),
  h('span', { class: 'ch-text' },
    h('span', { class: 'ch-item-name' }, c.name, c.local ? h('span', { class: 'badge ch-badge', title: 'Decrypted in this browser with your key' }, 'local key') : null),
    h('span', { class: 'ch-preview muted' }, c.preview || (c.encrypted ? 'Encrypted — no key' : 'No messages yet'))),
  h('span', { class: 'ch-meta muted' }, h('span', null, c.lastActivity ? timeAgo(c.lastActivity) : ''),
    h('span', { class: 'badge', title: c.countLabel || 'messages' }, fmtNum(c.count)))));
}

/** messageText renders text with @mentions highlighted. */
export function messageText(text) {
  return h('div', { class: 'ch-text-body' }, mentionParts(text).map((p) => (p.mention ? h('span', { class: 'mention' }, p.text) : p.text)));
}

/** metaLine renders "date · N× heard · N hops · SNR · View packet →". */
export function metaLine(m) {
  return [h('time', { datetime: m.timestamp || '', title: `${absTime(m.timestamp)} (${timeAgo(m.timestamp)})` }, absTime(m.timestamp)),
    h('span', { class: 'ch-repeats' }, ` · ${fmtNum(m.repeats || 1)}× heard`),
    m.hops !== undefined && m.hops !== null ? ` · ${fmtNum(m.hops)} hop${m.hops === 1 ? '' : 's'}` : '',
    m.snr !== null && m.snr !== undefined ? ` · SNR ${fmtDec(m.snr)} dB` : '',
    m.packetHash ? [' · ', h('a', { href: `#/packets/${m.packetHash}`, class: 'ch-packet-link' }, 'View packet →')] : null];
}

/** messageItem renders one chat message (li.ch-msg, data-hash = packet hash). */
export function messageItem(m) {
  const sender = m.sender || 'unknown sender';
  return h('li', { class: 'ch-msg', dataset: { hash: m.packetHash || '' } },
    avatar(sender),
    h('div', { class: 'ch-bubble' },
      h('div', { class: 'ch-head' }, h('div', { class: 'ch-sender' }, m.sender
        ? h('a', { href: `#/nodes?search=${encodeURIComponent(m.sender)}`, style: { color: readableHashColor(sender, dark()) }, title: `Find nodes named ${m.sender}` }, sender)
        : h('span', { class: 'muted' }, sender)), scopeBadge(m)),
      messageText(m.text),
      h('div', { class: 'ch-msg-meta muted' }, metaLine(m))));
}

/**
 * dayDivider renders a date heading between messages of different days. It stays a plain
 * list item: a list may only hold list items, so role=separator is not allowed here.
 */
export function dayDivider(ts) {
  const d = new Date(ts);
  const label = Number.isNaN(d.getTime()) ? 'Unknown date' : d.toLocaleDateString(undefined, { weekday: 'short', year: 'numeric', month: 'short', day: 'numeric' });
  return h('li', { class: 'ch-day' }, h('span', null, label));
}
