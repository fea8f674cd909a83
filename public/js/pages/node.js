// Full node page (#/nodes/<pubkey or unique prefix ≥ 8 hex>[?section=]): status with explanation, key
// with copy + QR, location mini-map, health, heard-by, neighbours, advert timeline, recent packets,
// paths. Esc or the back link returns to the directory.
import { h, replace } from '../lib/dom.js';
import { renderNodeDetail } from './nodes/detail.js';
import { copyText } from './nodes/qr.js';

/** mount renders a node page. */
export function mount(el, ctx) {
  const ctrl = new AbortController();
  const id = ctx.params[0] || '';
  const body = h('div', { class: 'node-body' });
  const copyUrl = h('button', { type: 'button', id: 'copyUrlBtn' }, 'Copy URL');
  const copyShort = h('button', { type: 'button', id: 'copyShortUrlBtn' }, 'Copy short URL');
  const top = h('div', { class: 'toolbar node-top' }, h('a', { class: 'btn', href: '#/nodes', id: 'nodeBack' }, '← All nodes'), copyUrl, copyShort);
  replace(el, h('section', { class: 'page node-page' }, top, body));
  let pk = id;
  const base = () => `${location.origin}${location.pathname}`;
  copyUrl.addEventListener('click', () => copyText(`${base()}#/nodes/${pk}`, copyUrl));
  copyShort.addEventListener('click', () => copyText(`${base()}#/nodes/${pk.slice(0, 8)}`, copyShort));
  const cleanup = renderNodeDetail(body, id, {
    mode: 'page', signal: ctrl.signal,
    onNode: (n) => {
      pk = n.public_key;
      document.title = `${n.name || pk.slice(0, 8)} · Nodes · CoreScope`;
      if (ctx.query.section) requestAnimationFrame(() => document.getElementById(`node-${ctx.query.section}`)?.scrollIntoView());
    },
  });
  const onKey = (e) => {
    if (e.key !== 'Escape' || e.defaultPrevented || document.querySelector('.search-overlay, dialog[open]')) return;
    location.hash = '#/nodes';
  };
  document.addEventListener('keydown', onKey);
  return () => { ctrl.abort(); cleanup(); document.removeEventListener('keydown', onKey); document.title = 'CoreScope'; };
}
