// Standalone packet page (#/packet/<id|hash>): the detail renderer in a centred page.
import { h, replace } from '../lib/dom.js';
import { getJSON, isAbort } from '../lib/api.js';
import { nodeIndex } from '../components/nodeindex.js';
import { renderPacketDetail } from '../components/packet-detail.js';

/** mount renders one packet by hash or numeric id. */
export function mount(el, ctx) {
  const ctrl = new AbortController();
  const id = ctx.params[0] || '';
  const body = h('div', { class: 'card' }, h('p', { class: 'muted' }, 'Loading packet…'));
  replace(el, h('section', { class: 'page packet-page' },
    h('p', null, h('a', { href: '#/packets' }, '← Back to packets')),
    h('h1', { id: 'packetHeading' }, `Packet ${id.slice(0, 16).toUpperCase()}`), body));
  (async () => {
    try {
      const [resp, nodes] = await Promise.all([
        getJSON(`/packets/${encodeURIComponent(id)}`, null, { signal: ctrl.signal, quiet: true }),
        nodeIndex(),
      ]);
      const hash = resp.packet?.hash || id;
      el.querySelector('#packetHeading').textContent = `Packet ${String(hash).toUpperCase()}`;
      const draw = (obsId) => {
        renderPacketDetail(body, resp, { obsId, nodes, standalone: true, onSelectObs: (o) => {
          history.replaceState(null, '', `#/packet/${encodeURIComponent(id)}?obs=${encodeURIComponent(o)}`);
          draw(o);
        } });
      };
      draw(ctx.query.obs || null);
      body.dataset.loaded = 'true';
    } catch (e) {
      if (isAbort(e)) return;
      replace(body, h('h2', null, 'Packet not found'), h('p', { class: 'muted' }, `Nothing matches "${id}" (${e.message}).`));
    }
  })();
  return () => ctrl.abort();
}
