// The Perf page's locked state: the server keeps /api/perf operator-only (issue #16 item 10). A 401
// asks for the API key; a 403 means the server has no usable key, so only the config can open it.
import { h } from '../../lib/dom.js';
import { operatorKey, setOperatorKey } from '../../lib/operator-key.js';

/** lockedPanel explains why the figures are hidden; on 401 a key form calls retry() after storing the key. */
export function lockedPanel(status, retry) {
  const title = h('h2', { id: 'perfLockedTitle' }, 'Operator-only');
  if (status === 403) {
    return h('section', { class: 'card perf-locked', id: 'perfLocked', 'aria-labelledby': 'perfLockedTitle', dataset: { reason: 'disabled' } }, title,
      h('p', null, 'This server keeps its performance figures private and has no usable API key configured. ',
        'Set a strong apiKey in config.json to unlock them with that key, or set operator.publicPerf to true to show them to everyone.'));
  }
  const tried = operatorKey() !== '';
  const input = h('input', { type: 'password', id: 'perfKeyInput', autocomplete: 'off', required: true, 'aria-describedby': 'perfLockedMsg' });
  const msg = h('p', { id: 'perfLockedMsg', class: tried ? 'error-text' : 'muted', role: 'status' },
    tried ? 'Wrong API key.' : 'Performance figures are operator-only. Enter the server\'s API key (apiKey in config.json), or set operator.publicPerf to true in the config to show them to everyone.');
  const form = h('form', { class: 'perf-reset-form', id: 'perfUnlockForm' },
    h('label', { for: 'perfKeyInput' }, 'API key'), input,
    h('div', { class: 'toolbar' }, h('button', { type: 'submit', class: 'primary', id: 'perfUnlock' }, 'Unlock')));
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    if (!input.value.trim()) { input.focus(); return; }
    setOperatorKey(input.value);
    retry();
  });
  return h('section', { class: 'card perf-locked', id: 'perfLocked', 'aria-labelledby': 'perfLockedTitle', dataset: { reason: 'key' } }, title, msg, form);
}
