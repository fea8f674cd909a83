// Full node page (#/nodes/<pubkey or unique prefix ≥ 8 hex>[?section=]): status with explanation, key
// with copy + QR, location mini-map, health, heard-by, neighbours, advert timeline, recent packets,
// paths. A new ADVERT from this node re-renders it live. Esc or the back link returns to the directory.
import { h, replace } from '../lib/dom.js';
import { subscribe } from '../lib/ws.js';
import { advertFromWS } from '../logic/node-info.js';
import { renderNodeDetail } from './nodes/detail.js';
import { copyText } from '../components/qr.js';

/** mount renders a node page. */
export function mount(el, ctx) {
  const id = ctx.params[0] || '';
  const body = h('div', { class: 'node-body' });
  const copyUrl = h('button', { type: 'button', id: 'copyUrlBtn' }, 'Copy URL');
  const copyShort = h('button', { type: 'button', id: 'copyShortUrlBtn' }, 'Copy short URL');
  const live = h('span', { class: 'muted small', id: 'nodeLiveNote', 'aria-live': 'polite' });
  const top = h('div', { class: 'toolbar node-top' }, h('a', { class: 'btn', href: '#/nodes', id: 'nodeBack' }, '← All nodes'), copyUrl, copyShort, live);
  replace(el, h('section', { class: 'page node-page' }, top, body));
  let pk = id;
  let ctrl = null;
  let cleanup = () => {};
  const base = () => `${location.origin}${location.pathname}`;
  copyUrl.addEventListener('click', () => copyText(`${base()}#/nodes/${pk}`, copyUrl));
  copyShort.addEventListener('click', () => copyText(`${base()}#/nodes/${pk.slice(0, 8)}`, copyShort));
  function render(first) {
    if (ctrl) ctrl.abort();
    cleanup();
    ctrl = new AbortController();
    const y = window.scrollY;
    cleanup = renderNodeDetail(body, first ? id : pk, {
      mode: 'page', signal: ctrl.signal, liveAdverts,
      onNode: (n) => {
        pk = n.public_key;
        document.title = `${n.name || pk.slice(0, 8)} · Nodes · CoreScope`;
        if (first && ctx.query.section) requestAnimationFrame(() => document.getElementById(`node-${ctx.query.section}`)?.scrollIntoView());
        if (!first) requestAnimationFrame(() => window.scrollTo(0, y));
      },
    });
  }
  const liveAdverts = [];
  let t = null;
  const unsub = subscribe('packet', (d) => {
    const a = advertFromWS(d);
    if (!a || a.public_key !== pk || liveAdverts.some((x) => x.hash === a.hash)) return;
    liveAdverts.unshift({ ...(d.packet || d), hash: a.hash, timestamp: a.last_seen, pubkey: pk, name: a.name });
    const k = liveAdverts.length;
    live.textContent = `${k} new advert${k === 1 ? '' : 's'} received live`;
    clearTimeout(t);
    t = setTimeout(() => render(false), 1000);
  });
  const onKey = (e) => {
    if (e.key !== 'Escape' || e.defaultPrevented || document.querySelector('.search-overlay, dialog[open]')) return;
    location.hash = '#/nodes';
  };
  document.addEventListener('keydown', onKey);
  render(true);
  return () => { if (ctrl) ctrl.abort(); cleanup(); clearTimeout(t); unsub(); document.removeEventListener('keydown', onKey); document.title = 'CoreScope'; };
}
