// Theme customizer: a slide-out panel (header button) editing this browser's overrides — branding,
// colours for the current light/dark mode, home-page text, which nav items show, a colour-blind
// simulation — with export/import as theme.json (the file operators drop next to config.json).
import { h, replace } from '../lib/dom.js';
import { COLOR_TOKENS, CB_PRESETS, loadOverrides, saveOverrides, sanitizeOverrides, exportable, effectiveTheme, fetchServerTheme } from '../lib/theme-config.js';

const CB_LABELS = { '': 'None', protanopia: 'Protanopia (no red cones)', deuteranopia: 'Deuteranopia (no green cones)',
  tritanopia: 'Tritanopia (no blue cones)', achromatopsia: 'Achromatopsia (no colour)' };

/** cssHex reads a custom property as #rrggbb for an <input type=color> (#rgb expanded). */
function cssHex(prop) {
  const v = getComputedStyle(document.documentElement).getPropertyValue(prop).trim();
  if (/^#[0-9a-f]{6}$/i.test(v)) return v.toLowerCase();
  if (/^#[0-9a-f]{3}$/i.test(v)) return `#${[...v.slice(1)].map((c) => c + c).join('')}`.toLowerCase();
  return '#000000';
}

function textRow(id, label, value, placeholder, onChange, type = 'text') {
  const input = h('input', { type, id, value: value || '', placeholder: placeholder || '', autocomplete: 'off', maxlength: '200' });
  input.addEventListener('change', () => onChange(input.value.trim()));
  return h('div', { class: 'cust-row' }, h('label', { for: id }, label), input);
}

/** buildPanel renders the panel's fields from the current overrides; rerender after import/reset. */
function buildPanel(panel, status, close) {
  const o = loadOverrides();
  const t = effectiveTheme() || {};
  const dark = document.documentElement.dataset.theme === 'dark';
  const modeKey = dark ? 'themeDark' : 'theme';
  const update = (fn, msg) => { const next = loadOverrides(); fn(next); saveOverrides(next); status.textContent = msg; };
  const setText = (sec, key) => (v) => update((n) => {
    n[sec] ||= {};
    if (v) n[sec][key] = v; else delete n[sec][key];
    if (!Object.keys(n[sec]).length) delete n[sec];
  }, 'Saved in this browser.');
  const setUrl = (sec, key) => (v) => {
    const { errors } = sanitizeOverrides({ [sec]: { [key]: v } });
    if (errors.length) { status.textContent = errors.join('; '); return; }
    setText(sec, key)(v);
  };
  const branding = h('fieldset', null, h('legend', null, 'Branding'),
    textRow('custSiteName', 'Site name', o.branding?.siteName, t.branding?.siteName || 'CoreScope', setText('branding', 'siteName')),
    textRow('custTagline', 'Tagline', o.branding?.tagline, t.branding?.tagline, setText('branding', 'tagline')),
    textRow('custLogo', 'Logo URL', o.branding?.logoUrl, 'https://… or /path.svg', setUrl('branding', 'logoUrl'), 'url'));
  const colours = h('fieldset', null, h('legend', null, `Colours (${dark ? 'dark' : 'light'} mode)`),
    COLOR_TOKENS.map(([key, prop, label]) => {
      const id = `custColor-${key}`;
      const input = h('input', { type: 'color', id, value: o[modeKey]?.[key] || cssHex(prop), dataset: { token: key } });
      input.addEventListener('input', () => update((n) => { (n[modeKey] ||= {})[key] = input.value.toLowerCase(); }, `${label} changed.`));
      return h('div', { class: 'cust-row' }, h('label', { for: id }, label), input);
    }),
    h('div', { class: 'cust-actions' }, h('button', { type: 'button', id: 'custResetColors', onclick: () => {
      update((n) => { delete n[modeKey]; }, `Colours for ${dark ? 'dark' : 'light'} mode reset.`);
      buildPanel(panel, status, close);
    } }, 'Reset colours')));
  const cbSel = h('select', { id: 'custColorBlind' }, Object.keys({ '': 1, ...CB_PRESETS }).map((k) => h('option', { value: k, selected: (o.colorBlind || '') === k }, CB_LABELS[k])));
  cbSel.addEventListener('change', () => update((n) => { if (cbSel.value) n.colorBlind = cbSel.value; else delete n.colorBlind; },
    cbSel.value ? `Simulating ${CB_LABELS[cbSel.value]}.` : 'Simulation off.'));
  const cb = h('fieldset', null, h('legend', null, 'Colour-blind simulation'),
    h('div', { class: 'cust-row' }, h('label', { for: 'custColorBlind' }, 'Preview the page as seen with'), cbSel),
    h('p', { class: 'muted small' }, 'A preview for checking your colours; it is not exported.'));
  const home = h('fieldset', null, h('legend', null, 'Home page'),
    textRow('custHeroTitle', 'Title', o.home?.heroTitle, t.home?.heroTitle, setText('home', 'heroTitle')),
    textRow('custHeroSubtitle', 'Subtitle', o.home?.heroSubtitle, t.home?.heroSubtitle, setText('home', 'heroSubtitle')));
  const hidden = new Set(t.nav?.hidden || []);
  const nav = h('fieldset', null, h('legend', null, 'Navigation items'),
    h('div', { class: 'cust-nav' }, [...document.querySelectorAll('#navLinks a[data-nav]')].map((a) => {
      const key = a.dataset.nav;
      const box = h('input', { type: 'checkbox', id: `custNav-${key}`, checked: !hidden.has(key), disabled: key === 'home' });
      box.addEventListener('change', () => update((n) => {
        const set = new Set(effectiveTheme()?.nav?.hidden || n.nav?.hidden || []);
        if (box.checked) set.delete(key); else set.add(key);
        n.nav = { hidden: [...set] };
      }, `${a.textContent} ${box.checked ? 'shown' : 'hidden'}.`));
      return h('label', { for: `custNav-${key}` }, box, ` ${a.textContent}`);
    })));
  const file = h('input', { type: 'file', id: 'custImportFile', accept: 'application/json,.json', class: 'hidden' });
  file.addEventListener('change', async () => {
    const f = file.files?.[0];
    if (!f) return;
    let raw;
    try { raw = JSON.parse(await f.text()); } catch { status.textContent = `${f.name} is not valid JSON.`; return; }
    const { value, errors } = sanitizeOverrides(raw);
    saveOverrides({ ...value, ...(loadOverrides().colorBlind ? { colorBlind: loadOverrides().colorBlind } : {}) });
    buildPanel(panel, status, close);
    status.textContent = errors.length ? `Imported ${f.name}, skipped: ${errors.join('; ')}` : `Imported ${f.name}.`;
  });
  const actions = h('div', { class: 'cust-actions' },
    h('button', { type: 'button', id: 'custExport', onclick: () => {
      const blob = new Blob([`${JSON.stringify(exportable(loadOverrides()), null, 2)}\n`], { type: 'application/json' });
      const a = h('a', { href: URL.createObjectURL(blob), download: 'corescope-theme.json' });
      document.body.append(a);
      a.click();
      setTimeout(() => { URL.revokeObjectURL(a.href); a.remove(); }, 1000);
      status.textContent = 'Exported corescope-theme.json. Operators can save it as theme.json next to config.json.';
    } }, 'Export theme.json'),
    h('button', { type: 'button', id: 'custImport', onclick: () => file.click() }, 'Import theme.json'), file,
    h('button', { type: 'button', class: 'danger', id: 'custResetAll', onclick: () => {
      saveOverrides({});
      buildPanel(panel, status, close);
      status.textContent = 'All customizations removed.';
    } }, 'Reset all'));
  replace(panel.querySelector('.cust-body'), h('p', { class: 'muted small' }, 'Changes apply at once and are saved in this browser only.'),
    branding, colours, cb, home, nav, actions);
}

/** mountCustomizer adds the header button that opens the panel, before the element `before`. */
export function mountCustomizer(before) {
  const btn = h('button', { type: 'button', class: 'icon-btn', id: 'custBtn', 'aria-label': 'Customize theme', title: 'Customize theme', 'aria-expanded': 'false', 'aria-controls': 'custPanel' },
    h('span', { 'aria-hidden': 'true' }, 'Aa'));
  let panel = null;
  const close = () => {
    if (!panel) return;
    panel.remove();
    panel = null;
    btn.setAttribute('aria-expanded', 'false');
    window.removeEventListener('theme-refresh', rebuild);
    document.removeEventListener('keydown', onKey);
    btn.focus();
  };
  const status = h('p', { class: 'cust-status', role: 'status', id: 'custStatus' });
  const rebuild = () => { if (panel) buildPanel(panel, status, close); };
  // Escape closes the panel wherever focus is (it is not modal: the page stays usable beside it).
  const onKey = (e) => { if (e.key === 'Escape' && !document.querySelector('dialog[open], .search-overlay')) close(); };
  const open = async () => {
    if (panel) { close(); return; }
    panel = h('aside', { class: 'cust-panel', id: 'custPanel', role: 'dialog', 'aria-labelledby': 'custTitle' },
      h('div', { class: 'cust-head' }, h('h2', { id: 'custTitle', tabindex: '-1' }, 'Customize'),
        h('button', { type: 'button', id: 'custClose', 'aria-label': 'Close customizer', onclick: close }, 'Close')),
      status, h('div', { class: 'cust-body' }, h('p', { class: 'muted' }, 'Loading…')));
    document.body.append(panel);
    btn.setAttribute('aria-expanded', 'true');
    document.addEventListener('keydown', onKey);
    status.textContent = '';
    await fetchServerTheme();
    if (!panel) return;
    buildPanel(panel, status, close);
    panel.dataset.ready = 'true';
    window.addEventListener('theme-refresh', rebuild);
    panel.querySelector('#custTitle').focus();
  };
  btn.addEventListener('click', open);
  before.before(btn);
  return btn;
}
