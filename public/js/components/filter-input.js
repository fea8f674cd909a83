// Packet-filter input: debounced compile, error line, help popover, saved filters, field autocomplete.
import { h, clear } from '../lib/dom.js';
import { compileFilter, FILTER_FIELDS, BUILTIN_FILTERS } from '../logic/filter.js';
import { KEYS, load, save } from '../lib/store.js';

const OPS = ['==', '!=', '>', '<', '>=', '<=', 'contains', 'starts_with', 'ends_with', 'in', 'between', 'after', 'before'];

/**
 * createFilterInput builds the expression box. onChange(compiled, text) fires 300 ms after typing stops
 * (and immediately for saved-filter picks). Returns {el, setText, getText, compiled}.
 */
export function createFilterInput({ value = '', onChange }) {
  const input = h('input', { id: 'packetFilterInput', type: 'text', value, spellcheck: 'false', autocomplete: 'off', dataset: { shortcut: 'filter' },
    placeholder: 'Filter (press /): type == ADVERT && snr > 5', 'aria-label': 'Packet filter expression',
    'aria-describedby': 'filterError', role: 'combobox', 'aria-expanded': 'false', 'aria-controls': 'filterSuggest' });
  const err = h('div', { id: 'filterError', class: 'filter-error error-text', role: 'alert' });
  const suggest = h('ul', { id: 'filterSuggest', class: 'filter-suggest hidden', role: 'listbox' });
  const saved = h('select', { 'aria-label': 'Saved filters', class: 'saved-filters' });
  let compiled = compileFilter(value);
  let timer = null;
  const fillSaved = () => {
    clear(saved);
    saved.append(h('option', { value: '' }, 'Saved filters…'));
    for (const f of [...BUILTIN_FILTERS, ...userFilters()]) saved.append(h('option', { value: f.expr }, f.name));
  };
  const apply = () => {
    compiled = compileFilter(input.value);
    err.textContent = compiled.error || '';
    input.setAttribute('aria-invalid', compiled.error ? 'true' : 'false');
    onChange(compiled, input.value.trim());
  };
  const showSuggest = () => {
    const m = /([A-Za-z_][A-Za-z0-9_.]*)$/.exec(input.value.slice(0, input.selectionStart ?? input.value.length));
    clear(suggest);
    const before = input.value.slice(0, m ? m.index : input.value.length).trim();
    const lastTok = before.split(/\s+/).pop() || '';
    const wantsOp = m === null && /[A-Za-z0-9_]$/.test(before);
    let list = [];
    if (m && !OPS.includes(lastTok)) list = FILTER_FIELDS.filter((f) => f.startsWith(m[1].toLowerCase()) && f !== m[1]);
    else if (wantsOp) list = OPS;
    if (!list.length) { suggest.classList.add('hidden'); input.setAttribute('aria-expanded', 'false'); return; }
    for (const s of list.slice(0, 8)) {
      suggest.append(h('li', { role: 'option', onmousedown: (e) => { e.preventDefault(); accept(s, m); } }, s));
    }
    suggest.classList.remove('hidden');
    input.setAttribute('aria-expanded', 'true');
  };
  const accept = (s, m) => {
    const pos = input.selectionStart ?? input.value.length;
    const start = m ? m.index : pos;
    input.value = `${input.value.slice(0, start)}${s} ${input.value.slice(pos)}`;
    suggest.classList.add('hidden');
    input.focus();
    clearTimeout(timer);
    timer = setTimeout(apply, 300);
  };
  input.addEventListener('input', () => { clearTimeout(timer); timer = setTimeout(apply, 300); showSuggest(); });
  input.addEventListener('keydown', (e) => {
    const first = suggest.querySelector('li');
    if ((e.key === 'Tab') && first && !suggest.classList.contains('hidden')) {
      e.preventDefault();
      first.dispatchEvent(new MouseEvent('mousedown'));
    } else if (e.key === 'Escape') suggest.classList.add('hidden');
    else if (e.key === 'Enter') { clearTimeout(timer); suggest.classList.add('hidden'); apply(); }
  });
  input.addEventListener('blur', () => suggest.classList.add('hidden'));
  saved.addEventListener('change', () => {
    if (!saved.value) return;
    input.value = saved.value;
    saved.value = '';
    apply();
  });
  const saveBtn = h('button', { type: 'button', onclick: () => {
    const expr = input.value.trim();
    if (!expr || compiled.error) return;
    const name = window.prompt('Name for this filter', expr);
    if (!name) return;
    save(KEYS.savedFilters, [...userFilters().filter((f) => f.name !== name), { name, expr }]);
    fillSaved();
  } }, 'Save');
  const help = h('details', { class: 'filter-help' }, h('summary', null, 'Help'),
    h('div', { class: 'filter-help-body card' },
      h('p', null, 'Combine comparisons with && (and), || (or), ! (not) and parentheses.'),
      h('p', null, h('strong', null, 'Fields: '), FILTER_FIELDS.join(', '), ', payload.<key>'),
      h('p', null, h('strong', null, 'Operators: '), OPS.join(' ')),
      h('p', null, h('strong', null, 'Examples: '), h('code', null, 'type == ADVERT && snr > 5'), ' · ',
        h('code', null, 'payload.name contains "repeater"'), ' · ', h('code', null, 'age < 1h'), ' · ',
        h('code', null, 'type in (ADVERT, GRP_TXT)'), ' · ', h('code', null, 'hash starts_with "ab"')),
      h('p', { class: 'muted' }, 'Strings use double quotes; hex values starting with a digit must be quoted. Durations: s m h d w. Right-click a table cell to add it to the filter.')));
  fillSaved();
  if (value) { err.textContent = compiled.error || ''; }
  const el = h('div', { class: 'filter-input' },
    h('div', { class: 'filter-row' }, h('div', { class: 'filter-box' }, input, suggest), saved, saveBtn, help), err);
  return {
    el,
    setText(t) { input.value = t; apply(); },
    getText: () => input.value.trim(),
    compiled: () => compiled,
  };
}

function userFilters() {
  const v = load(KEYS.savedFilters, []);
  return Array.isArray(v) ? v.filter((f) => f && typeof f.name === 'string' && typeof f.expr === 'string') : [];
}
