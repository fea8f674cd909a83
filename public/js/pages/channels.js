// Channels (#/channels, #/channels/<hash>): sidebar of channels, message list, live GRP_TXT updates.
import { h, replace, clear } from '../lib/dom.js';
import { getJSON, isAbort } from '../lib/api.js';
import { subscribe } from '../lib/ws.js';
import { timeAgo, absTime, fmtNum, fmtDec } from '../lib/format.js';
import { hashColor, initials } from '../logic/hashcolor.js';
import { parseJSON, messageBody } from '../logic/payload.js';

let active = null;

/** update switches channel without remounting. */
export function update(ctx) {
  if (!active) return false;
  active.open(ctx.params[0] || null);
  return true;
}

/** mount renders the channels page. */
export function mount(el, ctx) {
  const ctrl = new AbortController();
  const dark = () => document.documentElement.dataset.theme === 'dark';
  let channels = [];
  let current = null;
  const showEnc = h('input', { type: 'checkbox', id: 'chShowEnc', checked: ctx.query.encrypted === '1' });
  const list = h('ul', { id: 'chList', class: 'ch-list', 'aria-label': 'Channels' });
  const header = h('div', { id: 'chHeader', class: 'ch-header' }, h('h2', null, 'Select a channel'));
  const msgs = h('ol', { id: 'chMessages', class: 'ch-messages', 'aria-live': 'polite' });
  const side = h('aside', { class: 'ch-side' }, h('h1', null, 'Channels'),
    h('label', { class: 'ch-enc' }, showEnc, ' Show encrypted'), list);
  const main = h('div', { class: 'ch-main' }, header, msgs);
  const page = h('section', { class: 'page channels-page' }, side, main);
  replace(el, page);

  function renderList() {
    clear(list);
    for (const c of channels) {
      const sel = current === c.hash;
      list.append(h('li', null, h('a', { class: ['ch-item', sel ? 'selected' : ''], href: `#/channels/${encodeURIComponent(c.hash)}`, 'aria-current': sel ? 'true' : null, dataset: { hash: c.hash } },
        h('span', { class: 'avatar', style: { background: hashColor(c.name, dark()) }, 'aria-hidden': 'true' }, initials(c.name)),
        h('span', { class: 'ch-text' }, h('span', { class: 'ch-item-name' }, c.name),
          h('span', { class: 'ch-preview muted' }, c.lastMessage ? `${c.lastSender ? `${c.lastSender}: ` : ''}${messageBody(c.lastMessage, c.lastSender)}` : c.encrypted ? 'encrypted' : '')),
        h('span', { class: 'ch-meta muted' }, h('span', null, timeAgo(c.lastActivity)), h('span', { class: 'badge' }, fmtNum(c.messageCount))))));
    }
    if (!channels.length) list.append(h('li', { class: 'muted' }, 'No channels'));
  }
  function msgItem(m) {
    return h('li', { class: 'ch-msg' },
      h('span', { class: 'avatar', style: { background: hashColor(m.sender, dark()) }, 'aria-hidden': 'true' }, initials(m.sender)),
      h('div', { class: 'ch-bubble' },
        h('div', { class: 'ch-sender', style: { color: hashColor(m.sender, dark()) } }, m.sender || 'unknown'),
        h('div', { class: 'ch-text-body' }, messageBody(m.text, m.sender)),
        h('div', { class: 'ch-msg-meta muted' }, h('time', { title: absTime(m.timestamp) }, absTime(m.timestamp)),
          ` · ${fmtNum(m.repeats)}× heard · ${fmtNum(m.hops)} hops · SNR ${fmtDec(m.snr)} · `,
          m.packetHash ? h('a', { href: `#/packets/${m.packetHash}` }, 'View packet →') : null)));
  }
  async function loadList() {
    try {
      const r = await getJSON('/channels', { includeEncrypted: showEnc.checked ? 'true' : '' }, { signal: ctrl.signal });
      channels = r.channels || [];
      renderList();
      page.dataset.loaded = 'true';
    } catch (e) { if (!isAbort(e)) replace(list, h('li', { class: 'error-text' }, `Failed: ${e.message}`)); }
  }
  async function open(hash) {
    current = hash;
    renderList();
    page.classList.toggle('has-channel', Boolean(hash));
    if (!hash) { replace(header, h('h2', null, 'Select a channel')); clear(msgs); return; }
    replace(header, h('a', { class: 'btn ch-back', href: '#/channels' }, '← Channels'), h('h2', { tabindex: '-1' }, hash));
    replace(msgs, h('li', { class: 'muted' }, 'Loading messages…'));
    try {
      const r = await getJSON(`/channels/${encodeURIComponent(hash)}/messages`, { limit: 200 }, { signal: ctrl.signal });
      if (current !== hash) return;
      const c = channels.find((x) => x.hash === hash);
      replace(header, h('a', { class: 'btn ch-back', href: '#/channels' }, '← Channels'),
        h('h2', { tabindex: '-1' }, c ? c.name : hash), h('span', { class: 'muted' }, `${fmtNum(r.total)} messages`));
      clear(msgs);
      for (const m of r.messages || []) msgs.append(msgItem(m));
      if (!(r.messages || []).length) msgs.append(h('li', { class: 'muted' }, 'No messages in this channel.'));
      msgs.scrollTop = msgs.scrollHeight;
      main.dataset.loaded = 'true';
    } catch (e) { if (!isAbort(e)) replace(msgs, h('li', { class: 'error-text' }, `Failed: ${e.message}`)); }
  }
  const unsub = subscribe('packet', (data) => {
    const d = data?.decoded?.payload || parseJSON(data?.decoded_json, null);
    if (!d || !d.channel || !d.text) return;
    const c = channels.find((x) => x.hash === d.channel || x.name === d.channel);
    if (c) {
      c.lastMessage = d.text; c.lastSender = d.sender; c.lastActivity = data.timestamp || new Date().toISOString(); c.messageCount++;
      channels.sort((a, b) => String(b.lastActivity).localeCompare(String(a.lastActivity)));
      renderList();
    }
    if (current && (current === d.channel)) {
      const exists = [...msgs.querySelectorAll('a[href^="#/packets/"]')].some((a) => a.getAttribute('href') === `#/packets/${data.hash}`);
      if (!exists) {
        msgs.append(msgItem({ sender: d.sender, text: d.text, timestamp: data.timestamp, repeats: data.observation_count || 1,
          hops: (parseJSON(data.path_json, []) || []).length, snr: data.snr, packetHash: data.hash }));
        msgs.scrollTop = msgs.scrollHeight;
      }
    }
  });
  showEnc.addEventListener('change', loadList);
  active = { open };
  loadList().then(() => { if (ctx.params[0]) open(ctx.params[0]); });
  return () => { active = null; ctrl.abort(); unsub(); };
}
