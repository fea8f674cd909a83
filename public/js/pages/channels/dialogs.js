// Channel dialogs: add a hashtag channel or a 32-hex key (stored in this browser only), share a
// channel as QR code + key. No key is ever sent to the server.
import { h, replace } from '../../lib/dom.js';
import { load, save } from '../../lib/store.js';
import { makeUserChannel, shareURL } from '../../logic/chat.js';
import { bytesToHex } from '../../logic/channel-crypto.js';
import { qrCode, copyText } from '../../components/qr.js';
import { knownChannels } from './known.js';
import { scanButton } from './qr-scan.js';
import { parseChannelLink } from '../../logic/channel-link.js';

/** STORE_KEY is where user channel keys live (this browser only). */
export const STORE_KEY = 'corescope_channel_keys';

/** userChannels returns the stored channel records. */
export function userChannels() {
  const v = load(STORE_KEY, []);
  return Array.isArray(v) ? v.filter((c) => c && typeof c.id === 'string' && typeof c.keyHex === 'string') : [];
}

/** saveUserChannels persists the records. */
export function saveUserChannels(list) {
  save(STORE_KEY, list);
}

function modal(id, title, ...body) {
  const dlg = h('dialog', { class: 'modal', id, 'aria-labelledby': `${id}Title` }, h('h2', { id: `${id}Title` }, title), ...body);
  document.body.append(dlg);
  const close = () => { if (dlg.open) dlg.close(); dlg.remove(); };
  dlg.addEventListener('close', () => dlg.remove());
  return { dlg, close };
}

/**
 * openAddDialog asks for a hashtag or key, or offers the known-channels catalogue; onAdd(record)
 * receives the validated record. have(id) tells which records are already stored.
 */
export function openAddDialog(onAdd, have = () => false) {
  const kind = { value: 'hashtag' };
  const tabs = h('div', { class: 'seg', role: 'radiogroup', 'aria-label': 'Channel type' });
  const nameIn = h('input', { type: 'text', id: 'chAddName', placeholder: '#channel-name', autocomplete: 'off', spellcheck: 'false' });
  const keyIn = h('input', { type: 'text', id: 'chAddKey', placeholder: '32 hex characters', autocomplete: 'off', spellcheck: 'false', class: 'mono' });
  const labelIn = h('input', { type: 'text', id: 'chAddLabel', placeholder: 'Name shown in the list (optional)', autocomplete: 'off' });
  const gen = h('button', { type: 'button', id: 'chGenKey' }, 'Generate random key');
  const err = h('p', { class: 'error-text', role: 'alert', id: 'chAddError' });
  const hashPane = h('div', { class: 'ch-add-pane' }, h('label', { for: 'chAddName' }, 'Hashtag channel'), nameIn,
    h('p', { class: 'muted small' }, 'The key is derived from the name (SHA-256 of "#name"); names are case-sensitive.'));
  const fromLink = (link) => { keyIn.value = link.keyHex; if (link.name) labelIn.value = link.name; err.textContent = ''; };
  const scan = scanButton((link) => { fromLink(link); submit.focus(); }, (msg) => { err.textContent = msg; });
  // A pasted meshcore://channel/add link (the text of a channel QR code) fills key and label.
  keyIn.addEventListener('input', () => { const link = parseChannelLink(keyIn.value); if (link) fromLink(link); });
  const keyPane = h('div', { class: 'ch-add-pane hidden' }, h('label', { for: 'chAddKey' }, 'Channel key'), keyIn,
    h('p', { class: 'muted small' }, '32 hex characters, or paste a meshcore://channel/add link.'),
    h('label', { for: 'chAddLabel' }, 'Label'), labelIn, h('div', { class: 'toolbar' }, gen, scan.el));
  const setKind = (k) => {
    kind.value = k;
    for (const b of tabs.children) b.setAttribute('aria-checked', String(b.dataset.kind === k));
    hashPane.classList.toggle('hidden', k !== 'hashtag');
    keyPane.classList.toggle('hidden', k !== 'key');
    (k === 'hashtag' ? nameIn : keyIn).focus();
  };
  for (const [k, l] of [['hashtag', 'Hashtag'], ['key', 'Private key']]) {
    tabs.append(h('button', { type: 'button', role: 'radio', 'aria-checked': String(k === 'hashtag'), dataset: { kind: k }, onclick: () => setKind(k) }, l));
  }
  gen.addEventListener('click', () => { keyIn.value = bytesToHex(crypto.getRandomValues(new Uint8Array(16))); });
  const submit = h('button', { type: 'submit', class: 'primary', id: 'chAddSubmit' }, 'Add channel');
  const cancel = h('button', { type: 'button' }, 'Cancel');
  const form = h('form', { method: 'dialog' }, tabs, hashPane, keyPane, err,
    h('p', { class: 'ch-warn small' }, 'Saved in THIS browser only. The key never leaves your device: packets are fetched and decrypted locally.'),
    h('div', { class: 'toolbar' }, submit, cancel));
  const ctrl = new AbortController();
  const known = knownChannels({ have, signal: ctrl.signal, onPick: (rec) => { close(); onAdd(rec); } });
  const { dlg, close } = modal('chAddDialog', 'Add a channel', form, known);
  dlg.addEventListener('close', () => { ctrl.abort(); scan.stop(); });
  cancel.addEventListener('click', close);
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    try {
      const rec = makeUserChannel({ kind: kind.value, name: nameIn.value, key: keyIn.value, label: labelIn.value });
      close();
      onAdd(rec);
    } catch (ex) { err.textContent = ex.message; }
  });
  dlg.showModal();
  nameIn.focus();
}

/** openShareDialog shows the channel QR and key. */
export function openShareDialog(c) {
  const qrBox = h('div', { class: 'qr-box' }, 'Loading QR…');
  const copy = h('button', { type: 'button' }, 'Copy key');
  copy.addEventListener('click', () => copyText(c.keyHex, copy));
  const done = h('button', { type: 'button', class: 'primary' }, 'Done');
  const { dlg, close } = modal('chShareDialog', `Share ${c.name}`, qrBox,
    h('code', { class: 'pubkey mono' }, c.keyHex), h('div', { class: 'toolbar' }, copy, done),
    h('p', { class: 'muted small' }, 'Anyone with this key can read the channel.'));
  done.addEventListener('click', close);
  qrCode(shareURL(c), `QR code for channel ${c.name}`, 200).then((q) => replace(qrBox, q));
  dlg.showModal();
  done.focus();
}
