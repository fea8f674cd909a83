// One shared WebSocket with reconnect + exponential backoff and type-based subscriptions. It remembers
// the id of the last packet frame and reconnects with ?afterId= so the server replays what was missed
// (api.md §5); a 'lagged' frame (this tab fell behind) reconnects promptly from the id it names.

const subs = new Map();
const statusSubs = new Set();
let sock = null;
let backoff = 1000;
let state = 'connecting';
let timer = null;
// lastId is the newest frame id received (0: none yet); resuming is true while the open socket was asked to resume.
let lastId = 0;
let resuming = false;

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
  resuming = lastId > 0;
  const query = resuming ? `?afterId=${lastId}` : '';
  try { sock = new WebSocket(`${proto}//${location.host}/ws${query}`); } catch { schedule(); return; }
  // A handshake that hangs (a half-dead network) would block every later reconnect: give it 10 s.
  const pending = sock;
  setTimeout(() => { if (pending.readyState === 0) pending.close(); }, 10000);
  sock.addEventListener('open', () => { backoff = 1000; setState('open'); });
  sock.addEventListener('message', (ev) => {
    let msg;
    try { msg = JSON.parse(ev.data); } catch { return; }
    if (!msg || typeof msg.type !== 'string') return;
    if (Number.isSafeInteger(msg.id) && msg.id > lastId) lastId = msg.id;
    if (msg.type === 'lagged') { lagged(msg.data); return; }
    dispatch(msg);
  });
  sock.addEventListener('close', () => { setState('closed'); schedule(); });
  sock.addEventListener('error', () => { try { pending.close(); } catch { /* already closed */ } });
}

// lagged notes the id the server names as the resume point (it never is ahead of this tab's) and resets
// the backoff, so the reconnect after the server's close comes at the shortest delay.
function lagged(data) {
  const id = Number(data?.afterId);
  if (Number.isSafeInteger(id) && id >= 0) lastId = Math.min(lastId, id);
  backoff = 1000;
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

/** wsResuming reports whether the open socket asked the server to replay missed frames (a 'resume' frame follows). */
export function wsResuming() {
  return resuming;
}

/** wsState returns the current connection state. */
export function wsState() {
  return state;
}
