// Reset-stats dialog: asks for the server API key and POSTs /api/perf/reset with X-API-Key.
// The key is shared with the operator-only reads (lib/operator-key.js): memory only, never persisted.
import { h, toast } from '../../lib/dom.js';
import { operatorKey, setOperatorKey } from '../../lib/operator-key.js';

/** resetPerf posts the reset with the key; resolves to {ok, status, error}. */
export async function resetPerf(key) {
  const res = await fetch('/api/perf/reset', { method: 'POST', headers: { 'X-API-Key': key, 'Content-Type': 'application/json' }, body: '{}' });
  const body = await res.json().catch(() => null);
  return { ok: res.ok, status: res.status, error: body && body.error ? String(body.error) : `HTTP ${res.status}` };
}

/** openResetDialog shows a modal key prompt; onDone runs after a successful reset. */
export function openResetDialog(opener, onDone) {
  const input = h('input', { type: 'password', id: 'perfApiKey', autocomplete: 'off', required: true, value: operatorKey(), 'aria-describedby': 'perfResetMsg' });
  const msg = h('p', { id: 'perfResetMsg', class: 'muted', role: 'status' }, 'Clears request counters, endpoint timings and the slow-request log. Needs the apiKey from the server config.');
  const submit = h('button', { type: 'submit', class: 'primary', id: 'perfResetGo' }, 'Reset');
  const cancel = h('button', { type: 'button', value: 'cancel' }, 'Cancel');
  const form = h('form', { method: 'dialog', class: 'perf-reset-form' },
    h('h2', null, 'Reset performance stats'), msg,
    h('label', { for: 'perfApiKey' }, 'API key'), input,
    h('div', { class: 'toolbar' }, submit, cancel));
  const dlg = h('dialog', { class: 'modal', id: 'perfResetDialog', 'aria-labelledby': 'perfResetTitle' }, form);
  form.querySelector('h2').id = 'perfResetTitle';
  document.body.append(dlg);
  const close = () => { dlg.close(); dlg.remove(); if (opener && opener.isConnected) opener.focus(); };
  cancel.addEventListener('click', close);
  dlg.addEventListener('cancel', (e) => { e.preventDefault(); close(); });
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    const key = input.value.trim();
    if (!key) { input.focus(); return; }
    submit.disabled = true;
    msg.className = 'muted';
    msg.textContent = 'Resetting…';
    try {
      const r = await resetPerf(key);
      if (r.ok) {
        setOperatorKey(key);
        close();
        toast('Performance stats reset');
        onDone();
        return;
      }
      msg.className = 'error-text';
      msg.textContent = r.status === 401 ? 'Wrong API key.' : r.status === 403 ? `Refused: ${r.error}` : `Reset failed: ${r.error}`;
    } catch (err) {
      msg.className = 'error-text';
      msg.textContent = `Reset failed: ${err.message}`;
    }
    submit.disabled = false;
    input.select();
  });
  dlg.showModal();
  input.focus();
}
