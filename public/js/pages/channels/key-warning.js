// The notice shown in a browser-local channel whose key opened none of the packets addressed to its
// channel hash (logic/key-check.js decides; WRONG_KEY_AFTER is the threshold). It is a plain list item:
// the message list is already a polite live region, and a list may only hold list items.
import { h } from '../../lib/dom.js';
import { fmtNum } from '../../lib/format.js';
import { WRONG_KEY_AFTER } from '../../logic/key-check.js';

/** keyWarning returns an li for the message list when the verdict says the key is wrong, else null. */
export function keyWarning(rec, verdict) {
  if (!verdict?.wrong) return null;
  const n = fmtNum(verdict.undecryptable);
  const advice = rec.kind === 'hashtag'
    ? 'Hashtag names are case-sensitive: check the spelling with the people who use this channel.'
    : 'Check the key with whoever shared it, or scan their QR code again.';
  return h('li', { class: 'ch-key-warning', id: 'chKeyWarning', dataset: { undecryptable: String(verdict.undecryptable) } },
    h('strong', null, 'This key looks wrong. '),
    `${n} messages were sent to this channel's hash, and the key decrypted none of them (a key is reported after ${WRONG_KEY_AFTER}). `,
    advice);
}
