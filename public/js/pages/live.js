// Live (#/live): real-time feed of packets arriving over the WebSocket with rate counters. The animated
// map with VCR replay is a separate issue; this page shows the live stream that exists today.
import { h, replace } from '../lib/dom.js';
import { getJSON } from '../lib/api.js';
import { subscribe, onStatus } from '../lib/ws.js';
import { timeAgo, fmtDec, fmtNum, shortHash } from '../lib/format.js';
import { parseJSON } from '../logic/payload.js';
import { typeBadge } from '../components/badges.js';
import { summaryText } from '../components/packet-detail.js';

/** mount renders the live feed. */
export function mount(el) {
  const ctrl = new AbortController();
  const feed = h('ol', { id: 'liveFeed', class: 'live-feed', 'aria-live': 'polite' });
  const cPk = h('span', { id: 'livePktCount' }, '0');
  const cRate = h('span', null, '0');
  const cNodes = h('span', { id: 'liveNodeCount' }, '0');
  const beacon = h('span', { class: 'live-beacon' });
  const times = [];
  const senders = new Set();
  let count = 0;
  replace(el, h('section', { class: 'page live-page' },
    h('div', { class: 'page-head' }, h('h1', null, 'Live'), beacon),
    h('div', { class: 'cards' }, [['Packets this session', cPk], ['Per minute', cRate], ['Distinct senders', cNodes]].map(([l, v]) =>
      h('div', { class: 'card stat-card' }, h('div', { class: 'stat-value' }, v), h('div', { class: 'stat-label' }, l)))),
    h('h2', null, 'Feed'), feed));
  const item = (p) => h('li', { class: 'live-item' }, typeBadge(p.payload_type, p.route_type), ' ',
    h('a', { href: `#/packets/${p.hash}` }, summaryText(p) || shortHash(p.hash)),
    h('span', { class: 'muted' }, ` · ${p.observer_name || p.observer_id || '?'} · ${(parseJSON(p.path_json, []) || []).length} hops · SNR ${fmtDec(p.snr)} · ${timeAgo(p.timestamp || p.first_seen)}`));
  const placeholder = h('li', { class: 'muted' }, 'Waiting for packets…');
  feed.append(placeholder);
  (async () => {
    try {
      const r = await getJSON('/packets', { limit: 20 }, { signal: ctrl.signal, quiet: true });
      if ((r.packets || []).length) placeholder.remove();
      for (const p of r.packets || []) feed.append(item(p));
    } catch { /* live stream still works */ }
  })();
  const unsub = subscribe('packet', (data) => {
    const p = data.packet ? { ...data.packet, ...data } : data;
    placeholder.remove();
    feed.prepend(item(p));
    while (feed.children.length > 200) feed.lastChild.remove();
    count++;
    const now = Date.now();
    times.push(now);
    while (times.length && now - times[0] > 60000) times.shift();
    const d = data.decoded?.payload || parseJSON(p.decoded_json, {}) || {};
    if (d.pubKey) senders.add(d.pubKey);
    cPk.textContent = fmtNum(count);
    cRate.textContent = fmtNum(times.length);
    cNodes.textContent = fmtNum(senders.size);
  });
  const unst = onStatus((s) => { beacon.textContent = s === 'open' ? '● connected' : `○ ${s}`; beacon.dataset.state = s; });
  return () => { ctrl.abort(); unsub(); unst(); };
}
