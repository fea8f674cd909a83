// The server's API key for operator-only reads (Perf page, MQTT status) and the perf reset, as typed
// by the operator in this tab. Kept in module memory only: never persisted, gone on reload.

let key = '';

/** operatorKey returns the key entered in this tab ('' when none). */
export function operatorKey() {
  return key;
}

/** setOperatorKey remembers a key for this tab's lifetime. */
export function setOperatorKey(k) {
  key = String(k || '').trim();
}

/** operatorHeaders returns {X-API-Key} when a key was entered, else an empty object. */
export function operatorHeaders() {
  return key ? { 'X-API-Key': key } : {};
}
