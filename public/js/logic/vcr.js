// VCR state machine for the Live page (pure, DOM-free): LIVE animates packets as they arrive,
// PAUSED buffers and counts them, REPLAY plays stored packets from a cursor time.

/** MODES are the three VCR states. */
export const MODES = Object.freeze({ LIVE: 'LIVE', PAUSED: 'PAUSED', REPLAY: 'REPLAY' });

/** SPEEDS are the replay speeds the speed button cycles through. */
export const SPEEDS = Object.freeze([0.25, 0.5, 1, 2, 4, 8]);

/** SCOPES maps timeline scope names to their length in ms. */
export const SCOPES = Object.freeze({ '1h': 3600000, '6h': 21600000, '12h': 43200000, '24h': 86400000 });

/** initialState returns a LIVE state; speed falls back to 1 when not one of SPEEDS. */
export function initialState({ speed = 1, scope = '1h', bufferCap = 2000 } = {}) {
  return {
    mode: MODES.LIVE, speed: SPEEDS.includes(speed) ? speed : 1, scope: SCOPES[scope] ? scope : '1h',
    bufferCap, buffer: [], missed: 0, prompt: false, pausedAt: null, resumeReplay: false, cursor: null, replayFrom: null,
  };
}

/** nextSpeed returns the speed after s in SPEEDS, wrapping to the slowest. */
export function nextSpeed(s) {
  const i = SPEEDS.indexOf(s);
  return SPEEDS[(i + 1) % SPEEDS.length];
}

/** speedLabel renders a speed as "¼×", "½×", "1×" … "8×". */
export function speedLabel(s) {
  if (s === 0.25) return '¼×';
  if (s === 0.5) return '½×';
  return `${s}×`;
}

function pushCapped(buf, item, cap) {
  const out = buf.length >= cap ? buf.slice(buf.length - cap + 1) : buf.slice();
  out.push(item);
  return out;
}

/**
 * reduce applies one event and returns {state, effects}. Effects tell the caller what to do:
 * 'animate' (draw ev.packet now), 'startReplay' (fetch and play from state.replayFrom),
 * 'stopReplay', 'resumeReplay', 'clearScene'. Unknown events leave the state unchanged.
 * Events: packet{packet}, pause{now}, play, replayMissed, skipToLive, live, scrub{t}, rewind{now},
 * replayTick{t}, replayEnd, speed, scope{scope}.
 */
export function reduce(state, ev) {
  const s = { ...state };
  const fx = [];
  switch (ev && ev.type) {
    case 'packet':
      if (s.mode === MODES.LIVE) fx.push('animate');
      else {
        s.buffer = pushCapped(s.buffer, ev.packet, s.bufferCap);
        s.missed++;
      }
      break;
    case 'pause':
      if (s.mode === MODES.PAUSED) break;
      s.resumeReplay = s.mode === MODES.REPLAY;
      if (s.mode === MODES.LIVE) { s.pausedAt = ev.now ?? null; s.missed = 0; s.buffer = []; }
      s.mode = MODES.PAUSED;
      s.prompt = false;
      if (s.resumeReplay) fx.push('stopReplay');
      break;
    case 'play':
      if (s.mode !== MODES.PAUSED) break;
      if (s.resumeReplay) { s.mode = MODES.REPLAY; s.resumeReplay = false; fx.push('resumeReplay'); break; }
      if (s.missed > 0) { s.prompt = true; break; }
      return { state: goLive(s), effects: ['clearScene'] };
    case 'replayMissed':
      if (s.mode !== MODES.PAUSED || s.pausedAt === null) break;
      s.mode = MODES.REPLAY;
      s.replayFrom = s.pausedAt;
      s.cursor = s.pausedAt;
      s.prompt = false;
      s.buffer = [];
      s.missed = 0;
      fx.push('startReplay');
      break;
    case 'skipToLive':
    case 'live':
    case 'replayEnd':
      if (s.mode === MODES.LIVE) break;
      return { state: goLive(s), effects: s.mode === MODES.REPLAY ? ['stopReplay', 'clearScene'] : ['clearScene'] };
    case 'scrub':
    case 'rewind': {
      const t = ev.type === 'rewind' ? ev.now - SCOPES[s.scope] : ev.t;
      if (typeof t !== 'number' || Number.isNaN(t)) return { state, effects: [] };
      if (s.mode === MODES.REPLAY) fx.push('stopReplay');
      s.mode = MODES.REPLAY;
      s.replayFrom = t;
      s.cursor = t;
      s.prompt = false;
      s.resumeReplay = false;
      s.buffer = [];
      s.missed = 0;
      fx.push('clearScene', 'startReplay');
      break;
    }
    case 'replayTick':
      if (s.mode === MODES.REPLAY || (s.mode === MODES.PAUSED && s.resumeReplay)) s.cursor = ev.t;
      break;
    case 'speed':
      s.speed = nextSpeed(s.speed);
      break;
    case 'scope':
      if (SCOPES[ev.scope]) s.scope = ev.scope;
      break;
    default:
      return { state, effects: [] };
  }
  return { state: s, effects: fx };
}

function goLive(s) {
  return { ...s, mode: MODES.LIVE, buffer: [], missed: 0, prompt: false, pausedAt: null, resumeReplay: false, cursor: null, replayFrom: null };
}
