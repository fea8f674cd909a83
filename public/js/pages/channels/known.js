// Known channels in the "add channel" dialog: the server's catalogue (/api/known-channels), filterable,
// each entry added with one click. A "#name" entry's key is derived here from the name; an entry
// with a key carries it as base64. Catalogue text reaches the DOM only through textContent.
import { h, replace } from '../../lib/dom.js';
import { getJSON } from '../../lib/api.js';
import { makeUserChannel } from '../../logic/chat.js';
import { bytesToHex } from '../../logic/channel-crypto.js';

/** entryRecord turns a catalogue entry into a stored channel record (throws on a bad entry). */
export function entryRecord(e) {
  if (e.key) {
    const raw = atob(String(e.key));
    const hex = bytesToHex(Uint8Array.from(raw, (c) => c.charCodeAt(0)));
    return makeUserChannel({ kind: 'key', key: hex, label: e.channel });
  }
  return makeUserChannel({ kind: 'hashtag', name: e.channel });
}

const regionLabel = (e) => (e.region ? (e.regionName || e.region.toUpperCase()) : 'Worldwide');

/**
 * knownChannels builds the catalogue section. have(id) tells whether a record id is already stored;
 * onPick(record) adds one. Returns the section element; the list fills in when the API answers.
 */
export function knownChannels({ have, onPick, signal }) {
  const filter = h('input', { type: 'search', id: 'chKnownFilter', placeholder: 'Filter by name, description or region', 'aria-label': 'Filter known channels', autocomplete: 'off' });
  const list = h('ul', { id: 'chKnownList', class: 'ch-known-list', 'aria-label': 'Known channels' }, h('li', { class: 'muted' }, 'Loading…'));
  const note = h('p', { class: 'muted small', id: 'chKnownSource' });
  const err = h('p', { class: 'error-text small', role: 'alert' });
  let entries = [];
  const row = (e) => {
    let rec = null;
    try { rec = entryRecord(e); } catch { return null; }
    const added = have(rec.id);
    const btn = h('button', { type: 'button', class: 'ch-known-add', disabled: added, 'aria-label': `Add ${e.channel}`,
      onclick: () => { try { onPick(rec); } catch (ex) { err.textContent = ex.message; } } }, added ? 'Added' : 'Add');
    return h('li', { class: 'ch-known-item', dataset: { channel: e.channel, region: e.region || '' } },
      h('div', { class: 'ch-known-text' },
        h('span', { class: 'ch-known-name' }, e.channel), ' ', h('span', { class: 'badge ch-known-region' }, regionLabel(e)),
        e.key ? h('span', { class: 'badge' }, 'key') : null,
        e.description ? h('span', { class: 'ch-known-desc muted small' }, e.description) : null),
      btn);
  };
  const render = () => {
    const q = filter.value.trim().toLowerCase();
    const shown = entries.filter((e) => !q || [e.channel, e.description, e.region, e.regionName].some((x) => String(x || '').toLowerCase().includes(q)));
    const rows = shown.map(row).filter(Boolean);
    replace(list, rows.length ? rows : h('li', { class: 'muted' }, entries.length ? 'No known channel matches.' : 'No known channels listed.'));
  };
  filter.addEventListener('input', render);
  getJSON('/known-channels', null, { signal, quiet: true }).then((r) => {
    entries = Array.isArray(r?.entries) ? r.entries : [];
    note.textContent = r?.source === 'bundled' ? 'List bundled with CoreScope.'
      : `From ${r?.source || 'the configured catalogue'}${r?.stale ? ' (could not refresh; showing the last copy)' : ''}.`;
    render();
  }).catch(() => replace(list, h('li', { class: 'muted' }, 'Known channels unavailable.')));
  return h('section', { class: 'ch-known', 'aria-labelledby': 'chKnownTitle' }, h('h3', { id: 'chKnownTitle' }, 'Known channels'),
    filter, list, err, note);
}
