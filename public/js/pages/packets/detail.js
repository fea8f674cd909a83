// Packets detail pane (#pktRight): loads /api/packets/<hash> and renders the shared packet detail.
import { h, replace, clear } from '../../lib/dom.js';
import { getJSON, isAbort } from '../../lib/api.js';
import { renderPacketDetail } from '../../components/packet-detail.js';
import { KEYS, load, save } from '../../lib/store.js';

/**
 * createDetailPane returns {el, show(hash, obsId), refresh()}. opts: {signal, nodes() -> index, hexOnly() -> bool,
 * onClose(), onSelectObs(hash, obsId), onCanonical(hash, obsId) when the server answered for a legacy hash}.
 */
export function createDetailPane(opts) {
  const el = h('aside', { class: 'pkt-detail hidden', id: 'pktRight', 'aria-label': 'Packet detail' });
  // Desktop: drag (or arrow keys on) the left edge to resize the pane; the width is remembered.
  const grip = h('div', { class: 'pane-grip', role: 'separator', tabindex: '0', 'aria-orientation': 'vertical', 'aria-label': 'Resize packet detail',
    'aria-valuemin': '320', 'aria-valuemax': '1000' });
  const setW = (w) => {
    const v = Math.round(Math.max(320, Math.min(1000, w)));
    el.parentElement?.style.setProperty('--detail-w', `${v}px`);
    grip.setAttribute('aria-valuenow', String(v));
    save(KEYS.packetsDetailWidth, v);
  };
  grip.addEventListener('pointerdown', (e) => {
    e.preventDefault();
    const x0 = e.clientX;
    const w0 = el.getBoundingClientRect().width;
    grip.setPointerCapture(e.pointerId);
    const move = (ev) => setW(w0 - (ev.clientX - x0));
    const up = () => { grip.removeEventListener('pointermove', move); grip.removeEventListener('pointerup', up); };
    grip.addEventListener('pointermove', move);
    grip.addEventListener('pointerup', up);
  });
  grip.addEventListener('keydown', (e) => {
    if (e.key !== 'ArrowLeft' && e.key !== 'ArrowRight') return;
    e.preventDefault();
    setW(el.getBoundingClientRect().width + (e.key === 'ArrowLeft' ? 24 : -24));
  });
  let cur = { hash: null, obs: null, resp: null, seq: 0 };
  const closeBtn = () => h('button', { type: 'button', class: 'detail-close', 'aria-label': 'Close packet detail (Esc)', onclick: opts.onClose }, '✕');
  const draw = () => {
    const body = h('div', { id: 'pktDetailBody' });
    replace(el, grip, closeBtn(), body);
    renderPacketDetail(body, cur.resp, { obsId: cur.obs, nodes: opts.nodes(), hexOnly: opts.hexOnly(),
      onSelectObs: (id) => opts.onSelectObs(cur.hash, id) });
    el.dataset.loaded = 'true';
  };
  const setOpen = (open) => {
    const saved = Number(load(KEYS.packetsDetailWidth, 0));
    if (saved && el.parentElement) el.parentElement.style.setProperty('--detail-w', `${saved}px`);
    el.classList.toggle('hidden', !open);
    el.parentElement?.classList.toggle('has-detail', open);
    document.body.classList.toggle('sheet-open', open);
    // A focusable separator must say where it is (ARIA); report the pane's width, clamped to its range.
    if (open) grip.setAttribute('aria-valuenow', String(Math.round(Math.max(320, Math.min(1000, saved || el.getBoundingClientRect().width)))));
  };
  return {
    el,
    async show(hash, obs) {
      const seq = ++cur.seq;
      if (!hash) { cur = { hash: null, obs: null, resp: null, seq }; setOpen(false); clear(el); delete el.dataset.loaded; return; }
      setOpen(true);
      if (cur.hash === hash && cur.resp) { cur.obs = obs; draw(); return; }
      cur = { hash, obs, resp: null, seq };
      delete el.dataset.loaded;
      replace(el, closeBtn(), h('p', { class: 'muted' }, 'Loading packet…'));
      try {
        const resp = await getJSON(`/packets/${encodeURIComponent(hash)}`, null, { signal: opts.signal, quiet: true });
        if (seq !== cur.seq) return;
        cur.resp = resp;
        // An old link may name a legacy hash the server resolved: carry on under the packet's own hash.
        const canonical = String(resp.packet?.hash || '').toLowerCase();
        if (canonical && canonical !== hash) { cur.hash = canonical; opts.onCanonical?.(canonical, obs); }
        draw();
      } catch (e) {
        if (isAbort(e) || seq !== cur.seq) return;
        replace(el, closeBtn(), h('h2', { class: 'detail-heading', tabindex: '-1' }, 'Packet not found'),
          h('p', { class: 'muted' }, `No packet with hash ${hash} (${e.message}).`));
        el.dataset.loaded = 'true';
      }
    },
    refresh() { if (cur.resp) draw(); },
  };
}
