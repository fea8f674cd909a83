// Small shared renderers: payload type badge, hop chips, status dot.
import { h } from '../lib/dom.js';
import { payloadName, payloadLabel, isTransport } from '../logic/payload.js';
import { hopLabel } from '../logic/hops.js';
import { scopeInfo } from '../logic/scope.js';

/** typeBadge renders a coloured payload-type badge (plus "T" for transport routes). */
export function typeBadge(payloadType, routeType) {
  const name = payloadName(payloadType);
  return h('span', { class: 'type-wrap' },
    h('span', { class: `badge type-badge type-${name}`, title: name }, payloadLabel(payloadType)),
    isTransport(routeType) ? h('span', { class: 'badge t-badge', title: 'Transport route' }, 'T') : null);
}

/** scopeBadge renders a packet's region scope ("#name", "scoped <code>" or "unscoped"); null when the row does not say. */
export function scopeBadge(p) {
  const i = scopeInfo(p);
  return i ? h('span', { class: `badge scope-badge scope-${i.kind}`, title: i.title, dataset: { scope: i.label } }, i.label) : null;
}

/** hopChips renders resolved hops as chips linking to nodes when known. */
export function hopChips(hops, { hexOnly = false, max = 0 } = {}) {
  if (!hops.length) return h('span', { class: 'muted' }, '— (direct)');
  const shown = max > 0 ? hops.slice(0, max) : hops;
  const wrap = h('span', { class: 'hops' });
  shown.forEach((hop, i) => {
    if (i > 0) wrap.append(h('span', { class: 'hop-arrow', 'aria-hidden': 'true' }, '→'));
    const label = hopLabel(hop, hexOnly);
    const cls = ['hop-chip', hop.ambiguous ? 'hop-ambiguous' : '', hop.pubkey ? '' : 'hop-unknown'];
    wrap.append(hop.pubkey
      ? h('a', { class: cls, href: `#/nodes/${hop.pubkey}`, title: `${hop.prefix} ${hop.name || ''}` }, label)
      : h('span', { class: cls, title: hop.ambiguous ? `${hop.prefix}: ambiguous prefix` : `${hop.prefix}: unknown` }, label));
  });
  if (shown.length < hops.length) wrap.append(h('span', { class: 'muted' }, ` +${hops.length - shown.length}`));
  return wrap;
}

/** statusDot renders a coloured dot with the status word. */
export function statusDot(status) {
  return h('span', { class: 'status' }, h('span', { class: `dot dot-${status}`, 'aria-hidden': 'true' }), status);
}
