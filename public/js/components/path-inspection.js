// Path inspection data, shared by the Path Inspector page and the Map's inspector pane: POST
// /api/paths/inspect (waiting out the neighbour graph's first build) joined with /api/resolve-hops.
import { getJSON, postJSON } from '../lib/api.js';
import { prefixesParam, hopRows, routeRows } from '../logic/path-inspect.js';

const RETRIES = 6;

const sleep = (ms, signal) => new Promise((resolve, reject) => {
  const t = setTimeout(resolve, ms);
  signal.addEventListener('abort', () => { clearTimeout(t); reject(new DOMException('aborted', 'AbortError')); }, { once: true });
});

/** inspect posts the prefixes, waiting out the neighbour graph's first build (503 {retry:true}). */
export async function inspect(prefixes, signal, onWait = () => {}) {
  for (let i = 0; ; i++) {
    try {
      return await postJSON('/paths/inspect', { prefixes, limit: 10 }, { signal, quiet: true });
    } catch (e) {
      if (e.status !== 503 || i >= RETRIES) throw e;
      onWait();
      await sleep(2000, signal);
    }
  }
}

/** loadInspection fetches both views of one prefix list; returns {hops, routes, raw}. */
export async function loadInspection(prefixes, signal, onWait) {
  const [res, resolved] = await Promise.all([inspect(prefixes, signal, onWait),
    getJSON('/resolve-hops', { hops: prefixesParam(prefixes) }, { signal, quiet: true })]);
  const hops = hopRows(prefixes, res, resolved?.resolved);
  const coords = new Map();
  for (const hp of hops) for (const c of hp.candidates) coords.set(c.pubkey, c);
  return { hops, routes: routeRows(res, coords), raw: res, coords };
}
