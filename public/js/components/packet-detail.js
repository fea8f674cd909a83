// Packet detail renderer shared by the packets pane and the standalone packet page (ui.md §1.4).
import { h, replace } from '../lib/dom.js';
import { absTime, timeAgo, fmtDec, fmtUnit, shortHash, toMs } from '../lib/format.js';
import { payloadName, routeName, isTransport, parseJSON, messageBody } from '../logic/payload.js';
import { pathHops, resolveHops } from '../logic/hops.js';
import { typeBadge, hopChips, scopeBadge } from './badges.js';
import { hexDumpPane } from './hexdump.js';
import { observationsSection } from './observations.js';
import { KEYS } from '../lib/store.js';
import { breakdown } from '../logic/bytes.js';
import { sortObservations } from '../logic/packet-rows.js';

/** summaryText returns a one-line semantic summary of a decoded payload. */
export function summaryText(row) {
  const d = typeof row.decoded_json === 'object' && row.decoded_json ? row.decoded_json : parseJSON(row.decoded_json, {}) || {};
  if (d.text) return `${d.channel ? `${d.channel} · ` : ''}${d.sender ? `${d.sender}: ` : ''}${messageBody(d.text, d.sender)}`;
  if (d.name) return `Advert: ${d.name}`;
  if (d.channelHashHex) return `Channel 0x${d.channelHashHex} (encrypted)`;
  if (d.destHash && d.srcHash) return `${String(d.srcHash).toUpperCase()} → ${String(d.destHash).toUpperCase()}`;
  if (d.destHash) return `→ ${String(d.destHash).toUpperCase()}`;
  if (d.error) return d.error;
  return '';
}

/**
 * renderPacketDetail fills el with the detail view of a /api/packets/{id} response.
 * opts: {obsId, nodes ({byKey, prefix}), hexOnly, onSelectObs(obsId), standalone}
 */
export function renderPacketDetail(el, resp, opts = {}) {
  const pkt = resp.packet || {};
  const observations = sortObservations(resp.observations && resp.observations.length ? resp.observations : (pkt.observations || []), 'time');
  let idx = observations.findIndex((o) => String(o.id) === String(opts.obsId));
  if (idx < 0) idx = 0;
  const obs = observations[idx] || null;
  const view = { ...pkt, ...(obs || {}), hash: pkt.hash || obs?.hash, decoded_json: pkt.decoded_json,
    payload_type: pkt.payload_type, route_type: pkt.route_type, raw_hex: obs?.raw_hex || pkt.raw_hex };
  const decoded = parseJSON(pkt.decoded_json, {}) || {};
  // Hops come from the shown observation's raw bytes so the badge, chips and hex dump agree (§3.12); the
  // server's resolved names apply only when its path_json is that same path.
  const reported = pathHops(view);
  const fromRaw = view.raw_hex ? breakdown(view.raw_hex) : null;
  const hops = fromRaw && !fromRaw.error && view.payload_type !== 9 ? fromRaw.hops : reported;
  const same = hops.length === reported.length && hops.every((x, i) => x === reported[i]);
  const resolved = same ? (Array.isArray(view.resolved_path) ? view.resolved_path : parseJSON(view.resolved_path, null)) : null;
  const rh = resolveHops(hops, resolved, opts.nodes?.prefix, opts.nodes?.byKey);
  const hash = view.hash || '';
  const times = observations.map((o) => toMs(o.timestamp)).filter((x) => x !== null);
  const spread = times.length > 1 ? (Math.max(...times) - Math.min(...times)) / 1000 : null;
  const observerIds = new Set(observations.map((o) => o.observer_id).filter(Boolean));

  const title = h('div', { class: 'detail-title' },
    typeBadge(view.payload_type, view.route_type), scopeBadge(pkt),
    h('span', { class: 'detail-summary' }, summaryText(view) || payloadName(view.payload_type)),
    h('span', { class: 'badge hop-badge' }, `${hops.length} hops`));
  const msg = payloadName(view.payload_type) === 'GRP_TXT' || decoded.type === 'CHAN'
    ? (decoded.text
      ? h('div', { class: 'msg-box' }, h('strong', null, decoded.sender || 'unknown'), ': ', messageBody(decoded.text, decoded.sender),
        decoded.channel ? h('div', { class: 'muted' }, `Channel ${decoded.channel}`) : null)
      : h('div', { class: 'msg-box muted' }, `🔒 Channel Hash 0x${decoded.channelHashHex || '??'} (no key / decryption failed)`))
    : null;
  const kv = [
    ['Hash', h('span', { class: 'mono' }, hash, observations.length > 1 ? h('span', { class: 'muted' }, ` (observation ${idx + 1} of ${observations.length})`) : null)],
    ['Payload type', `${payloadName(view.payload_type)} (${view.payload_type ?? '?'})`],
    ['Route', routeName(view.route_type)],
    'scope_name' in pkt ? ['Scope', scopeBadge(pkt)] : null,
    ['Path', h('span', null, hops.length ? `${hops.length} hops: ` : '', hopChips(rh, { hexOnly: opts.hexOnly }))],
    !same && reported.length ? ['Stored path', h('span', { class: 'mono muted', title: 'path_json recorded for this observation differs from its raw bytes' }, reported.join(' → '))] : null,
    ['Timestamp', h('span', { title: timeAgo(view.timestamp) }, absTime(view.timestamp || pkt.first_seen))],
    ['First seen', absTime(pkt.first_seen)],
    ['Observer', view.observer_id ? h('a', { href: `#/observers/${encodeURIComponent(view.observer_id)}` }, view.observer_name || view.observer_id) : '—',
      view.observer_iata ? h('span', { class: 'badge' }, view.observer_iata) : null],
    ['SNR / RSSI', `${fmtUnit(view.snr, 'dB')} / ${fmtUnit(view.rssi, 'dBm', 0)}`],
    ['Size', view.raw_hex ? `${view.raw_hex.length / 2} bytes` : '—'],
  ];
  if (typeof decoded.lat === 'number' && typeof decoded.lon === 'number' && (decoded.lat !== 0 || decoded.lon !== 0)) {
    kv.push(['Location', h('a', { href: `#/map?node=${decoded.pubKey || ''}` }, `${fmtDec(decoded.lat, 5)}, ${fmtDec(decoded.lon, 5)}`)]);
  }
  if (decoded.pubKey) kv.push(['Node', h('a', { href: `#/nodes/${decoded.pubKey}` }, decoded.name || decoded.pubKey)]);
  if (spread !== null) kv.push(['Propagation', `${spread.toFixed(1)} s (${observations.length} obs × ${observerIds.size} observers)`]);
  if (isTransport(view.route_type) && view.raw_hex && view.raw_hex.length >= 10) {
    kv.push(['Transport codes', `${view.raw_hex.slice(2, 6).toUpperCase()} ${view.raw_hex.slice(6, 10).toUpperCase()}`]);
  }
  if (view.direction) kv.push(['Direction', view.direction]);
  const dl = h('dl', { class: 'kv detail-meta' }, kv.filter(Boolean).map(([k, ...v]) => [h('dt', null, k), h('dd', null, ...v)]));
  const link = `${location.origin}${location.pathname}#/packets/${hash}${obs && observations.length > 1 ? `?obs=${obs.id}` : ''}`;
  const mapHref = `#/map?packet=${encodeURIComponent(hash)}${obs ? `&obs=${encodeURIComponent(obs.id)}` : ''}`;
  const actions = h('div', { class: 'toolbar detail-actions' },
    h('button', { type: 'button', class: 'copy-link', onclick: (e) => copy(link, e.currentTarget) }, 'Copy link'),
    h('a', { class: 'btn', href: mapHref, dataset: { action: 'map' } }, 'View route on map'),
    h('a', { class: 'btn', href: `#/tools/trace/${hash}`, dataset: { action: 'trace' } }, 'Trace'),
    h('button', { type: 'button', dataset: { action: 'replay' }, onclick: () => replayInLive(pkt, obs, hash) }, 'Replay in Live'),
    opts.standalone ? null : h('a', { class: 'btn', href: `#/packet/${hash}` }, 'Open page'));
  const hex = hexDumpPane(view.raw_hex, decoded);
  const raw = h('details', { class: 'raw-section', open: window.matchMedia('(min-width: 641px)').matches }, h('summary', null, 'Show raw bytes'), hex.el);
  const decodedBox = h('details', { class: 'decoded-section' }, h('summary', null, 'Decoded JSON'),
    h('pre', { class: 'mono code-block' }, JSON.stringify(decoded, null, 2)));
  const obsTable = observationsSection(observations, idx, { nodes: opts.nodes, hexOnly: opts.hexOnly, onSelectObs: opts.onSelectObs });
  replace(el, h('div', { class: 'packet-detail', dataset: { hash } },
    opts.standalone ? null : h('h2', { class: 'detail-heading', tabindex: '-1' }, `Packet ${shortHash(hash)}`), title, msg, dl, actions, raw, obsTable, decodedBox));
  return { hops: rh, breakdown: hex.info };
}

/** replayInLive hands the packet to the Live page through sessionStorage and opens it. */
function replayInLive(pkt, obs, hash) {
  try {
    sessionStorage.setItem(KEYS.liveReplay, JSON.stringify({ ...pkt, ...(obs || {}), hash, observations: undefined, decoded_json: pkt.decoded_json,
      payload_type: pkt.payload_type, route_type: pkt.route_type, raw_hex: obs?.raw_hex || pkt.raw_hex }));
  } catch { /* storage unavailable: Live still opens on the hash */ }
  location.hash = `#/live?replay=${encodeURIComponent(hash)}`;
}

async function copy(text, btn) {
  try { await navigator.clipboard.writeText(text); btn.textContent = 'Copied'; } catch { btn.textContent = 'Copy failed'; }
  setTimeout(() => { btn.textContent = 'Copy link'; }, 1500);
}
