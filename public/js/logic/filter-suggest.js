// Token-aware autocomplete for the packet filter language (ui.md §3.10 UX). DOM-free.
import { FILTER_FIELDS } from './filter.js';
import { PAYLOAD_TYPES, ROUTE_TYPES } from './payload.js';

/** FILTER_OPS lists the comparison operators offered after a field. */
export const FILTER_OPS = ['==', '!=', '>', '<', '>=', '<=', 'contains', 'starts_with', 'ends_with', 'in', 'between', 'after', 'before'];
const ENUMS = { type: Object.values(PAYLOAD_TYPES), route: Object.values(ROUTE_TYPES) };
const JOINERS = new Set(['&&', '||', '!', '(']);

/**
 * suggestFor returns completions for text with the caret at cursor: {items, start, end} where [start, end) is the
 * text the chosen item replaces. Fields (plus extraFields such as payload.* keys seen in data) at the start of a
 * comparison, operators after a field, enum values after "type ==" / "route ==".
 */
export function suggestFor(text, cursor = text.length, extraFields = []) {
  const head = text.slice(0, cursor);
  const m = /([A-Za-z_][A-Za-z0-9_.]*)$/.exec(head);
  const partial = m ? m[1] : '';
  const start = m ? m.index : cursor;
  const toks = head.slice(0, start).match(/&&|\|\||==|!=|>=|<=|[()!<>,]|"(?:[^"\\]|\\.)*"?|[^\s()!<>=,&|"]+/g) || [];
  const prev = toks[toks.length - 1];
  const prev2 = toks[toks.length - 2];
  const lower = partial.toLowerCase();
  const pick = (list) => list.filter((x) => x.toLowerCase().startsWith(lower) && x !== partial).slice(0, 10);
  let items = [];
  if ((prev === '==' || prev === '!=') && prev2 && ENUMS[prev2.toLowerCase()]) items = pick(ENUMS[prev2.toLowerCase()]);
  else if (!prev || JOINERS.has(prev)) items = partial || !prev ? pick([...FILTER_FIELDS, ...extraFields.filter((f) => !FILTER_FIELDS.includes(f))]) : [];
  else if (/^[A-Za-z_][A-Za-z0-9_.]*$/.test(prev) && !FILTER_OPS.includes(prev.toLowerCase()) && /\s$/.test(head.slice(0, start) || ' ')) items = pick(FILTER_OPS);
  return { items, start, end: cursor };
}

/** payloadKeys collects dotted payload.* field names from decoded JSON of rows (first 500 rows, depth 2). */
export function payloadKeys(rows) {
  const keys = new Set();
  for (const r of (rows || []).slice(0, 500)) {
    let d = r.decoded_json;
    if (typeof d === 'string') { try { d = JSON.parse(d); } catch { d = null; } }
    if (!d || typeof d !== 'object') continue;
    for (const [k, v] of Object.entries(d)) {
      if (v && typeof v === 'object' && !Array.isArray(v)) for (const k2 of Object.keys(v)) keys.add(`payload.${k}.${k2}`);
      else keys.add(`payload.${k}`);
    }
  }
  return [...keys].sort();
}
