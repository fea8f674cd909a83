// Multi-select dropdown: a <details> with a checkbox list, summary "Label: All / name / N selected".
import { h, clear } from '../lib/dom.js';

/**
 * createMultiSelect builds the control. options: [{value, label}]; onChange(values[]) fires on every toggle.
 * @returns {{el:HTMLElement, setOptions(options:object[]):void, getValues():string[], setValues(v:string[]):void, destroy():void}}
 */
export function createMultiSelect({ id, label, options = [], values = [], onChange, allLabel = 'All' }) {
  let opts = options;
  let sel = new Set(values.map(String));
  const summary = h('summary', { class: 'btn ms-summary' });
  const list = h('div', { class: 'ms-list', role: 'group', 'aria-label': label });
  const el = h('details', { class: 'ms', id }, summary, list);
  const sumText = () => {
    const picked = opts.filter((o) => sel.has(String(o.value)));
    const extra = [...sel].filter((v) => !opts.some((o) => String(o.value) === v));
    const n = picked.length + extra.length;
    summary.textContent = `${label}: ${n === 0 ? allLabel : n === 1 ? (picked[0]?.label || extra[0]) : `${n} selected`}`;
    summary.classList.toggle('ms-active', n > 0);
  };
  const render = () => {
    clear(list);
    if (!opts.length) list.append(h('p', { class: 'muted' }, 'Nothing to choose'));
    if (sel.size) {
      list.append(h('button', { type: 'button', class: 'link-btn ms-clear', onclick: () => { sel.clear(); render(); onChange([]); } }, 'Clear'));
    }
    for (const o of opts) {
      const v = String(o.value);
      list.append(h('label', { class: 'ms-item' },
        h('input', { type: 'checkbox', value: v, checked: sel.has(v), dataset: { value: v },
          onchange: (e) => { if (e.target.checked) sel.add(v); else sel.delete(v); sumText(); onChange([...sel]); } }),
        h('span', null, o.label)));
    }
    sumText();
  };
  el.addEventListener('keydown', (e) => { if (e.key === 'Escape' && el.open) { e.stopPropagation(); el.open = false; summary.focus(); } });
  const onDoc = (e) => { if (el.open && !el.contains(e.target)) el.open = false; };
  document.addEventListener('click', onDoc);
  render();
  return {
    el,
    setOptions(o) { opts = o; render(); },
    getValues: () => [...sel],
    setValues(v) { sel = new Set(v.map(String)); render(); },
    destroy() { document.removeEventListener('click', onDoc); },
  };
}
