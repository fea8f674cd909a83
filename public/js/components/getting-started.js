// Getting-started panel: shown on an instance that has never stored a packet, it says where
// observers publish (this instance's broker and topic), gives a mosquitto_pub line to test the
// pipeline, and points at the demo. It removes itself when the first packet arrives.
import { h, replace, clear } from '../lib/dom.js';
import { getJSON, isAbort } from '../lib/api.js';
import { subscribe } from '../lib/ws.js';

/** brokerAddress names the broker observers should publish to, from a /api/config/client mqtt hint. */
export function brokerAddress(hint, pageHost) {
  const scheme = hint.scheme === 'tcp' ? 'mqtt' : hint.scheme;
  if (!hint.local) return { text: `the broker of source “${hint.name}” (${scheme}, port ${hint.port})`, host: null };
  return { text: `${scheme}://${pageHost}:${hint.port}`, host: pageHost };
}

/** testTrace is a minimal valid MeshCore TRACE packet with a random tag, so each test publish is a new transmission. */
export function testTrace(rand = () => Math.floor(Math.random() * 256)) {
  const tag = Array.from({ length: 4 }, () => rand().toString(16).padStart(2, '0')).join('');
  return `2600${tag}0000000027`.toUpperCase();
}

/** publishLine is the shell command that publishes one test packet as an observer would. */
export function publishLine(hint, host) {
  const topic = `${hint.topicPrefix || 'meshcore'}/TST/TESTOBSERVER/packets`;
  const payload = JSON.stringify({ origin: 'CoreScope test', raw: testTrace(), SNR: '8.5', RSSI: '-90' });
  return `mosquitto_pub -h ${host} -p ${hint.port} -q 1 -t '${topic}' -m '${payload}'`;
}

function panel(hints) {
  const host = location.hostname || 'localhost';
  const first = hints[0] || { name: 'local', scheme: 'mqtt', port: 1883, local: true, topicPrefix: 'meshcore' };
  const prefix = first.topicPrefix || 'meshcore';
  const broker = brokerAddress(first, host);
  const items = [
    h('li', null, 'Point each observer’s MQTT uploader at ', h('code', { class: 'gs-broker' }, broker.text),
      hints.length > 1 ? ` (or one of the other ${hints.length - 1} configured brokers)` : '', '.'),
    h('li', null, 'Publish packets to ', h('code', { class: 'gs-topic' }, `${prefix}/<IATA>/<OBSERVER_PUBKEY>/packets`),
      ' and status to ', h('code', null, `${prefix}/<IATA>/<OBSERVER_PUBKEY>/status`), ' (IATA: your region’s airport code, e.g. SJC).'),
  ];
  if (broker.host) {
    items.push(h('li', null, 'Test the pipeline with one packet:',
      h('pre', { class: 'gs-cmd', tabindex: '0', 'aria-label': 'Test command' }, h('code', null, publishLine(first, broker.host)))));
  }
  items.push(h('li', null, 'No radio yet? Run ', h('code', null, './manage.sh demo'), ' to watch a simulated mesh.'));
  return h('section', { class: 'card getting-started', id: 'gettingStarted', 'aria-labelledby': 'gsHeading' },
    h('h2', { id: 'gsHeading' }, 'Waiting for the first packet'),
    h('p', { class: 'muted' }, 'This CoreScope has not stored any packets yet. To get data flowing:'),
    h('ol', null, items));
}

/**
 * mountGettingStarted fills slot with the panel when the instance has stored no packet, and empties
 * it when the first packet arrives over the WebSocket. onChange(shown) tells the page (to adjust its
 * own empty text). Stops listening when signal aborts.
 */
export async function mountGettingStarted(slot, { signal, onChange = () => {} } = {}) {
  let unsub = () => {};
  signal?.addEventListener('abort', () => unsub(), { once: true });
  try {
    // /api/packets, not /api/stats: the stats answer is cached for seconds and would bring the panel
    // back on a reload just after the first packet.
    const [latest, cfg] = await Promise.all([getJSON('/packets', { limit: 1 }, { signal, quiet: true }),
      getJSON('/config/client', null, { signal, quiet: true })]);
    if ((latest.total ?? latest.packets?.length ?? 0) > 0 || signal?.aborted) return;
    replace(slot, panel(Array.isArray(cfg.mqtt) ? cfg.mqtt : []));
    onChange(true);
    unsub = subscribe('packet', () => { unsub(); clear(slot); onChange(false); });
  } catch (e) { if (!isAbort(e)) console.warn('getting started', e); }
}
