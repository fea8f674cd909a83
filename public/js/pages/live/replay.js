// Replay driver: pages stored packets forward from a start time (the timeline's first_seen list
// chooses each page's window; rows come from /api/packets?since=&until=&order=asc with
// observations), orders them by time and plays one group per hash with the real inter-arrival gap
// (clamped, divided by the current speed). Calls onGroup, onTick and onEnd.
import { getJSON, isAbort } from '../../lib/api.js';
import { toMs } from '../../lib/format.js';
import { groupPackets, replayDelay, isoSec } from '../../logic/vcr-timeline.js';

const PAGE = 250;

/**
 * replayer({timestamps(), speed(), accept(g), onGroup(g), onTick(t), onEnd()}) returns {start(fromMs), resume(), stop(), running()}.
 * timestamps() returns the ascending first_seen times (ms) known for the timeline; groups that
 * accept() rejects (filtered out) are skipped without waiting.
 */
export function replayer({ timestamps, speed, accept = () => true, onGroup, onTick, onEnd }) {
  let ctrl = null;
  let timer = 0;
  let queue = [];
  let seen = new Set();
  let cursor = 0;
  let fetchedTo = 0;
  let lastT = null;
  let exhausted = false;
  let fetching = null;

  async function fetchPage() {
    const ts = timestamps().filter((t) => t > fetchedTo);
    const now = Date.now();
    if (!ts.length) {
      // Nothing known ahead in the timeline: one last open-ended page catches packets newer than it.
      if (exhausted) return;
      exhausted = true;
    }
    const until = ts.length > PAGE ? ts[PAGE - 1] : now + 1000;
    const since = fetchedTo - 1000;
    const r = await getJSON('/packets', { since: isoSec(since), until: new Date(until + 1000).toISOString(), order: 'asc', limit: 5000, expand: 'observations' },
      { signal: ctrl.signal, quiet: true });
    fetchedTo = until;
    const groups = groupPackets(r.packets || [], seen).filter((g) => g.t >= cursor && accept(g));
    queue.push(...groups);
    queue.sort((a, b) => a.t - b.t || a.id - b.id);
    if (until >= now) exhausted = true;
  }

  async function step() {
    timer = 0;
    try {
      if (queue.length < 20 && !exhausted) {
        fetching = fetchPage();
        await fetching;
        fetching = null;
        if (queue.length === 0 && !exhausted) { timer = setTimeout(step, 0); return; }
      }
    } catch (e) {
      if (isAbort(e)) return;
      exhausted = true;
    }
    if (!ctrl || ctrl.signal.aborted) return;
    const g = queue.shift();
    if (!g) { ctrl = null; onEnd(); return; }
    lastT = g.t;
    cursor = g.t;
    onTick(g.t);
    onGroup(g);
    const next = queue[0];
    const wait = next ? replayDelay(next.t - g.t, speed()) : replayDelay(0, speed());
    timer = setTimeout(step, wait);
  }

  function stop() {
    if (timer) clearTimeout(timer);
    timer = 0;
    if (ctrl) ctrl.abort();
    ctrl = null;
  }

  return {
    start(fromMs) {
      stop();
      ctrl = new AbortController();
      queue = [];
      seen = new Set();
      cursor = fromMs;
      fetchedTo = fromMs;
      lastT = null;
      exhausted = false;
      onTick(fromMs);
      timer = setTimeout(step, 0);
    },
    /** resume continues from where stop() left off (queued groups are kept). */
    resume() {
      if (ctrl) return;
      ctrl = new AbortController();
      if (fetching) exhausted = false;
      timer = setTimeout(step, 0);
    },
    stop,
    running: () => ctrl !== null,
    position: () => lastT ?? cursor,
  };
}

/** parseTimes turns a /packets/timestamps response into ascending ms. */
export function parseTimes(list) {
  return (Array.isArray(list) ? list : []).map((s) => toMs(s)).filter((t) => t !== null).sort((a, b) => a - b);
}
