// Node detail (#/nodes/<pubkey or 8+ hex prefix>): info, health, heard-by, recent packets, neighbours, paths.
import { h, replace } from '../lib/dom.js';
import { getJSON, isAbort } from '../lib/api.js';
import { favorites, toggleFavorite } from '../lib/store.js';
import { timeAgo, absTime, fmtNum, fmtDec, fmtDistance, nodeStatus, snrQuality } from '../lib/format.js';
import { typeBadge, statusDot } from '../components/badges.js';
import { summaryText } from '../components/packet-detail.js';
import { leaflet } from '../lib/vendor.js';

const EXPLAIN = {
  Active: 'heard recently', Degraded: 'not heard for a while', Silent: 'not heard for a long time',
};

function section(title, body) {
  return h('section', { class: 'card node-section' }, h('h2', null, title), body);
}
function simpleTable(cols, rows) {
  if (!rows.length) return h('p', { class: 'muted' }, 'None.');
  return h('div', { class: 'table-wrap' }, h('table', { class: 'data' },
    h('thead', null, h('tr', null, cols.map((c) => h('th', { scope: 'col' }, c)))),
    h('tbody', null, rows.map((r) => h('tr', null, r.map((c) => h('td', null, c ?? '—')))))));
}

/** mount renders a node page. */
export function mount(el, ctx) {
  const ctrl = new AbortController();
  const sig = { signal: ctrl.signal, quiet: true };
  const id = ctx.params[0] || '';
  const cleanups = [];
  const body = h('div', { class: 'node-body' }, h('p', { class: 'muted' }, 'Loading node…'));
  const title = h('h1', null, 'Node');
  replace(el, h('section', { class: 'page node-page' },
    h('p', null, h('a', { href: '#/nodes' }, '← All nodes')), title, body));
  const onKey = (e) => { if (e.key === 'Escape' && !document.querySelector('.search-overlay')) location.hash = '#/nodes'; };
  document.addEventListener('keydown', onKey);
  (async () => {
    let detail;
    try { detail = await getJSON(`/nodes/${encodeURIComponent(id)}`, null, sig); } catch (e) {
      if (isAbort(e)) return;
      title.textContent = e.status === 409 ? 'Ambiguous node prefix' : 'Node not found';
      replace(body, h('p', { class: 'muted' }, `${e.message}`));
      return;
    }
    const n = detail.node || {};
    const pk = n.public_key;
    title.textContent = n.name || pk;
    const st = nodeStatus(n.last_seen, n.role);
    const infra = n.role === 'repeater' || n.role === 'room';
    const fav = h('button', { type: 'button', 'aria-pressed': String(favorites().includes(pk)), onclick: (e) => {
      const on = toggleFavorite(pk); e.currentTarget.setAttribute('aria-pressed', String(on)); e.currentTarget.textContent = on ? '★ Favourite' : '☆ Favourite';
    } }, favorites().includes(pk) ? '★ Favourite' : '☆ Favourite');
    const info = h('dl', { class: 'kv' },
      h('dt', null, 'Status'), h('dd', null, statusDot(st), h('span', { class: 'muted' }, ` — ${EXPLAIN[st]} (${infra ? 'infrastructure: 24 h / 72 h' : 'client: 1 h / 24 h'} thresholds)`)),
      h('dt', null, 'Role'), h('dd', null, n.role || 'unknown'),
      h('dt', null, 'Public key'), h('dd', { class: 'mono' }, pk),
      h('dt', null, 'Last heard'), h('dd', null, `${timeAgo(n.last_seen)} (${absTime(n.last_seen)})`),
      h('dt', null, 'First seen'), h('dd', null, absTime(n.first_seen)),
      h('dt', null, 'Adverts'), h('dd', null, fmtNum(n.advert_count)),
      h('dt', null, 'Location'), h('dd', null, n.lat !== null && n.lat !== undefined ? `${fmtDec(n.lat, 5)}, ${fmtDec(n.lon, 5)}` : 'unknown'),
      h('dt', null, 'Hash size'), h('dd', null, n.hash_size ? `${n.hash_size} byte${n.hash_size > 1 ? 's' : ''}${n.hash_size_inconsistent ? ' (inconsistent)' : ''}` : '—'),
      n.last_relayed !== undefined ? [h('dt', null, 'Last relayed'), h('dd', null, timeAgo(n.last_relayed))] : null,
      n.relay_count_24h !== undefined ? [h('dt', null, 'Relays (1 h / 24 h)'), h('dd', null, `${fmtNum(n.relay_count_1h)} / ${fmtNum(n.relay_count_24h)}`)] : null,
      n.battery_mv ? [h('dt', null, 'Battery'), h('dd', null, `${n.battery_mv} mV`)] : null);
    const healthBox = h('div', null, h('p', { class: 'muted' }, 'Loading health…'));
    const pathsBox = h('div', null, h('p', { class: 'muted' }, 'Loading paths…'));
    const neighBox = h('div', null, h('p', { class: 'muted' }, 'Loading neighbours…'));
    const adverts = detail.recentAdverts || [];
    replace(body,
      h('div', { class: 'toolbar' }, fav, h('button', { type: 'button', onclick: (e) => copy(`${location.origin}${location.pathname}#/nodes/${pk}`, e.currentTarget) }, 'Copy URL'),
        h('a', { class: 'btn', href: `#/packets?node=${pk}` }, 'Packets'), h('a', { class: 'btn', href: `#/observers/${pk.toUpperCase()}` }, 'View as observer')),
      h('div', { class: 'grid-2' }, section('Overview', info), section('Health', healthBox)),
      section(`Recent adverts (${adverts.length})`, simpleTable(['Time', 'Type', 'Observer', 'Obs', 'Packet'], adverts.map((p) => [
        timeAgo(p.timestamp || p.first_seen), typeBadge(p.payload_type, p.route_type), p.observer_name || '—',
        String(p.observation_count ?? 1), h('a', { href: `#/packets/${p.hash}` }, p.hash)]))),
      section('Neighbours', neighBox), section('Paths through this node', pathsBox));
    body.dataset.loaded = 'true';
    if (typeof n.lat === 'number' && typeof n.lon === 'number' && (n.lat !== 0 || n.lon !== 0)) miniMap(info, n, cleanups);
    try {
      const hl = await getJSON(`/nodes/${pk}/health`, null, sig);
      const s = hl.stats || {};
      replace(healthBox, h('dl', { class: 'kv' },
        h('dt', null, 'Transmissions'), h('dd', { dataset: { stat: 'totalTransmissions' } }, fmtNum(s.totalTransmissions)),
        h('dt', null, 'Observations'), h('dd', null, fmtNum(s.totalObservations)),
        h('dt', null, 'Packets today'), h('dd', null, fmtNum(s.packetsToday)),
        h('dt', null, 'Avg SNR'), h('dd', null, `${fmtDec(s.avgSnr)} dB (${snrQuality(s.avgSnr)})`),
        h('dt', null, 'Avg hops'), h('dd', null, fmtNum(s.avgHops))),
      h('h3', null, 'Heard by'),
      simpleTable(['Observer', 'Packets', 'Avg SNR', 'Avg RSSI'], (hl.observers || []).map((o) => [
        h('a', { href: `#/observers/${encodeURIComponent(o.observer_id)}` }, o.observer_name || o.observer_id), fmtNum(o.packetCount), fmtDec(o.avgSnr), fmtDec(o.avgRssi, 0)])),
      h('h3', null, 'Recent packets'),
      simpleTable(['Time', 'Type', 'Summary'], (hl.recentPackets || []).slice(0, 20).map((p) => [
        timeAgo(p.timestamp || p.first_seen), typeBadge(p.payload_type, p.route_type), h('a', { href: `#/packets/${p.hash}` }, summaryText(p) || p.hash)])));
    } catch (e) { if (!isAbort(e)) replace(healthBox, h('p', { class: 'muted' }, `Health unavailable: ${e.message}`)); }
    try {
      const nb = await getJSON(`/nodes/${pk}/neighbors`, null, sig);
      replace(neighBox, simpleTable(['Neighbour', 'Role', 'Count', 'Score', 'Last seen', 'Distance'], (nb.neighbors || []).map((x) => [
        x.pubkey ? h('a', { href: `#/nodes/${x.pubkey}` }, x.name || x.prefix) : h('span', { class: 'mono' }, `${x.prefix}${x.ambiguous ? ' (ambiguous)' : ''}`),
        x.role || '—', fmtNum(x.count), fmtDec(x.score, 2), timeAgo(x.last_seen), x.distance_km !== undefined ? fmtDistance(x.distance_km) : '—'])));
    } catch (e) { if (!isAbort(e)) replace(neighBox, h('p', { class: 'muted' }, `Neighbours unavailable: ${e.message}`)); }
    try {
      const pa = await getJSON(`/nodes/${pk}/paths`, null, sig);
      replace(pathsBox, h('p', { class: 'muted' }, `${fmtNum(pa.totalPaths)} distinct paths over ${fmtNum(pa.totalTransmissions)} transmissions`),
        simpleTable(['Path', 'Count', 'Last seen', 'Sample'], (pa.paths || []).map((p) => [
          h('span', { class: 'hops' }, (p.hops || []).map((x, i) => [i ? h('span', { class: 'hop-arrow' }, '→') : null,
            x.pubkey ? h('a', { class: 'hop-chip', href: `#/nodes/${x.pubkey}` }, x.name || x.prefix) : h('span', { class: 'hop-chip' }, x.name || x.prefix)])),
          fmtNum(p.count), timeAgo(p.lastSeen), h('a', { href: `#/packets/${p.sampleHash}` }, String(p.sampleHash || '').slice(0, 8))])));
    } catch (e) { if (!isAbort(e)) replace(pathsBox, h('p', { class: 'muted' }, `Paths unavailable: ${e.message}`)); }
  })();
  return () => { ctrl.abort(); document.removeEventListener('keydown', onKey); for (const c of cleanups) c(); };
}

async function miniMap(after, n, cleanups) {
  const box = h('div', { class: 'node-minimap', role: 'region', 'aria-label': `Location of ${n.name || n.public_key}` });
  after.after(box);
  try {
    const L = await leaflet();
    if (!box.isConnected) return;
    const map = L.map(box, { zoomControl: false, attributionControl: true }).setView([n.lat, n.lon], 12);
    L.tileLayer('https://{s}.tile.openstreetmap.org/{z}/{x}/{y}.png', { attribution: '© OpenStreetMap contributors', maxZoom: 18 }).addTo(map);
    L.circleMarker([n.lat, n.lon], { radius: 8, weight: 2 }).addTo(map);
    cleanups.push(() => map.remove());
  } catch { box.remove(); }
}

async function copy(text, btn) {
  const old = btn.textContent;
  try { await navigator.clipboard.writeText(text); btn.textContent = 'Copied'; } catch { btn.textContent = 'Copy failed'; }
  setTimeout(() => { btn.textContent = old; }, 1500);
}
