// Packet-filter input: debounced compile, error line, help popover, saved filters, field autocomplete.
import { h, clear } from '../lib/dom.js';
import { compileFilter, FILTER_FIELDS, BUILTIN_FILTERS } from '../logic/filter.js';
import { suggestFor, FILTER_OPS } from '../logic/filter-suggest.js';
import { KEYS, load, save } from '../lib/store.js';

const OPS = FILTER_OPS;

/**
 * createFilterInput builds the expression box. onChange(compiled, text) fires 300 ms after typing stops
 * (and immediately for saved-filter picks); fields() adds dynamic field names (payload.* keys) to autocomplete. Returns {el, setText, getText, compiled}.
 */
export function createFilterInput({ value = '', onChange, fields = () => [] }) {
  const extraFields = fields;
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
  let sugg = { items: [], start: 0, end: 0 };
  let activeIdx = -1;
  const hideSuggest = () => { suggest.classList.add('hidden'); input.setAttribute('aria-expanded', 'false'); input.removeAttribute('aria-activedescendant'); activeIdx = -1; };
  const markActive = () => {
    [...suggest.children].forEach((li, i) => li.setAttribute('aria-selected', String(i === activeIdx)));
    if (activeIdx >= 0) input.setAttribute('aria-activedescendant', `fs-${activeIdx}`); else input.removeAttribute('aria-activedescendant');
  };
  const showSuggest = () => {
    sugg = suggestFor(input.value, input.selectionStart ?? input.value.length, extraFields());
    clear(suggest);
    activeIdx = -1;
    if (!sugg.items.length) { hideSuggest(); return; }
    sugg.items.forEach((s, i) => suggest.append(h('li', { role: 'option', id: `fs-${i}`, 'aria-selected': 'false',
      onmousedown: (e) => { e.preventDefault(); accept(s); } }, s)));
    suggest.classList.remove('hidden');
    input.setAttribute('aria-expanded', 'true');
  };
  const accept = (s) => {
    input.value = `${input.value.slice(0, sugg.start)}${s} ${input.value.slice(sugg.end).replace(/^ /, '')}`;
    const caret = sugg.start + s.length + 1;
    input.setSelectionRange(caret, caret);
    hideSuggest();
    input.focus();
    clearTimeout(timer);
    timer = setTimeout(apply, 300);
  };
  input.addEventListener('input', () => { clearTimeout(timer); timer = setTimeout(apply, 300); showSuggest(); });
  input.addEventListener('keydown', (e) => {
    const open = !suggest.classList.contains('hidden') && sugg.items.length > 0;
    if (open && (e.key === 'ArrowDown' || e.key === 'ArrowUp')) {
      e.preventDefault();
      activeIdx = (activeIdx + (e.key === 'ArrowDown' ? 1 : -1) + sugg.items.length) % sugg.items.length;
      markActive();
    } else if (open && e.key === 'Tab') {
      e.preventDefault();
      accept(sugg.items[Math.max(0, activeIdx)]);
    } else if (e.key === 'Escape' && open) { e.stopPropagation(); hideSuggest(); } else if (e.key === 'Enter') {
      if (open && activeIdx >= 0) { e.preventDefault(); accept(sugg.items[activeIdx]); return; }
      clearTimeout(timer); hideSuggest(); apply();
    }
  });
  input.addEventListener('blur', hideSuggest);
  saved.addEventListener('change', () => {
    if (!saved.value) return;
    input.value = saved.value;
    saved.value = '';
    apply();
  });
  // Saving asks for a name inline (no browser prompt dialog).
  const nameIn = h('input', { type: 'text', id: 'filterSaveName', 'aria-label': 'Name for this filter', placeholder: 'Filter name', size: 18 });
  const saveMsg = h('span', { class: 'muted', role: 'status' });
  const saveBox = h('details', { class: 'filter-save' }, h('summary', { class: 'btn' }, 'Save'),
    h('div', { class: 'filter-help-body card filter-save-body' },
      h('form', { onsubmit: (e) => {
        e.preventDefault();
        const expr = input.value.trim();
        const name = nameIn.value.trim() || expr;
        if (!expr || compiled.error) { saveMsg.textContent = 'Enter a valid expression first.'; return; }
        save(KEYS.savedFilters, [...userFilters().filter((f) => f.name !== name), { name, expr }]);
        fillSaved();
        saveMsg.textContent = `Saved "${name}".`;
        nameIn.value = '';
        setTimeout(() => { saveBox.open = false; saveMsg.textContent = ''; }, 900);
      } }, h('label', { for: 'filterSaveName' }, 'Save the current expression as'), ' ', nameIn, ' ',
      h('button', { type: 'submit', class: 'primary' }, 'Save filter'), ' ', saveMsg)));
  // The toggle event arrives as a later task: never overwrite a name typed in the meantime.
  saveBox.addEventListener('toggle', () => {
    if (!saveBox.open) nameIn.value = '';
    else if (!nameIn.value) { nameIn.value = input.value.trim(); nameIn.select(); }
  });
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
    h('div', { class: 'filter-row' }, h('div', { class: 'filter-box' }, input, suggest), saved, saveBox, help), err);
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
