// The single fetch helper: JSON in/out, abort signals, 503 Retry-After backoff, errors to toast.
import { toast } from './dom.js';

/** ApiError carries the HTTP status of a failed API call. */
export class ApiError extends Error {
  constructor(status, path, message) {
    super(message || `API ${status}: ${path}`);
    this.status = status;
    this.path = path;
  }
}

/** apiCalls records recent client API timings for the Perf page (bounded). */
export const apiCalls = [];

function qs(params) {
  if (!params) return '';
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== null && v !== undefined && v !== '') p.set(k, String(v));
  const s = p.toString();
  return s ? `?${s}` : '';
}

const sleep = (ms, signal) => new Promise((resolve, reject) => {
  const t = setTimeout(resolve, ms);
  signal?.addEventListener('abort', () => { clearTimeout(t); reject(new DOMException('aborted', 'AbortError')); }, { once: true });
});

// The server answers 503 with reason "schema" while the ingestor has not migrated the database;
// the shell shows its message (what to run) until an answer succeeds.
let schemaWaiting = false;
function noteSchemaWait(body) {
  const waiting = Boolean(body && body.reason === 'schema');
  if (waiting === schemaWaiting) return;
  schemaWaiting = waiting;
  window.dispatchEvent(new CustomEvent('corescope:schema-wait', { detail: waiting ? String(body.error || '') : null }));
}

async function request(method, path, params, body, opts) {
  const url = `/api${path}${qs(params)}`;
  let wait = 1000;
  for (let attempt = 0; ; attempt++) {
    const t0 = performance.now();
    const res = await fetch(url, {
      method,
      signal: opts.signal,
      headers: { ...(body ? { 'Content-Type': 'application/json' } : {}), ...opts.headers },
      body: body ? JSON.stringify(body) : undefined,
    });
    apiCalls.push({ path: `${method} /api${path}`, ms: performance.now() - t0, status: res.status });
    if (apiCalls.length > 200) apiCalls.shift();
    if (res.status === 503) noteSchemaWait(await res.clone().json().catch(() => null));
    else if (res.ok) noteSchemaWait(null);
    if ((res.status === 503 || res.status === 202) && attempt < 5 && !opts.noRetry) {
      const ra = Number(res.headers.get('Retry-After')) || 0;
      await sleep(Math.min(30000, ra > 0 ? ra * 1000 : wait), opts.signal);
      wait *= 2;
      continue;
    }
    const text = await res.text();
    let data;
    try { data = text ? JSON.parse(text) : null; } catch { data = text; }
    if (!res.ok) {
      const msg = data && typeof data === 'object' && data.error ? data.error : `API ${res.status}: ${path}`;
      throw new ApiError(res.status, path, msg);
    }
    return data;
  }
}

/**
 * getJSON fetches /api<path> with query params; opts.signal aborts, opts.quiet suppresses the toast,
 * opts.headers adds request headers (the operator key).
 */
export async function getJSON(path, params, opts = {}) {
  try {
    return await request('GET', path, params, null, opts);
  } catch (e) {
    if (e.name !== 'AbortError' && !opts.quiet) toast(e.message, 'error');
    throw e;
  }
}

/** postJSON posts a JSON body to /api<path>. */
export async function postJSON(path, body, opts = {}) {
  try {
    return await request('POST', path, null, body, { ...opts, noRetry: true });
  } catch (e) {
    if (e.name !== 'AbortError' && !opts.quiet) toast(e.message, 'error');
    throw e;
  }
}

/** isAbort reports whether an error came from an aborted fetch. */
export function isAbort(e) {
  return e && e.name === 'AbortError';
}
