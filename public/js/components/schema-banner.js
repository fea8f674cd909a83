// Banner shown while the server waits for the ingestor to migrate the database: it repeats the
// server's message (what to run) and goes away by itself once an API answer succeeds.
import { h } from '../lib/dom.js';

/** mountSchemaBanner inserts the (hidden) banner before main and follows lib/api.js's schema-wait events. */
export function mountSchemaBanner(main) {
  const text = h('p', { class: 'schema-banner-text' });
  const box = h('div', { id: 'schemaBanner', class: 'schema-banner hidden', role: 'alert' },
    h('strong', null, 'Waiting for the database'), text);
  main.before(box);
  window.addEventListener('corescope:schema-wait', (e) => {
    text.textContent = e.detail || '';
    box.classList.toggle('hidden', !e.detail);
  });
}
