// Channels (#/channels[/<id>]?region=&encrypted=1): sidebar of server-decrypted channels plus channels
// added in this browser (hashtag or key, decrypted client-side from /api/packets?type=5 — keys never
// leave the browser), chat view with @mentions, live GRP_TXT over the WebSocket.
import { h, replace, clear } from '../lib/dom.js';
import { getJSON, isAbort } from '../lib/api.js';
import { subscribe } from '../lib/ws.js';
import { buildHash } from '../lib/url.js';
import { embedQuery } from '../lib/embed.js';
import { fmtNum } from '../lib/format.js';
import { messageBody } from '../logic/payload.js';
import { makeUserChannel, wsChannelMessage } from '../logic/chat.js';
import { createLocalChannels } from './channels/local.js';
import { channelItem, messageItem, dayDivider, metaLine } from './channels/view.js';
import { openAddDialog, openShareDialog } from './channels/dialogs.js';
import { keyWarning } from './channels/key-warning.js';

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
  const q = { region: ctx.query.region || '', encrypted: ctx.query.encrypted === '1' ? '1' : '' };
  let server = [];
  const local = createLocalChannels();
  let current = null;
  let shown = new Map();
  const observerIata = new Map();
  const liveSeen = new Set();
  const showEnc = h('input', { type: 'checkbox', id: 'chShowEnc', checked: q.encrypted === '1' });
  const region = h('select', { id: 'chRegion', 'aria-label': 'Region' }, h('option', { value: '' }, 'All regions'));
  const addBtn = h('button', { type: 'button', id: 'chAddBtn', class: 'primary' }, '+ Add channel');
  const list = h('ul', { id: 'chList', class: 'ch-list', 'aria-label': 'Channels' });
  const mineList = h('ul', { id: 'chMine', class: 'ch-list', 'aria-label': 'Channels added in this browser' });
  const header = h('div', { id: 'chHeader', class: 'ch-header' });
  const msgs = h('ol', { id: 'chMessages', class: 'ch-messages', 'aria-live': 'polite', 'aria-relevant': 'additions', tabindex: '0' });
  const jump = h('button', { type: 'button', class: 'ch-jump hidden', id: 'chJump' }, '↓ New messages');
  const side = h('aside', { class: 'ch-side', 'aria-label': 'Channel list' },
    h('div', { class: 'ch-side-head' }, h('h1', null, 'Channels'), addBtn),
    h('div', { class: 'toolbar ch-filters' }, region, h('label', { class: 'ch-enc' }, showEnc, ' Encrypted')),
    h('h2', { class: 'ch-group' }, 'My channels', h('span', { class: 'muted small' }, ' · this browser')), mineList,
    h('h2', { class: 'ch-group' }, 'Network channels'), list);
  const main = h('div', { class: 'ch-main' }, header, msgs, jump);
  const page = h('section', { class: 'page channels-page' }, side, main);
  replace(el, page);

  const sync = () => history.replaceState(null, '', buildHash(['channels', current || ''], { region: q.region, encrypted: q.encrypted, embed: embedQuery() }));
  const nearBottom = () => msgs.scrollHeight - msgs.scrollTop - msgs.clientHeight < 80;
  const toBottom = () => { msgs.scrollTop = msgs.scrollHeight; jump.classList.add('hidden'); };
  function renderList() {
    replace(mineList, local.list().length ? local.items().map((c) => channelItem(c, c.id === current))
      : h('li', { class: 'muted small ch-none' }, 'Add a hashtag channel or key to decrypt it here.'));
    replace(list, server.length ? server.map((c) => channelItem({ id: c.hash, name: c.name, count: c.messageCount, encrypted: c.encrypted,
      countLabel: c.encrypted ? 'encrypted packets' : 'messages',
      preview: c.lastMessage ? `${c.lastSender ? `${c.lastSender}: ` : ''}${messageBody(c.lastMessage, c.lastSender)}` : '', lastActivity: c.lastActivity }, c.hash === current))
      : h('li', { class: 'muted' }, 'No channels'));
  }
  function renderMessages(items, older = null) {
    clear(msgs);
    if (older) msgs.append(older);
    shown = new Map();
    let day = '';
    for (const m of items) {
      const d = String(m.timestamp || '').slice(0, 10);
      if (d !== day) { msgs.append(dayDivider(m.timestamp)); day = d; }
      const li = messageItem(m);
      msgs.append(li);
      if (m.packetHash) shown.set(m.packetHash, { li, m });
    }
    if (!items.length) msgs.append(h('li', { class: 'muted ch-empty' }, 'No messages in this channel yet.'));
    if (!older) toBottom();
  }
  /** showServer renders a page of server messages with a "Load older" control while more exist. */
  function showServer(id, items, total, keepScroll = false) {
    const more = Math.max(0, total - items.length);
    const older = more ? h('li', { class: 'ch-older' }, h('button', { type: 'button', id: 'chOlder', onclick: async (e) => {
      e.currentTarget.disabled = true;
      try {
        const r = await getJSON(`/channels/${encodeURIComponent(id)}/messages`, { limit: 200, offset: items.length, region: q.region }, { signal: ctrl.signal });
        if (current === id) showServer(id, [...(r.messages || []), ...items], r.total ?? total, true);
      } catch (err) { if (!isAbort(err)) e.currentTarget.disabled = false; }
    } }, `Load older messages (${fmtNum(more)} more)`)) : null;
    const fromBottom = msgs.scrollHeight - msgs.scrollTop;
    renderMessages(items, older);
    if (keepScroll) msgs.scrollTop = msgs.scrollHeight - fromBottom; else toBottom();
  }
  function headerFor(name, count, rec) {
    replace(header, h('a', { class: 'btn ch-back', href: '#/channels' }, '← Channels'),
      h('h2', { tabindex: '-1', id: 'chTitle' }, name),
      h('span', { class: 'muted', id: 'chCount' }, `${fmtNum(count)} message${count === 1 ? '' : 's'}`),
      rec ? [h('span', { class: 'badge ch-badge' }, 'decrypted locally'),
        h('button', { type: 'button', onclick: () => openShareDialog(rec) }, 'Share'),
        h('button', { type: 'button', class: 'danger', id: 'chRemove', onclick: () => removeUser(rec.id) }, 'Remove')] : null);
  }
  async function open(id) {
    current = id;
    sync();
    renderList();
    page.classList.toggle('has-channel', Boolean(id));
    delete main.dataset.loaded;
    if (!id) {
      replace(header, h('h2', null, 'Select a channel'));
      replace(msgs, h('li', { class: 'muted ch-empty' }, 'Pick a channel on the left, or add one you know the name or key of.'));
      return;
    }
    const rec = local.find(id);
    replace(msgs, h('li', { class: 'muted' }, rec ? 'Decrypting in this browser…' : 'Loading messages…'));
    if (rec) {
      headerFor(rec.name, local.messages(id).length, rec);
      await local.ready();
      if (current !== id) return;
      const items = local.messages(id);
      headerFor(rec.name, items.length, rec);
      renderMessages(items);
      const warn = keyWarning(rec, local.verdict(id));
      if (warn) msgs.prepend(warn);
      main.dataset.loaded = 'true';
      return;
    }
    if (id.startsWith('user:')) {
      // A browser-local channel link opened where the key is not stored (keys never leave a browser).
      const tag = id.slice(5);
      replace(header, h('a', { class: 'btn ch-back', href: '#/channels' }, '← Channels'), h('h2', { tabindex: '-1', id: 'chTitle' }, tag.startsWith('#') ? tag : 'Private channel'));
      replace(msgs, h('li', { class: 'ch-empty' }, h('p', null, 'This channel was added in another browser; its key is not stored here.'),
        tag.startsWith('#') ? h('button', { type: 'button', class: 'primary', id: 'chAddHere', onclick: () => addUser(makeUserChannel({ kind: 'hashtag', name: tag })) }, `Add ${tag} in this browser`)
          : h('p', { class: 'muted' }, 'Ask for the key and add it with “+ Add channel”.')));
      main.dataset.loaded = 'missing';
      return;
    }
    const c = server.find((x) => x.hash === id);
    headerFor(c ? c.name : id, c ? c.messageCount : 0, null);
    try {
      const r = await getJSON(`/channels/${encodeURIComponent(id)}/messages`, { limit: 200, region: q.region }, { signal: ctrl.signal });
      if (current !== id) return;
      headerFor(c ? c.name : id, r.total ?? (r.messages || []).length, null);
      showServer(id, r.messages || [], r.total ?? (r.messages || []).length);
      main.dataset.loaded = 'true';
    } catch (e) { if (!isAbort(e)) replace(msgs, h('li', { class: 'error-text' }, `Failed: ${e.message}`)); }
  }
  async function loadList() {
    try {
      const r = await getJSON('/channels', { includeEncrypted: showEnc.checked ? 'true' : '', region: q.region }, { signal: ctrl.signal });
      server = r.channels || [];
      renderList();
      page.dataset.loaded = 'true';
    } catch (e) { if (!isAbort(e)) replace(list, h('li', { class: 'error-text' }, `Failed: ${e.message}`)); }
  }
  function decryptAll() {
    const p = local.scan(q.region, ctrl.signal);
    p.then(() => { if (!ctrl.signal.aborted) renderList(); });
    return p;
  }
  function addUser(rec) {
    local.add(rec);
    decryptAll();
    const target = `#/channels/${encodeURIComponent(rec.id)}`;
    if (location.hash === target) open(rec.id); else location.hash = target;
  }
  function removeUser(id) {
    local.remove(id);
    if (current === id) location.hash = '#/channels'; else renderList();
  }
  function appendLive(id, m) {
    if (current !== id) return;
    const prev = shown.get(m.packetHash);
    if (prev) { prev.m.repeats = (prev.m.repeats || 1) + 1; replace(prev.li.querySelector('.ch-msg-meta'), metaLine(prev.m)); return; }
    msgs.querySelector('.ch-empty')?.remove();
    const stick = nearBottom();
    const li = messageItem(m);
    li.classList.add('ch-new');
    msgs.append(li);
    shown.set(m.packetHash, { li, m });
    const cnt = document.getElementById('chCount');
    if (cnt) cnt.textContent = `${fmtNum(msgs.querySelectorAll('.ch-msg').length)} shown`;
    if (stick) toBottom(); else jump.classList.remove('hidden');
  }
  function onPacket(d) {
    const got = wsChannelMessage(d);
    if (!got) return;
    if (q.region && observerIata.size && !q.region.split(',').includes(observerIata.get(d.observer_id))) return;
    const isNew = !liveSeen.has(d.hash);
    liveSeen.add(d.hash);
    const c = got.channel ? server.find((x) => x.hash === got.channel) : null;
    const m = got.message;
    if (m) {
      m.timestamp = m.timestamp || new Date().toISOString();
      if (c && isNew) { c.lastMessage = m.text; c.lastSender = m.sender; c.lastActivity = m.timestamp; c.messageCount++; }
      appendLive(got.channel, m);
    } else if (c && isNew) { c.messageCount++; c.lastActivity = got.timestamp; }
    for (const [id, um] of local.ingest(d)) appendLive(id, um);
    scheduleList();
  }
  let listT = null;
  const scheduleList = () => { clearTimeout(listT); listT = setTimeout(renderList, 300); };
  async function loadRegions() {
    try {
      const [r, obs] = await Promise.all([getJSON('/config/regions', null, { signal: ctrl.signal, quiet: true }),
        getJSON('/observers', null, { signal: ctrl.signal, quiet: true }).catch(() => ({ observers: [] }))]);
      for (const [code, label] of Object.entries(r || {}).sort()) region.append(h('option', { value: code }, label && label !== code ? `${code} · ${label}` : code));
      region.value = q.region;
      for (const o of obs.observers || []) observerIata.set(o.id, o.iata);
    } catch { /* region filter stays "All" */ }
  }
  const unsub = subscribe('packet', onPacket);
  // Avatar and sender colours are theme-dependent: redraw them in place.
  const onTheme = () => {
    renderList();
    for (const entry of shown.values()) { const li = messageItem(entry.m); entry.li.replaceWith(li); entry.li = li; }
  };
  window.addEventListener('theme-refresh', onTheme);
  showEnc.addEventListener('change', () => { q.encrypted = showEnc.checked ? '1' : ''; sync(); loadList(); });
  region.addEventListener('change', () => { q.region = region.value; sync(); loadList(); decryptAll().then(() => open(current)); });
  addBtn.addEventListener('click', () => openAddDialog(addUser, (id) => Boolean(local.find(id))));
  msgs.addEventListener('scroll', () => { if (nearBottom()) jump.classList.add('hidden'); });
  jump.addEventListener('click', toBottom);
  active = { open };
  renderList();
  loadRegions();
  decryptAll();
  loadList().then(() => open(ctx.params[0] || null));
  return () => { active = null; ctrl.abort(); unsub(); clearTimeout(listT); window.removeEventListener('theme-refresh', onTheme); };
}
