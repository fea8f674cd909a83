// Lexer for the packet filter language (ui.md §3.10).

const UNITS = { s: 1, m: 60, h: 3600, d: 86400, w: 604800 };
const WORD_OPS = new Set(['contains', 'starts_with', 'ends_with', 'after', 'before', 'between', 'in']);
const TWO = { '&&': 'AND', '||': 'OR', '==': 'OP', '!=': 'OP', '>=': 'OP', '<=': 'OP' };
const ONE = { '>': 'OP', '<': 'OP', '!': 'NOT', '(': 'LPAREN', ')': 'RPAREN', ',': 'COMMA' };

/** LexError is thrown by tokenize with a user-facing message. */
export class LexError extends Error {}

function signAllowed(prev) {
  return !prev || ['OP', 'AND', 'OR', 'NOT', 'LPAREN', 'COMMA'].includes(prev.t);
}

/**
 * tokenize splits an expression into tokens {t, v, pos}. t is one of AND OR OP NOT LPAREN RPAREN COMMA
 * STRING NUMBER DURATION BOOL FIELD.
 */
export function tokenize(src) {
  const out = [];
  let i = 0;
  while (i < src.length) {
    const c = src[i];
    if (c === ' ' || c === '\t') { i++; continue; }
    const two = src.slice(i, i + 2);
    if (TWO[two]) { out.push({ t: TWO[two], v: two, pos: i }); i += 2; continue; }
    if (c === '-' && /[0-9]/.test(src[i + 1] || '') && signAllowed(out[out.length - 1])) {
      i = readNumber(src, i, out); continue;
    }
    if (ONE[c]) { out.push({ t: ONE[c], v: c, pos: i }); i++; continue; }
    if (c === '"') { i = readString(src, i, out); continue; }
    if (/[0-9]/.test(c)) { i = readNumber(src, i, out); continue; }
    if (/[A-Za-z_]/.test(c)) {
      let j = i + 1;
      while (j < src.length && /[A-Za-z0-9_.]/.test(src[j])) j++;
      const w = src.slice(i, j);
      const lw = w.toLowerCase();
      if (lw === 'true' || lw === 'false') out.push({ t: 'BOOL', v: lw === 'true', pos: i });
      else if (WORD_OPS.has(lw)) out.push({ t: 'OP', v: lw, pos: i });
      else out.push({ t: 'FIELD', v: w, pos: i });
      i = j; continue;
    }
    throw new LexError(`Unexpected character '${c}' at position ${i}`);
  }
  return out;
}

function readString(src, start, out) {
  let j = start + 1;
  let v = '';
  while (j < src.length && src[j] !== '"') {
    if (src[j] === '\\' && j + 1 < src.length) { v += src[j] + src[j + 1]; j += 2; continue; }
    v += src[j]; j++;
  }
  if (j >= src.length) throw new LexError(`Unterminated string starting at position ${start}`);
  out.push({ t: 'STRING', v, pos: start });
  return j + 1;
}

function readNumber(src, start, out) {
  let j = start;
  if (src[j] === '-') j++;
  while (j < src.length && /[0-9]/.test(src[j])) j++;
  if (src[j] === '.' && /[0-9]/.test(src[j + 1] || '')) {
    j++;
    while (j < src.length && /[0-9]/.test(src[j])) j++;
  }
  const num = parseFloat(src.slice(start, j));
  if (j < src.length && /[A-Za-z_]/.test(src[j])) {
    let k = j;
    while (k < src.length && /[A-Za-z0-9_]/.test(src[k])) k++;
    const suffix = src.slice(j, k);
    const whole = src.slice(start, k);
    if (Object.hasOwn(UNITS, suffix)) {
      out.push({ t: 'DURATION', v: num * UNITS[suffix], pos: start });
      return k;
    }
    if (/^[0-9a-fA-F]+$/.test(whole) && whole.length >= 4) {
      throw new LexError(`Hex values must be quoted: "${whole}" at position ${start}`);
    }
    throw new LexError(`Invalid number suffix '${suffix}' at position ${j} (durations use s, m, h, d, w)`);
  }
  out.push({ t: 'NUMBER', v: num, pos: start });
  return j;
}
