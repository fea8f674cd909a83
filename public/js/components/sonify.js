// Packet sonification shared by the Audio Lab page and the Live page's audio toggle: a payload
// type picks the oscillator (timbre), SNR the volume, the hop count the pitch, the size the length.
// One AudioContext per player, created on the first user gesture (browsers refuse autoplay).
import { payloadName } from '../logic/payload.js';

/** TIMBRES maps a payload type name to an oscillator type; anything else is OTHER_TIMBRE. */
export const TIMBRES = Object.freeze({ ADVERT: 'sine', GRP_TXT: 'triangle', TXT_MSG: 'square', ACK: 'sine', PATH: 'sawtooth', TRACE: 'sawtooth', REQ: 'square', RESPONSE: 'triangle' });
export const OTHER_TIMBRE = 'triangle';
const BASE_HZ = 220; // A3 for a direct (zero-hop) packet
const MAX_HOPS = 24;

/** noteFor turns {type_name|payload_type, snr, hops, size} into {wave, freq, gain, dur} (seconds). */
export function noteFor(p) {
  const name = p.type_name || payloadName(p.payload_type ?? p.type);
  const hops = Math.max(0, Math.min(MAX_HOPS, Number(Array.isArray(p.hops) ? p.hops.length : p.hops) || 0));
  const snr = Number.isFinite(Number(p.snr)) && p.snr !== null ? Number(p.snr) : null;
  // Two semitones per hop: a long route climbs audibly; SNR −20…+15 dB spans quiet…loud.
  const freq = BASE_HZ * 2 ** ((hops * 2) / 12);
  const gain = snr === null ? 0.08 : 0.04 + 0.32 * Math.max(0, Math.min(1, (snr + 20) / 35));
  const size = Number(p.size) || (typeof p.raw_hex === 'string' ? p.raw_hex.length / 2 : 32);
  const dur = 0.08 + 0.25 * Math.min(1, size / 184);
  return { wave: TIMBRES[name] || OTHER_TIMBRE, freq, gain, dur, name, hops, snr };
}

/**
 * player returns {play(p, at), resume(), suspend(), close(), state(), scheduled()}. at is seconds
 * from now. onChange(state, scheduled) reports every change so pages can mirror it in data-* attributes.
 */
export function player(onChange = () => {}) {
  let ctx = null;
  let master = null;
  let count = 0;
  const ensure = () => {
    if (ctx) return ctx;
    const AC = window.AudioContext || window.webkitAudioContext;
    if (!AC) return null;
    ctx = new AC();
    master = ctx.createGain();
    master.gain.value = 0.8;
    master.connect(ctx.destination);
    ctx.addEventListener('statechange', () => onChange(ctx.state, count));
    return ctx;
  };
  return {
    supported: () => Boolean(window.AudioContext || window.webkitAudioContext),
    play(p, at = 0) {
      const c = ensure();
      if (!c) return null;
      const n = noteFor(p);
      const t0 = c.currentTime + Math.max(0, at);
      const osc = c.createOscillator();
      const env = c.createGain();
      osc.type = n.wave;
      osc.frequency.value = n.freq;
      // A short attack and exponential release avoid clicks.
      env.gain.setValueAtTime(0.0001, t0);
      env.gain.exponentialRampToValueAtTime(n.gain, t0 + 0.01);
      env.gain.exponentialRampToValueAtTime(0.0001, t0 + n.dur);
      osc.connect(env).connect(master);
      osc.start(t0);
      osc.stop(t0 + n.dur + 0.02);
      count++;
      onChange(c.state, count);
      return n;
    },
    async resume() { const c = ensure(); if (c && c.state !== 'running') await c.resume(); if (c) onChange(c.state, count); },
    async suspend() { if (ctx && ctx.state === 'running') await ctx.suspend(); if (ctx) onChange(ctx.state, count); },
    async close() { if (ctx) { const c = ctx; ctx = null; await c.close().catch(() => {}); onChange('closed', count); } },
    state: () => (ctx ? ctx.state : 'none'),
    scheduled: () => count,
  };
}

/**
 * audioToggle is the Live page's audio switch: a header button (#liveAudio, aria-pressed) and
 * play(packet) that sounds a packet only while the switch is on. close() releases the context.
 */
export function audioToggle(h, { className = 'lh-btn' } = {}) {
  let on = false;
  const btn = h('button', { type: 'button', id: 'liveAudio', class: className, 'aria-pressed': 'false', 'aria-label': 'Play packets as sound',
    title: 'Play packets as sound (type → timbre, SNR → volume, hops → pitch)', dataset: { audio: 'none', scheduled: '0' } }, '♪');
  const sound = player((state, n) => { btn.dataset.audio = state; btn.dataset.scheduled = String(n); });
  if (!sound.supported()) btn.disabled = true;
  btn.addEventListener('click', () => {
    on = !on;
    btn.setAttribute('aria-pressed', String(on));
    if (on) sound.resume(); else sound.suspend();
  });
  return { el: btn, play: (p) => { if (on) sound.play(p); }, close: () => sound.close() };
}
