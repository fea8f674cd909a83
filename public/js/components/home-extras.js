// Operator-configured home content (/api/config/theme "home"): the getting-started steps and the
// footer links. All text is rendered as text; link URLs must be http(s) or relative.
import { h } from '../lib/dom.js';
import { safeUrl } from '../lib/theme-config.js';

const MAX_ITEMS = 20;
const str = (v, max = 300) => (typeof v === 'string' ? v.slice(0, max) : '');

/** stepsSection renders home.steps as an ordered list; null when there is nothing to show. */
export function stepsSection(steps) {
  const list = (Array.isArray(steps) ? steps : []).slice(0, MAX_ITEMS)
    .map((s) => ({ emoji: str(s?.emoji, 16), title: str(s?.title), description: str(s?.description, 1000) }))
    .filter((s) => s.title || s.description);
  if (!list.length) return null;
  return h('section', { class: 'card home-steps', id: 'homeSteps', 'aria-labelledby': 'homeStepsHeading' },
    h('h2', { id: 'homeStepsHeading' }, 'How it works'),
    h('ol', null, list.map((s) => h('li', { class: 'home-step' },
      // "ph:<icon>" names an icon set this UI does not ship; plain emoji are shown.
      s.emoji && !/^ph:/.test(s.emoji) ? h('span', { class: 'home-step-emoji', 'aria-hidden': 'true' }, s.emoji) : null,
      h('span', { class: 'home-step-title' }, s.title),
      s.description ? h('span', { class: 'home-step-desc muted' }, s.description) : null))));
}

/** footerLinks renders home.footerLinks; links with another scheme (javascript:, data:, …) are left out. */
export function footerLinks(links) {
  const ok = [];
  for (const l of (Array.isArray(links) ? links : []).slice(0, MAX_ITEMS)) {
    const url = safeUrl(l?.url);
    const label = str(l?.label, 100) || url;
    if (!url) { if (l?.url) console.warn('footer link refused (only http(s) or relative URLs):', label); continue; }
    const ext = /^https?:/i.test(url);
    ok.push(h('a', { href: url, ...(ext ? { rel: 'noopener noreferrer', target: '_blank' } : {}) }, label));
  }
  if (!ok.length) return null;
  return h('nav', { class: 'home-footer-links', id: 'homeFooterLinks', 'aria-label': 'Footer links' }, ok);
}
