// Payload and route type tables shared by every page (ui.md §3.13).

/** PAYLOAD_TYPES maps the firmware payload enum id to its name. */
export const PAYLOAD_TYPES = Object.freeze({
  0: 'REQ', 1: 'RESPONSE', 2: 'TXT_MSG', 3: 'ACK', 4: 'ADVERT', 5: 'GRP_TXT', 6: 'GRP_DATA',
  7: 'ANON_REQ', 8: 'PATH', 9: 'TRACE', 10: 'MULTIPART', 11: 'CONTROL', 15: 'RAW_CUSTOM',
});

/** PAYLOAD_LABELS maps the payload name to a short human label. */
export const PAYLOAD_LABELS = Object.freeze({
  REQ: 'Request', RESPONSE: 'Response', TXT_MSG: 'Direct Msg', ACK: 'ACK', ADVERT: 'Advert',
  GRP_TXT: 'Channel Msg', GRP_DATA: 'Group Data', ANON_REQ: 'Anon Req', PATH: 'Path', TRACE: 'Trace',
  MULTIPART: 'Multipart', CONTROL: 'Control', RAW_CUSTOM: 'Raw Custom',
});

/** ROUTE_TYPES maps the 2-bit route type to its name. */
export const ROUTE_TYPES = Object.freeze({
  0: 'TRANSPORT_FLOOD', 1: 'FLOOD', 2: 'DIRECT', 3: 'TRANSPORT_DIRECT',
});

/** payloadName returns the enum name for a payload type id ("UNKNOWN" otherwise). */
export function payloadName(id) {
  if (id === null || id === undefined || id === '') return 'UNKNOWN';
  return PAYLOAD_TYPES[Number(id)] || `UNK(${id})`;
}

/** payloadLabel returns the short label for a payload type id. */
export function payloadLabel(id) {
  const n = payloadName(id);
  return PAYLOAD_LABELS[n] || n;
}

/** routeName returns the route type name for an id. */
export function routeName(id) {
  if (id === null || id === undefined) return 'UNKNOWN';
  return ROUTE_TYPES[Number(id)] || `UNK(${id})`;
}

/** isTransport reports whether a route type carries transport codes. */
export function isTransport(route) {
  return Number(route) === 0 || Number(route) === 3;
}

/** parseJSON parses a JSON string, returning fallback on any error or non-string. */
export function parseJSON(s, fallback = null) {
  if (typeof s !== 'string' || s === '') return fallback;
  try { return JSON.parse(s); } catch { return fallback; }
}

/** messageBody strips a leading "sender: " from channel text (the plaintext carries it). */
export function messageBody(text, sender) {
  const t = String(text ?? '');
  if (sender && t.startsWith(`${sender}: `)) return t.slice(String(sender).length + 2);
  return t;
}
