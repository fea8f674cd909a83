// One shared WebSocket with reconnect + exponential backoff and type-based subscriptions.

const subs = new Map();
const statusSubs = new Set();
let sock = null;
let backoff = 1000;
let state = 'connecting';
let timer = null;

function setState(s) {
  state = s;
  for (const fn of statusSubs) fn(s);
}

function dispatch(msg) {
  for (const key of [msg.type, '*']) {
    const set = subs.get(key);
    if (set) for (const fn of set) { try { fn(msg.data, msg); } catch (e) { console.warn('ws subscriber', e); } }
  }
}

/** connect opens the socket (idempotent); reconnects with backoff from 1 s up to 30 s. */
export function connect() {
  if (sock && (sock.readyState === 0 || sock.readyState === 1)) return;
  const proto = location.protocol === 'https:' ? 'wss:' : 'ws:';
  setState('connecting');
  try { sock = new WebSocket(`${proto}//${location.host}/ws`); } catch { schedule(); return; }
  sock.addEventListener('open', () => { backoff = 1000; setState('open'); });
  sock.addEventListener('message', (ev) => {
    let msg;
    try { msg = JSON.parse(ev.data); } catch { return; }
    if (msg && typeof msg.type === 'string') dispatch(msg);
  });
  sock.addEventListener('close', () => { setState('closed'); schedule(); });
  sock.addEventListener('error', () => { try { sock.close(); } catch { /* already closed */ } });
}

function schedule() {
  clearTimeout(timer);
  timer = setTimeout(connect, backoff);
  backoff = Math.min(30000, backoff * 2);
}

/** subscribe registers fn(data, msg) for a message type ('*' for all); returns an unsubscribe function. */
export function subscribe(type, fn) {
  if (!subs.has(type)) subs.set(type, new Set());
  subs.get(type).add(fn);
  return () => subs.get(type)?.delete(fn);
}

/** onStatus registers fn(state) for 'connecting' | 'open' | 'closed'; called immediately; returns unsubscribe. */
export function onStatus(fn) {
  statusSubs.add(fn);
  fn(state);
  return () => statusSubs.delete(fn);
}

/** wsState returns the current connection state. */
export function wsState() {
  return state;
}
