// Home (#/home): network overview, node search with claim, My Mesh cards, node health panel.
import { h, replace, clear, sparkline } from '../lib/dom.js';
import { getJSON, isAbort } from '../lib/api.js';
import { myNodes, toggleMyNode } from '../lib/store.js';
import { fmtNum, fmtDec, timeAgo, shortKey, snrQuality, nodeStatus, toMs } from '../lib/format.js';
import { typeBadge, statusDot } from '../components/badges.js';
import { summaryText } from '../components/packet-detail.js';

function hourly(packets) {
  const buckets = new Array(24).fill(0);
  const now = Date.now();
  for (const p of packets || []) {
    const t = toMs(p.timestamp || p.first_seen);
    if (t === null) continue;
    const age = Math.floor((now - t) / 3600000);
    if (age >= 0 && age < 24) buckets[23 - age]++;
  }
  return buckets;
}

/** mount renders the home page. */
export function mount(el) {
  const ctrl = new AbortController();
  const sig = { signal: ctrl.signal };
  const statsBox = h('div', { class: 'cards', id: 'homeStats' }, h('p', { class: 'muted' }, 'Loading network stats…'));
  const input = h('input', { type: 'search', id: 'homeSearch', placeholder: 'Find your node by name or public key', role: 'combobox',
    'aria-expanded': 'false', 'aria-controls': 'homeSuggest', 'aria-label': 'Search nodes', autocomplete: 'off' });
  const suggest = h('ul', { id: 'homeSuggest', class: 'suggest-list', role: 'listbox', 'aria-label': 'Matching nodes' });
  const mesh = h('div', { class: 'cards mesh-cards', id: 'myMesh' });
  const health = h('section', { class: 'card health-panel hidden', id: 'healthPanel', 'aria-live': 'polite' });
  replace(el, h('section', { class: 'page home-page' },
    h('div', { class: 'hero' }, h('h1', null, 'CoreScope'),
      h('p', { class: 'muted' }, 'What is on the air in your MeshCore network — and is your node being heard?'),
      h('div', { class: 'home-search' }, input, suggest)),
    h('h2', null, 'Network overview'), statsBox,
    h('h2', null, 'My Mesh'), mesh, health,
    h('nav', { class: 'quick-links', 'aria-label': 'Quick links' },
      ['packets', 'nodes', 'channels', 'observers', 'analytics'].map((p) => h('a', { class: 'btn', href: `#/${p}` }, p[0].toUpperCase() + p.slice(1))))));

  async function loadStats() {
    try {
      const s = await getJSON('/stats', null, sig);
      const card = (label, v, id) => h('div', { class: 'card stat-card', dataset: { stat: id } },
        h('div', { class: 'stat-value' }, fmtNum(v)), h('div', { class: 'stat-label' }, label));
      replace(statsBox, card('Transmissions', s.totalTransmissions ?? s.totalPackets, 'transmissions'),
        card('Observations', s.totalObservations, 'observations'), card('Nodes (7 d)', s.totalNodes, 'nodes'),
        card('Observers', s.totalObservers, 'observers'), card('Observations last 24 h', s.packetsLast24h, 'last24h'),
        card('Observations last hour', s.packetsLastHour, 'lastHour'));
    } catch (e) { if (!isAbort(e)) replace(statsBox, h('p', { class: 'error-text' }, `Stats unavailable: ${e.message}`)); }
  }
  let timer = null;
  input.addEventListener('input', () => {
    clearTimeout(timer);
    timer = setTimeout(async () => {
      const q = input.value.trim();
      clear(suggest);
      input.setAttribute('aria-expanded', 'false');
      if (!q) return;
      try {
        const r = await getJSON('/nodes/search', { q }, sig);
        const mine = new Set(myNodes().map((n) => n.pubkey));
        for (const n of r.nodes || []) {
          const claimed = mine.has(n.public_key);
          suggest.append(h('li', { role: 'option', class: 'suggest-item' },
            h('button', { type: 'button', class: 'link-btn', onclick: () => showHealth(n.public_key) }, n.name || shortKey(n.public_key)),
            h('span', { class: 'badge' }, n.role || 'unknown'), h('span', { class: 'mono muted' }, shortKey(n.public_key)),
            h('button', { type: 'button', class: claimed ? '' : 'primary', 'aria-pressed': String(claimed),
              onclick: (e) => { const now = toggleMyNode(n.public_key, n.name); e.currentTarget.textContent = now ? 'Mine' : '+ Claim'; e.currentTarget.setAttribute('aria-pressed', String(now)); renderMesh(); } },
            claimed ? 'Mine' : '+ Claim')));
        }
        if (!(r.nodes || []).length) suggest.append(h('li', { class: 'muted' }, 'No matching nodes'));
        input.setAttribute('aria-expanded', 'true');
      } catch { /* toast already shown */ }
    }, 200);
  });
  async function renderMesh() {
    const list = myNodes();
    clear(mesh);
    if (!list.length) {
      mesh.append(h('div', { class: 'card empty' }, 'No claimed nodes yet. Search for your node above and press "+ Claim" to watch it here.'));
      return;
    }
    for (const n of list) {
      const card = h('article', { class: 'card mesh-card', dataset: { pubkey: n.pubkey } }, h('h3', null, n.name || shortKey(n.pubkey)), h('p', { class: 'muted' }, 'Loading…'));
      mesh.append(card);
      try {
        const hl = await getJSON(`/nodes/${encodeURIComponent(n.pubkey)}/health`, null, { ...sig, quiet: true });
        const st = nodeStatus(hl.stats?.lastHeard || hl.node?.last_seen, hl.node?.role);
        replace(card, h('h3', null, h('button', { type: 'button', class: 'link-btn', onclick: () => showHealth(n.pubkey) }, hl.node?.name || n.name || shortKey(n.pubkey))),
          h('div', null, statusDot(st), ' ', h('span', { class: 'badge' }, hl.node?.role || 'unknown')),
          h('dl', { class: 'kv' },
            h('dt', null, 'Packets today'), h('dd', null, fmtNum(hl.stats?.packetsToday)),
            h('dt', null, 'Observers'), h('dd', null, fmtNum((hl.observers || []).length)),
            h('dt', null, 'Avg SNR'), h('dd', null, `${fmtDec(hl.stats?.avgSnr)} dB (${snrQuality(hl.stats?.avgSnr)})`),
            h('dt', null, 'Avg hops'), h('dd', null, fmtNum(hl.stats?.avgHops)),
            h('dt', null, 'Last heard'), h('dd', null, timeAgo(hl.stats?.lastHeard))),
          sparkline(hourly(hl.recentPackets), { label: 'Packets per hour, last 24 hours' }),
          h('div', { class: 'toolbar' }, h('a', { class: 'btn', href: `#/nodes/${n.pubkey}` }, 'Full health'),
            h('a', { class: 'btn', href: `#/packets?node=${n.pubkey}` }, 'View packets'),
            h('button', { type: 'button', onclick: () => { toggleMyNode(n.pubkey); renderMesh(); } }, 'Remove')));
      } catch (e) {
        if (isAbort(e)) return;
        replace(card, h('h3', null, n.name || shortKey(n.pubkey)), h('p', { class: 'error-text' }, `Health unavailable: ${e.message}`),
          h('button', { type: 'button', onclick: () => { toggleMyNode(n.pubkey); renderMesh(); } }, 'Remove'));
      }
    }
  }
  async function showHealth(pk) {
    health.classList.remove('hidden');
    replace(health, h('p', { class: 'muted' }, 'Loading node health…'));
    try {
      const hl = await getJSON(`/nodes/${encodeURIComponent(pk)}/health`, null, sig);
      const st = nodeStatus(hl.stats?.lastHeard || hl.node?.last_seen, hl.node?.role);
      replace(health,
        h('h2', { tabindex: '-1' }, `Health: ${hl.node?.name || shortKey(pk)}`),
        h('div', { class: `health-banner status-${st}` }, statusDot(st), ` — last heard ${timeAgo(hl.stats?.lastHeard)}`),
        h('div', { class: 'cards' },
          [['Transmissions', fmtNum(hl.stats?.totalTransmissions)], ['Observations', fmtNum(hl.stats?.totalObservations)],
            ['Packets today', fmtNum(hl.stats?.packetsToday)], ['Avg SNR', `${fmtDec(hl.stats?.avgSnr)} dB`], ['Avg hops', fmtNum(hl.stats?.avgHops)]]
            .map(([l, v]) => h('div', { class: 'card stat-card' }, h('div', { class: 'stat-value' }, v), h('div', { class: 'stat-label' }, l)))),
        h('h3', null, 'Heard by'),
        h('ul', { class: 'plain-list' }, (hl.observers || []).map((o) => h('li', null,
          h('a', { href: `#/observers/${encodeURIComponent(o.observer_id)}` }, o.observer_name || o.observer_id),
          h('span', { class: 'muted' }, ` · ${fmtNum(o.packetCount)} pkts · SNR ${fmtDec(o.avgSnr)} dB`)))),
        h('h3', null, 'Last packets'),
        h('ul', { class: 'plain-list' }, (hl.recentPackets || []).slice(0, 10).map((p) => h('li', null,
          typeBadge(p.payload_type, p.route_type), ' ', h('a', { href: `#/packets/${p.hash}` }, summaryText(p) || p.hash),
          h('span', { class: 'muted' }, ` · ${timeAgo(p.timestamp || p.first_seen)}`)))),
        h('a', { class: 'btn', href: `#/nodes/${pk}` }, 'Open node page'));
      health.querySelector('h2').focus();
    } catch (e) { if (!isAbort(e)) replace(health, h('p', { class: 'error-text' }, `Health unavailable: ${e.message}`)); }
  }
  loadStats();
  renderMesh();
  const iv = setInterval(loadStats, 30000);
  return () => { ctrl.abort(); clearInterval(iv); clearTimeout(timer); };
}
