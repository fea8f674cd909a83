// Home (#/home): network overview, node search with claim, My Mesh cards, node health panel.
import { h, replace, clear } from '../lib/dom.js';
import { getJSON, isAbort } from '../lib/api.js';
import { myNodes, toggleMyNode } from '../lib/store.js';
import { fmtNum, shortKey } from '../lib/format.js';
import { destroyCharts } from '../lib/charts.js';
import { meshCard, healthPanel, hourly } from './home/cards.js';
import { mountGettingStarted } from '../components/getting-started.js';
import { effectiveTheme, fetchServerTheme } from '../lib/theme-config.js';
import { stepsSection, footerLinks } from '../components/home-extras.js';

const STATS = [['Transmissions', 'transmissions', (s) => s.totalTransmissions ?? s.totalPackets],
  ['Nodes (7 days)', 'nodes', (s) => s.totalNodes], ['Observers', 'observers', (s) => s.totalObservers],
  ['Observations, last 24 h', 'last24h', (s) => s.packetsLast24h], ['Observations, last hour', 'lastHour', (s) => s.packetsLastHour],
  ['Observations', 'observations', (s) => s.totalObservations]];

/** mount renders the home page. */
export function mount(el) {
  const ctrl = new AbortController();
  const sig = { signal: ctrl.signal };
  const statsBox = h('div', { class: 'cards', id: 'homeStats', 'aria-live': 'polite' }, h('p', { class: 'muted' }, 'Loading network stats…'));
  const input = h('input', { type: 'search', id: 'homeSearch', placeholder: 'Find your node by name or public key', role: 'combobox',
    'aria-expanded': 'false', 'aria-controls': 'homeSuggest', 'aria-autocomplete': 'list', 'aria-label': 'Search nodes', autocomplete: 'off' });
  const suggest = h('ul', { id: 'homeSuggest', class: 'suggest-list', role: 'listbox', 'aria-label': 'Matching nodes' });
  const mesh = h('div', { class: 'mesh-cards', id: 'myMesh', 'aria-live': 'polite' });
  const health = h('section', { class: 'card health-panel hidden', id: 'healthPanel', 'aria-labelledby': 'healthHeading' });
  const firstRun = h('div', { class: 'gs-slot' });
  // Hero text from the operator's config (/api/config/theme "home") or this browser's customizer.
  const heroTitle = h('h1', { id: 'homeHeading' }, 'CoreScope');
  const heroSub = h('p', { class: 'hero-sub', id: 'homeSubtitle' });
  const stepsSlot = h('div', { class: 'home-steps-slot' });
  const footerSlot = h('div', { class: 'home-footer-slot' });
  const hero = () => {
    const t = effectiveTheme();
    if (!t) return;
    heroTitle.textContent = t.home?.heroTitle || t.branding?.siteName || 'CoreScope';
    heroSub.textContent = t.home?.heroSubtitle || t.branding?.tagline || '';
    heroSub.classList.toggle('hidden', !heroSub.textContent);
    replace(stepsSlot, stepsSection(t.home?.steps));
    replace(footerSlot, footerLinks(t.home?.footerLinks));
  };
  hero();
  fetchServerTheme().then(hero);
  window.addEventListener('branding-change', hero);
  replace(el, h('section', { class: 'page home-page', 'aria-labelledby': 'homeHeading' },
    h('div', { class: 'hero' }, heroTitle, heroSub,
      h('p', { class: 'muted' }, 'Is my node being heard? Search for your MeshCore node, claim it, and watch how the network hears it.'),
      h('div', { class: 'home-search' }, input, suggest)),
    firstRun,
    h('h2', null, 'My Mesh'), mesh, health,
    h('h2', null, 'Network overview'), statsBox,
    h('nav', { class: 'quick-links', 'aria-label': 'Quick links' },
      [['packets', 'Latest packets'], ['live', 'Live map'], ['nodes', 'All nodes'], ['channels', 'Channels'], ['observers', 'Observers']]
        .map(([p, l]) => h('a', { class: 'btn', href: `#/${p}` }, l))),
    stepsSlot, footerSlot));

  async function loadStats() {
    try {
      const s = await getJSON('/stats', null, sig);
      replace(statsBox, STATS.map(([label, id, get]) => h('div', { class: 'card stat-card', dataset: { stat: id } },
        h('div', { class: 'stat-value' }, fmtNum(get(s))), h('div', { class: 'stat-label' }, label))));
    } catch (e) { if (!isAbort(e)) replace(statsBox, h('p', { class: 'error-text' }, `Stats unavailable: ${e.message}`)); }
  }

  let timer = null;
  let items = [];
  let activeIdx = -1;
  const setActive = (i) => {
    activeIdx = i;
    [...suggest.querySelectorAll('[role="option"]')].forEach((li, j) => li.setAttribute('aria-selected', String(j === i)));
    input.setAttribute('aria-activedescendant', i >= 0 ? `hs-${i}` : '');
  };
  const closeSuggest = () => { clear(suggest); items = []; input.setAttribute('aria-expanded', 'false'); setActive(-1); };
  const claimBtn = (n) => {
    const mine = myNodes().some((m) => m.pubkey === n.public_key);
    return h('button', { type: 'button', class: mine ? 'claim-btn' : 'claim-btn primary', 'aria-pressed': String(mine),
      'aria-label': `${mine ? 'Unclaim' : 'Claim'} ${n.name || shortKey(n.public_key)}`,
      onmousedown: (e) => e.preventDefault(),
      onclick: (e) => {
        e.stopPropagation();
        const now = toggleMyNode(n.public_key, n.name);
        e.currentTarget.textContent = now ? 'Mine' : '+ Claim';
        e.currentTarget.classList.toggle('primary', !now);
        e.currentTarget.setAttribute('aria-pressed', String(now));
        renderMesh();
      } }, mine ? 'Mine' : '+ Claim');
  };
  async function runSearch() {
    const q = input.value.trim();
    if (!q) { closeSuggest(); return; }
    try {
      const r = await getJSON('/nodes/search', { q }, { ...sig, quiet: true });
      clear(suggest);
      items = (r.nodes || []).slice(0, 10);
      items.forEach((n, i) => suggest.append(h('li', { role: 'option', id: `hs-${i}`, class: 'suggest-item', 'aria-selected': 'false',
        onclick: () => { closeSuggest(); showHealth(n.public_key); } },
      h('span', { class: 'suggest-name' }, n.name || shortKey(n.public_key)), h('span', { class: 'badge' }, n.role || 'unknown'),
      h('span', { class: 'mono muted' }, shortKey(n.public_key)), claimBtn(n))));
      if (!items.length) suggest.append(h('li', { class: 'muted suggest-empty' }, 'No matching nodes'));
      input.setAttribute('aria-expanded', 'true');
      setActive(-1);
    } catch (e) { if (!isAbort(e)) replace(suggest, h('li', { class: 'error-text' }, `Search failed: ${e.message}`)); }
  }
  input.addEventListener('input', () => { clearTimeout(timer); timer = setTimeout(runSearch, 200); });
  input.addEventListener('keydown', (e) => {
    if (e.key === 'ArrowDown' && items.length) { e.preventDefault(); setActive((activeIdx + 1) % items.length); } else if (e.key === 'ArrowUp' && items.length) {
      e.preventDefault(); setActive((activeIdx - 1 + items.length) % items.length);
    } else if (e.key === 'Enter' && activeIdx >= 0) { e.preventDefault(); const n = items[activeIdx]; closeSuggest(); showHealth(n.public_key); } else if (e.key === 'Escape') closeSuggest();
  });

  async function renderMesh() {
    const list = myNodes();
    destroyCharts(mesh);
    clear(mesh);
    if (!list.length) {
      mesh.append(h('div', { class: 'card empty mesh-empty' }, h('p', null, 'You are not watching any node yet.'),
        h('p', { class: 'muted' }, 'Search for your node above and press "+ Claim": its card shows whether it is heard, by how many observers and how well.')));
      return;
    }
    await Promise.all(list.map(async (n) => {
      const slot = h('article', { class: 'card mesh-card', dataset: { pubkey: n.pubkey } }, h('h3', null, n.name || shortKey(n.pubkey)), h('p', { class: 'muted' }, 'Loading…'));
      mesh.append(slot);
      try {
        const hl = await getJSON(`/nodes/${encodeURIComponent(n.pubkey)}/health`, null, { ...sig, quiet: true });
        const an = await getJSON(`/nodes/${encodeURIComponent(n.pubkey)}/analytics`, { days: 1 }, { ...sig, quiet: true }).catch(() => null);
        const series = an && Array.isArray(an.activityTimeline) && an.activityTimeline.length
          ? hourly(an.activityTimeline)
          : hourly((hl.recentPackets || []).map((p) => p.timestamp || p.first_seen));
        slot.replaceWith(meshCard(n.pubkey, hl, series, { onOpen: showHealth, onRemove: (pk) => { toggleMyNode(pk); renderMesh(); } }));
      } catch (e) {
        if (isAbort(e)) return;
        replace(slot, h('h3', null, n.name || shortKey(n.pubkey)), h('p', { class: 'error-text' }, `Health unavailable: ${e.message}`),
          h('button', { type: 'button', onclick: () => { toggleMyNode(n.pubkey); renderMesh(); } }, 'Remove'));
      }
    }));
  }

  async function showHealth(pk) {
    health.classList.remove('hidden');
    replace(health, h('p', { class: 'muted' }, 'Loading node health…'));
    try {
      const hl = await getJSON(`/nodes/${encodeURIComponent(pk)}/health`, null, sig);
      const claimed = myNodes().some((m) => m.pubkey === pk);
      replace(health, healthPanel(pk, hl, { claimed, onClaim: () => { toggleMyNode(pk, hl.node?.name); renderMesh(); showHealth(pk); } }));
      health.dataset.loaded = 'true';
      health.querySelector('h2').focus();
      health.scrollIntoView({ block: 'nearest' });
    } catch (e) { if (!isAbort(e)) replace(health, h('p', { class: 'error-text' }, `Health unavailable: ${e.message}`)); }
  }

  const onDoc = (e) => { if (!e.target.closest || !e.target.closest('.home-search')) closeSuggest(); };
  document.addEventListener('click', onDoc);
  loadStats();
  renderMesh();
  // On a fresh instance, say how to feed it; when the first packet lands, refresh the counts too.
  mountGettingStarted(firstRun, { signal: ctrl.signal, onChange: (shown) => { if (!shown) loadStats(); } });
  const iv = setInterval(loadStats, 30000);
  return () => { ctrl.abort(); clearInterval(iv); clearTimeout(timer); document.removeEventListener('click', onDoc); window.removeEventListener('branding-change', hero); destroyCharts(el); };
}
