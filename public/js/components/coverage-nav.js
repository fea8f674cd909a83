// Adds the "Coverage" link (#/rx-coverage) to the nav only when the server collects mobile client
// receptions (/api/config/client clientRxCoverage); the page itself stays reachable by URL and then
// explains how to enable it.
import { h } from '../lib/dom.js';
import { getJSON } from '../lib/api.js';

/** addCoverageNav appends the link to the top nav, its "More" menu and the mobile sheet. */
export async function addCoverageNav() {
  const c = await getJSON('/config/client', null, { quiet: true }).catch(() => null);
  if (!c?.clientRxCoverage) return;
  document.getElementById('navLinks')?.append(h('li', { class: 'secondary-link' }, h('a', { href: '#/rx-coverage', dataset: { nav: 'rx-coverage' } }, 'Coverage')));
  document.querySelector('.nav-more-menu')?.append(h('a', { href: '#/rx-coverage', dataset: { navMore: 'rx-coverage' } }, 'Coverage'));
  document.querySelector('#bottomNav .bottom-sheet')?.append(h('a', { href: '#/rx-coverage', dataset: { nav: 'rx-coverage' } }, 'Coverage'));
  if (location.hash.startsWith('#/rx-coverage')) {
    for (const a of document.querySelectorAll('[data-nav="rx-coverage"], [data-nav-more="rx-coverage"]')) a.setAttribute('aria-current', 'page');
  }
}
