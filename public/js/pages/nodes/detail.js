// Loads one node (/api/nodes/<id>, /health, /neighbors, /paths) and renders it as the directory side
// pane (mode 'pane') or the full page (mode 'page'). Each block loads independently and shows its own
// error, so a failing endpoint never blanks the page.
import { h, replace } from '../../lib/dom.js';
import { getJSON, isAbort } from '../../lib/api.js';
import { favorites, toggleFavorite, myNodes, toggleMyNode } from '../../lib/store.js';
import { statusExplain, contactURL, hasLocation, isInfra } from '../../logic/node-info.js';
import { airtimeCard } from '../../components/airtime-chart.js';
import { destroyCharts } from '../../lib/charts.js';
import {
  section, statusBlock, overviewList, healthStats, heardBy, neighbours, advertsTimeline, recentPackets, pathsTable, roleBadge, clockBlock,
} from './sections.js';
import { miniMap } from './minimap.js';
import { qrCode, copyText } from '../../components/qr.js';

let thresholds = null;

async function healthThresholds() {
  if (!thresholds) thresholds = getJSON('/config/client', null, { quiet: true }).then((c) => c?.healthThresholds || {}, () => ({}));
  return thresholds;
}

const loading = (what) => h('p', { class: 'muted' }, `Loading ${what}…`);
const failed = (what, e) => h('p', { class: 'error-text' }, `${what} unavailable: ${e.message}`);

function toggleBtn(label, on, onClick) {
  const b = h('button', { type: 'button', 'aria-pressed': String(on), class: 'node-toggle' }, `${on ? '★' : '☆'} ${label}`);
  b.addEventListener('click', () => { const now = onClick(); b.setAttribute('aria-pressed', String(now)); b.textContent = `${now ? '★' : '☆'} ${label}`; });
  return b;
}

function keyBlock(n, mode) {
  const qrBox = h('div', { class: 'qr-box', id: mode === 'page' ? 'nodeQR' : null }, loading('QR code'));
  qrCode(contactURL(n), `QR code to add ${n.name || 'this node'} as a contact`, mode === 'page' ? 168 : 120).then((q) => replace(qrBox, q));
  const copy = h('button', { type: 'button', class: 'copy-key', id: mode === 'page' ? 'copyKeyBtn' : null }, 'Copy key');
  copy.addEventListener('click', () => copyText(n.public_key, copy));
  return h('div', { class: 'key-block' },
    h('div', null, h('code', { class: 'pubkey mono', dataset: { pubkey: n.public_key } }, n.public_key),
      h('div', { class: 'toolbar' }, copy), h('p', { class: 'muted small' }, 'Scan with the MeshCore app to add this node as a contact.')),
    qrBox);
}

/**
 * renderNodeDetail fills el with node id (full key or unique prefix). opts: {mode:'pane'|'page',
 * signal, onNode(node), liveAdverts: newest-first [{pubkey, hash, timestamp, name, ...Tx}] from the WebSocket}. Returns a cleanup function (maps). Sets el.dataset.loaded when the node
 * itself has rendered.
 */
export function renderNodeDetail(el, id, { mode = 'page', signal, onNode = null, liveAdverts: live0 = null } = {}) {
  const cleanups = [];
  const sig = { signal, quiet: true };
  const page = mode === 'page';
  replace(el, loading('node'));
  (async () => {
    let detail;
    try { detail = await getJSON(`/nodes/${encodeURIComponent(id)}`, null, sig); } catch (e) {
      if (isAbort(e)) return;
      replace(el, h('div', { class: 'empty node-missing' }, h(page ? 'h1' : 'h2', null, e.status === 409 ? 'Ambiguous node prefix' : 'Node not found'),
        h('p', null, e.status === 409 ? 'Several nodes start with these characters; use a longer prefix.' : e.message), h('p', null, h('a', { href: '#/nodes' }, 'Back to all nodes'))));
      el.dataset.loaded = 'error';
      return;
    }
    const n = detail.node || {};
    // Adverts received over the WebSocket are newer than any cached server answer: merge them in.
    const live = (live0 || []).filter((a) => String(a.pubkey) === String(n.public_key));
    if (live.length) {
      const known = new Set((detail.recentAdverts || []).map((a) => a.hash));
      detail.recentAdverts = [...live.filter((a) => !known.has(a.hash)), ...(detail.recentAdverts || [])];
      const newest = live[0];
      if (newest.name) n.name = newest.name;
      if (!n.last_seen || String(newest.timestamp) > String(n.last_seen)) n.last_seen = newest.timestamp;
    }
    const pk = n.public_key;
    const st = statusExplain(n, Date.now(), await healthThresholds());
    if (signal?.aborted) return;
    if (onNode) onNode(n);
    const healthBox = h('div', null, loading('health'));
    const heardBox = h('div', null, loading('observers'));
    const recentBox = h('div', null, loading('recent packets'));
    const neighBox = h('div', null, loading('neighbours'));
    const pathsBox = h('div', null, loading('paths'));
    const mapBox = h('div', { class: 'node-map-box' });
    const overviewBox = h('div', null, overviewList(n));
    if (hasLocation(n)) {
      const mm = miniMap({ lat: n.lat, lon: n.lon, label: n.name || pk.slice(0, 8) }, { height: page ? 240 : 160 });
      mapBox.append(mm.el);
      cleanups.push(mm.destroy);
    } else mapBox.append(h('p', { class: 'muted empty-note' }, 'This node does not share a location.'));
    const name = n.name || `${pk.slice(0, 8)}…`;
    const title = page ? h('h1', { class: 'node-title' }, name) : h('h2', { class: 'node-title' }, h('a', { href: `#/nodes/${pk}` }, name));
    const actions = h('div', { class: 'toolbar node-actions' },
      toggleBtn('Favourite', favorites().includes(pk), () => toggleFavorite(pk)),
      toggleBtn('My node', myNodes().some((x) => x.pubkey === pk), () => toggleMyNode(pk, n.name)),
      h('a', { class: 'btn', href: `#/nodes/${pk}/analytics` }, 'Analytics'),
      h('a', { class: 'btn', href: `#/nodes/${pk}/reach`, dataset: { action: 'reach' } }, 'Reach'),
      h('a', { class: 'btn', href: `#/packets?node=${pk}` }, 'Packets'),
      hasLocation(n) ? h('a', { class: 'btn', href: `#/map?node=${pk}` }, 'Map') : null,
      page ? null : h('a', { class: 'btn primary-link', href: `#/nodes/${pk}` }, 'Full page →'));
    const advertsN = (detail.recentAdverts || []).length;
    replace(el,
      h('header', { class: 'node-head' }, title, h('div', { class: 'node-badges' }, roleBadge(n.role), statusBlock(st).firstChild), actions),
      h('div', { class: page ? 'node-grid' : 'node-stack' },
        section('Status', statusBlock(st), 'status'),
        section('Public key', keyBlock(n, mode), 'key'),
        section('Overview', overviewBox, 'overview'),
        section('Location', mapBox, 'location')),
      section('Health', healthBox, 'health'),
      section('Heard by', heardBox, 'heard-by'),
      section('Neighbours', neighBox, 'neighbours'),
      h('div', { class: page ? 'grid-2' : 'node-stack' },
        section(`Advert timeline (${advertsN})`, advertsTimeline(page ? detail.recentAdverts : (detail.recentAdverts || []).slice(0, 5)), 'adverts'),
        section('Recent packets', recentBox, 'recent')),
      page ? section('Paths through this node', pathsBox, 'paths') : null,
      page && isInfra(n.role) ? h('div', { id: 'node-airtime', dataset: { section: 'airtime' } }, airtimeCard(`/nodes/${pk}/airtime`, 'node', 'nodeChartAirtime', sig)) : null);
    el.dataset.loaded = 'true';
    el.dataset.pubkey = pk;
    cleanups.push(() => destroyCharts(el));
    const jobs = [
      getJSON(`/nodes/${pk}/health`, null, sig).then((hl) => {
        replace(healthBox, healthStats(hl.stats || {}));
        replace(heardBox, heardBy(page ? hl.observers : (hl.observers || []).slice(0, 6)));
        replace(recentBox, recentPackets(hl.recentPackets, page ? 20 : 5));
      }, (e) => { if (!isAbort(e)) { replace(healthBox, failed('Health', e)); replace(heardBox, failed('Observers', e)); replace(recentBox, failed('Recent packets', e)); } }),
      getJSON(`/nodes/${pk}/neighbors`, null, sig).then((nb) => replace(neighBox, neighbours(page ? nb.neighbors : (nb.neighbors || []).slice(0, 6))),
        (e) => { if (!isAbort(e)) replace(neighBox, failed('Neighbours', e)); }),
    ];
    if (page) {
      jobs.push(getJSON(`/nodes/${pk}/paths`, null, sig).then((pa) => replace(pathsBox, pathsTable(pa)),
        (e) => { if (!isAbort(e)) replace(pathsBox, failed('Paths', e)); }));
      jobs.push(getJSON(`/nodes/${pk}/clock-skew`, null, { ...sig, noRetry: true }).then((cs) => {
        if (cs && cs.severity) overviewBox.append(clockBlock(cs));
      }, () => {}));
      jobs.push(getJSON(`/observers/${encodeURIComponent(pk.toUpperCase())}`, null, sig).then(() => {
        actions.append(h('a', { class: 'btn', href: `#/observers/${encodeURIComponent(pk.toUpperCase())}` }, 'View as observer'));
      }, () => {}));
    }
    await Promise.all(jobs);
    if (!signal?.aborted) el.dataset.complete = 'true';
  })();
  return () => { for (const c of cleanups) c(); };
}
