// Packets live feed control: WebSocket packets are coalesced per animation frame, buffered while paused
// (capped), replayed on Resume; after a reconnect the server replays missed packets, and only a reconnect
// without replay, or a replay the server had to cut short, asks for a reload.
import { h } from '../../lib/dom.js';
import { subscribe, onStatus, wsResuming } from '../../lib/ws.js';
import { fmtNum } from '../../lib/format.js';
import { flattenWS } from '../../logic/packet-rows.js';

/** BUFFER_MAX caps packets held while paused (ui.md §1.4). */
export const BUFFER_MAX = 2000;

/**
 * createLiveControl returns {pauseBtn, stateEl, destroy()}. opts: accept(row) filters incoming rows (return false
 * to drop, e.g. before the first load), onRows(rows) merges a batch, onReconnect() reloads after a dropped socket.
 */
export function createLiveControl({ accept, onRows, onReconnect }) {
  let paused = false;
  let buffer = [];
  let queue = [];
  let raf = 0;
  const pauseBtn = h('button', { type: 'button', id: 'pktPause', 'aria-pressed': 'false', title: 'Pause live updates (new packets are buffered)' }, 'Pause');
  const stateEl = h('span', { class: 'live-state', id: 'pktLiveState' });
  const show = () => {
    pauseBtn.textContent = paused ? `Resume (${fmtNum(buffer.length)})` : 'Pause';
    pauseBtn.setAttribute('aria-pressed', String(paused));
    stateEl.textContent = paused ? `Paused · ${fmtNum(buffer.length)} buffered` : '● Live';
    stateEl.dataset.state = paused ? 'paused' : 'live';
  };
  const flush = () => {
    raf = 0;
    if (!queue.length) return;
    const q = queue;
    queue = [];
    onRows(q);
  };
  const unsub = subscribe('packet', (data) => {
    const p = flattenWS(data);
    if (!p || !accept(p)) return;
    if (paused) {
      buffer.push(p);
      if (buffer.length > BUFFER_MAX) buffer.shift();
      show();
      return;
    }
    queue.push(p);
    if (!raf) raf = requestAnimationFrame(flush);
  });
  let wasDown = false;
  const unStatus = onStatus((st) => {
    if (st === 'closed') wasDown = true;
    if (st === 'open' && wasDown) { wasDown = false; if (!paused && !wsResuming()) onReconnect(); }
  });
  const unResume = subscribe('resume', (data) => { if (!data?.complete && !paused) onReconnect(); });
  pauseBtn.addEventListener('click', () => {
    paused = !paused;
    if (!paused && buffer.length) { queue.push(...buffer); buffer = []; flush(); }
    show();
  });
  show();
  return { pauseBtn, stateEl, destroy() { unsub(); unStatus(); unResume(); cancelAnimationFrame(raf); } };
}
