// VCR bar: Rewind, Pause/Play, LIVE, speed, mode, timeline scope, density sparkline with a
// playhead (click or drag with mouse, pen or touch; arrow keys), the LCD clock and the
// "You missed N packets" prompt. It renders a VCR state and reports user events.
import { h, svg, replace } from '../../lib/dom.js';
import { fmtNum } from '../../lib/format.js';
import { MODES, SCOPES, speedLabel } from '../../logic/vcr.js';
import { timeToFrac, fracToTime } from '../../logic/vcr-timeline.js';
import { drawLCD, lcdText } from './lcd.js';

const ICONS = { rewind: 'M11 6v12L3 12zM21 6v12l-8-6z', pause: 'M6 5h4v14H6zM14 5h4v14h-4z', play: 'M7 5v14l12-7z' };
const icon = (name) => svg('svg', { viewBox: '0 0 24 24', width: 16, height: 16, 'aria-hidden': 'true', class: 'vcr-icon' }, svg('path', { d: ICONS[name], fill: 'currentColor' }));

/** vcrBar(emit) returns {el, render(state, view), drawTimeline(view, playT)}; emit(event) feeds the state machine. */
export function vcrBar(emit) {
  const btn = (id, label, text, ev) => h('button', { type: 'button', id, 'aria-label': label, title: label, onClick: () => emit(typeof ev === 'function' ? ev() : ev) }, text);
  const rewind = btn('vcrRewind', 'Rewind: replay the whole scope', icon('rewind'), () => ({ type: 'rewind', now: Date.now() }));
  const play = btn('vcrPlay', 'Pause', icon('pause'), () => (play.dataset.action === 'pause' ? { type: 'pause', now: Date.now() } : { type: 'play' }));
  const live = btn('vcrLive', 'Back to live', 'LIVE', { type: 'live' });
  const speed = btn('vcrSpeed', 'Replay speed', '1×', { type: 'speed' });
  const mode = h('span', { id: 'vcrMode', class: 'vcr-mode', role: 'status', 'aria-live': 'polite' }, 'LIVE');
  const scopeBtns = Object.keys(SCOPES).map((s) => h('button', { type: 'button', role: 'radio', class: 'vcr-scope-btn', dataset: { scope: s }, 'aria-checked': 'false',
    onClick: () => emit({ type: 'scope', scope: s }) }, s));
  const scope = h('div', { id: 'vcrScope', class: 'vcr-scope', role: 'radiogroup', 'aria-label': 'Timeline scope' }, scopeBtns);
  const tl = h('canvas', { id: 'vcrTimeline', class: 'vcr-timeline', role: 'slider', tabindex: '0', 'aria-label': 'Timeline: click or drag to replay from a time',
    'aria-valuemin': '0', 'aria-valuemax': '100', 'aria-valuenow': '100' });
  const clock = h('canvas', { id: 'vcrClock', class: 'vcr-clock', role: 'img', 'aria-label': 'Playback time' });
  const missedText = h('span', { id: 'vcrMissed' }, '');
  const prompt = h('div', { id: 'vcrPrompt', class: 'vcr-prompt hidden', role: 'alert' }, missedText,
    h('button', { type: 'button', id: 'vcrReplayMissed', onClick: () => emit({ type: 'replayMissed' }) }, 'Replay'),
    h('button', { type: 'button', id: 'vcrSkip', onClick: () => emit({ type: 'skipToLive' }) }, 'Skip to live'));
  const pausedBadge = h('span', { id: 'vcrPausedCount', class: 'vcr-missed hidden' }, '');
  const el = h('div', { id: 'vcrBar', class: 'vcr-bar', role: 'toolbar', 'aria-label': 'Playback controls' },
    h('div', { class: 'vcr-buttons' }, rewind, play, live, speed, mode, pausedBadge, scope),
    h('div', { class: 'vcr-track' }, tl, clock), prompt);

  let view = { start: Date.now() - 3600000, end: Date.now(), bins: [] };
  let playT = null;
  let preview = null;
  let shownMode = null;

  function drawTimeline() {
    const dpr = window.devicePixelRatio || 1;
    const w = tl.clientWidth || 300;
    const hh = tl.clientHeight || 32;
    if (tl.width !== Math.round(w * dpr) || tl.height !== Math.round(hh * dpr)) { tl.width = Math.round(w * dpr); tl.height = Math.round(hh * dpr); }
    const ctx = tl.getContext('2d');
    const cs = getComputedStyle(el);
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    ctx.clearRect(0, 0, w, hh);
    const bins = view.bins;
    const max = Math.max(1, ...bins);
    ctx.fillStyle = cs.getPropertyValue('--vcr-spark').trim() || '#4c8dff';
    const bw = w / Math.max(1, bins.length);
    bins.forEach((v, i) => { if (v) { const bh = Math.max(1.5, (v / max) * (hh - 4)); ctx.fillRect(i * bw, hh - bh, Math.max(1, bw - 0.5), bh); } });
    const t = preview ?? playT ?? view.end;
    const x = timeToFrac(t, view.start, view.end) * w;
    ctx.fillStyle = cs.getPropertyValue('--vcr-head').trim() || '#f43f5e';
    ctx.fillRect(Math.min(w - 2, Math.max(0, x - 1)), 0, 2, hh);
    tl.setAttribute('aria-valuenow', String(Math.round(timeToFrac(t, view.start, view.end) * 100)));
    tl.setAttribute('aria-valuetext', lcdText(t));
    drawLCD(clock, lcdText(t));
    clock.dataset.t = String(t);
  }
  const timeAt = (e) => {
    const r = tl.getBoundingClientRect();
    return fracToTime((e.clientX - r.left) / Math.max(1, r.width), view.start, view.end);
  };
  tl.addEventListener('pointerdown', (e) => {
    tl.setPointerCapture?.(e.pointerId);
    preview = timeAt(e);
    drawTimeline();
    e.preventDefault();
  });
  tl.addEventListener('pointermove', (e) => { if (preview !== null) { preview = timeAt(e); drawTimeline(); } });
  const finish = (e) => {
    if (preview === null) return;
    const t = timeAt(e);
    preview = null;
    emit({ type: 'scrub', t });
  };
  tl.addEventListener('pointerup', finish);
  tl.addEventListener('pointercancel', () => { preview = null; drawTimeline(); });
  tl.addEventListener('keydown', (e) => {
    const step = (view.end - view.start) / 20;
    const base = playT ?? view.end;
    if (e.key === 'ArrowLeft') { e.preventDefault(); emit({ type: 'scrub', t: Math.max(view.start, base - step) }); }
    if (e.key === 'ArrowRight') { e.preventDefault(); emit({ type: 'scrub', t: Math.min(view.end, base + step) }); }
    if (e.key === 'Home') { e.preventDefault(); emit({ type: 'scrub', t: view.start }); }
  });

  return {
    el,
    render(s) {
      mode.textContent = s.mode;
      mode.dataset.mode = s.mode;
      el.dataset.mode = s.mode;
      const paused = s.mode === MODES.PAUSED;
      if (play.dataset.action !== (paused ? 'play' : 'pause')) replace(play, icon(paused ? 'play' : 'pause'));
      play.dataset.action = paused ? 'play' : 'pause';
      play.setAttribute('aria-label', paused ? 'Play' : 'Pause');
      play.title = play.getAttribute('aria-label');
      live.setAttribute('aria-pressed', String(s.mode === MODES.LIVE));
      speed.textContent = speedLabel(s.speed);
      for (const b of scopeBtns) b.setAttribute('aria-checked', String(b.dataset.scope === s.scope));
      pausedBadge.textContent = `${fmtNum(s.missed)} missed`;
      pausedBadge.classList.toggle('hidden', !paused || s.missed === 0);
      missedText.textContent = `You missed ${fmtNum(s.missed)} packet${s.missed === 1 ? '' : 's'}`;
      prompt.classList.toggle('hidden', !s.prompt);
      const t = s.mode === MODES.LIVE ? null : s.cursor ?? s.pausedAt;
      if (t !== playT || s.mode !== shownMode) { playT = t; shownMode = s.mode; drawTimeline(); }
    },
    setView(v) { view = v; drawTimeline(); },
    setPlayhead(t) { playT = t; drawTimeline(); },
  };
}
