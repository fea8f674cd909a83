// Packet filter language: parser and evaluator (ui.md §3.10). DOM-free.
import { tokenize, LexError } from './filter-lex.js';
import { resolveField } from './filter-fields.js';

const TYPE_ALIASES = {
  request: 'REQ', req: 'REQ', response: 'RESPONSE', 'direct msg': 'TXT_MSG', dm: 'TXT_MSG', txt_msg: 'TXT_MSG',
  ack: 'ACK', advert: 'ADVERT', 'channel msg': 'GRP_TXT', channel: 'GRP_TXT', grp_txt: 'GRP_TXT',
  'group data': 'GRP_DATA', grp_data: 'GRP_DATA', 'anon req': 'ANON_REQ', anon_req: 'ANON_REQ', path: 'PATH',
  trace: 'TRACE', multipart: 'MULTIPART', control: 'CONTROL', raw: 'RAW_CUSTOM', custom: 'RAW_CUSTOM',
  'raw custom': 'RAW_CUSTOM', raw_custom: 'RAW_CUSTOM',
};
const ROUTE_ALIASES = { t_flood: 'TRANSPORT_FLOOD', t_direct: 'TRANSPORT_DIRECT' };
const CMP_OPS = new Set(['==', '!=', '>', '<', '>=', '<=', 'contains', 'starts_with', 'ends_with', 'after', 'before']);

class ParseError extends Error {}

/** aliasValue maps a comparison target through the type/route alias tables. */
export function aliasValue(field, v) {
  if (typeof v !== 'string') return v;
  const f = field.toLowerCase();
  if (f === 'type') return TYPE_ALIASES[v.toLowerCase()] || v;
  if (f === 'route') return ROUTE_ALIASES[v.toLowerCase()] || v;
  return v;
}

function parse(tokens) {
  let p = 0;
  const peek = () => tokens[p];
  const next = () => tokens[p++];
  const expr = () => {
    let left = and();
    while (peek() && peek().t === 'OR') { next(); left = { k: 'or', a: left, b: and() }; }
    return left;
  };
  const and = () => {
    let left = unary();
    while (peek() && peek().t === 'AND') { next(); left = { k: 'and', a: left, b: unary() }; }
    return left;
  };
  const unary = () => {
    const tk = peek();
    if (!tk) throw new ParseError('Unexpected end of expression');
    if (tk.t === 'NOT') { next(); return { k: 'not', a: unary() }; }
    if (tk.t === 'LPAREN') {
      next();
      const e = expr();
      if (!peek() || peek().t !== 'RPAREN') throw new ParseError(`Expected ')' at position ${peek() ? peek().pos : 'end'}`);
      next();
      return e;
    }
    return comparison();
  };
  const value = (field, op) => {
    const tk = next();
    if (!tk) throw new ParseError(`Expected value after '${op}'`);
    if (!['STRING', 'NUMBER', 'BOOL', 'DURATION', 'FIELD'].includes(tk.t)) {
      throw new ParseError(`Expected value after '${op}' but found '${tk.v}' at position ${tk.pos}`);
    }
    if (op === 'after' || op === 'before' || op === 'between') return timeValue(tk);
    return { t: tk.t, v: tk.t === 'STRING' || tk.t === 'FIELD' ? aliasValue(field, tk.v) : tk.v };
  };
  const comparison = () => {
    const f = next();
    if (f.t !== 'FIELD') throw new ParseError(`Expected field name but found '${f.v}' at position ${f.pos}`);
    const tk = peek();
    if (!tk || tk.t === 'AND' || tk.t === 'OR' || tk.t === 'RPAREN') return { k: 'truthy', f: f.v };
    if (tk.t !== 'OP') throw new ParseError(`Expected operator after '${f.v}' but found '${tk.v}' at position ${tk.pos}`);
    next();
    if (tk.v === 'between') return { k: 'between', f: f.v, lo: value(f.v, 'between'), hi: value(f.v, 'between') };
    if (tk.v === 'in') {
      if (!peek() || peek().t !== 'LPAREN') throw new ParseError(`Expected '(' after 'in' at position ${tk.pos}`);
      next();
      const vals = [];
      while (peek() && peek().t !== 'RPAREN') {
        vals.push(value(f.v, 'in'));
        if (peek() && peek().t === 'COMMA') next();
        else break;
      }
      if (!peek() || peek().t !== 'RPAREN') throw new ParseError("Expected ')' to close 'in' list");
      next();
      if (vals.length === 0) throw new ParseError("Empty 'in ()' list");
      return { k: 'in', f: f.v, vals };
    }
    if (!CMP_OPS.has(tk.v)) throw new ParseError(`Unknown operator '${tk.v}'`);
    return { k: 'cmp', f: f.v, op: tk.v, val: value(f.v, tk.v) };
  };
  const tree = expr();
  if (p < tokens.length) throw new ParseError(`Unexpected '${tokens[p].v}' at end of expression`);
  return tree;
}

function timeValue(tk) {
  if (tk.t === 'NUMBER') return { t: 'TIME', v: tk.v };
  if (tk.t === 'DURATION') return { t: 'AGO', v: tk.v };
  const ms = Date.parse(String(tk.v));
  if (Number.isNaN(ms)) throw new ParseError(`Invalid datetime '${tk.v}'`);
  return { t: 'TIME', v: ms };
}

const lower = (x) => String(x).toLowerCase();
const toNum = (x) => (typeof x === 'number' ? x : typeof x === 'boolean' ? NaN : parseFloat(x));

function equals(a, b) {
  if (typeof a === 'boolean' || typeof b === 'boolean') return a === b;
  if (typeof a === 'number' && typeof b === 'number') return a === b;
  return lower(a) === lower(b);
}

function timeOf(val, now) {
  return val.t === 'AGO' ? now - val.v * 1000 : val.v;
}

function evalNode(n, row, now) {
  switch (n.k) {
    case 'or': return evalNode(n.a, row, now) || evalNode(n.b, row, now);
    case 'and': return evalNode(n.a, row, now) && evalNode(n.b, row, now);
    case 'not': return !evalNode(n.a, row, now);
    case 'truthy': return Boolean(resolveField(row, n.f, now));
    default: break;
  }
  const v = resolveField(row, n.f, now);
  if (v === null || v === undefined) return false;
  if (n.k === 'in') return n.vals.some((x) => lower(v) === lower(x.v));
  if (n.k === 'between') {
    const a = timeOf(n.lo, now);
    const b = timeOf(n.hi, now);
    const t = toNum(v);
    return t >= Math.min(a, b) && t <= Math.max(a, b);
  }
  const target = n.val.v;
  switch (n.op) {
    case '==': return equals(v, target);
    case '!=': return !equals(v, target);
    case 'contains': return lower(v).includes(lower(target));
    case 'starts_with': return lower(v).startsWith(lower(target));
    case 'ends_with': return lower(v).endsWith(lower(target));
    case 'after': return toNum(v) > timeOf(n.val, now);
    case 'before': return toNum(v) < timeOf(n.val, now);
    default: {
      const a = toNum(v);
      const b = toNum(target);
      if (Number.isNaN(a) || Number.isNaN(b)) return false;
      if (n.op === '>') return a > b;
      if (n.op === '<') return a < b;
      if (n.op === '>=') return a >= b;
      return a <= b;
    }
  }
}

/**
 * compileFilter compiles an expression. It never throws: on error it returns {error, match: pass-all}.
 * An empty expression matches everything with error null.
 * @returns {{error:string|null, empty:boolean, match:(row:object, now?:number)=>boolean}}
 */
export function compileFilter(src) {
  const text = String(src || '').trim();
  if (!text) return { error: null, empty: true, match: () => true };
  try {
    const tree = parse(tokenize(text));
    return { error: null, empty: false, match: (row, now = Date.now()) => evalNode(tree, row, now) };
  } catch (e) {
    if (e instanceof LexError || e instanceof ParseError) return { error: e.message, empty: false, match: () => true };
    return { error: String(e && e.message ? e.message : e), empty: false, match: () => true };
  }
}

/** formatClause builds "field op value" for right-click-to-filter; numbers and UPPER_CASE words stay unquoted. */
export function formatClause(field, value, op = '==') {
  const s = String(value);
  const bare = typeof value === 'number' || /^-?\d+(\.\d+)?$/.test(s) || /^[A-Z][A-Z0-9_]*$/.test(s);
  return `${field} ${op} ${bare ? s : JSON.stringify(s)}`;
}

/** appendClause joins an existing expression and a clause with &&. */
export function appendClause(expr, clause) {
  const e = String(expr || '').trim();
  return e ? `${e} && ${clause}` : clause;
}

/** FILTER_FIELDS lists field names for help and autocomplete. */
export const FILTER_FIELDS = ['type', 'route', 'transport', 'hash', 'raw', 'size', 'payload_bytes', 'payload_hex',
  'snr', 'rssi', 'hops', 'observer', 'observer_id', 'observer_iata', 'iata', 'observations', 'time', 'timestamp',
  'age', 'path', 'path_prefixes', 'routed_through', 'code1', 'code2', 'payload.name', 'payload.text',
  'payload.channel', 'payload.sender'];

/** BUILTIN_FILTERS are the saved filters every user starts with. */
export const BUILTIN_FILTERS = [
  { name: 'Adverts only', expr: 'type == ADVERT' },
  { name: 'Channel traffic', expr: 'type == GRP_TXT' },
  { name: 'Direct messages', expr: 'type == TXT_MSG' },
  { name: 'SNR > 5', expr: 'snr > 5' },
  { name: 'Hops > 1', expr: 'hops > 1' },
  { name: 'Repeater adverts', expr: 'type == ADVERT && payload.flags.repeater' },
  { name: 'Last 5 min', expr: 'age < 5m' },
];
