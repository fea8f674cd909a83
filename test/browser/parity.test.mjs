// Browser tests: the definitions behind figures a reader could count another way (issue #17 item 4) are
// shown as tooltips where the figures appear, in the same words as the API's OpenAPI descriptions.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { useStack, visit, done } from './pagekit.mjs';
import { newPage, SHOTS } from './stack.mjs';
import { axeScan } from './axe.mjs';

const env = useStack();
// The fixture's busiest relay (parity.md §2: 157 non-advert relays, 207 with adverts).
const RELAY = '1000009e310d729534b70faa33a1abe5cd5e45d594f72f786febccbb770b7e74';

test('TestParity_RelayCountTooltip', { timeout: 300000 }, async () => {
  const [detail, spec] = await Promise.all([env.stack.api(`/nodes/${RELAY}`), env.stack.api('/spec')]);
  assert.ok(detail.node.relay_count_24h !== undefined, 'a repeater has relay counts');
  assert.match(spec.paths['/api/nodes/{pubkey}'].get.description, /non-ADVERT transmissions/);
  const v = await visit(env.browser, env.stack, `#/nodes/${RELAY}`, { waitFor: '.node-body[data-complete="true"]' });
  const tip = await v.page.getAttribute('[data-stat="relays"]', 'title');
  assert.match(tip, /adverts left out/, 'the relay counts carry their definition');
  assert.equal(await v.page.textContent('[data-stat="relays"]'), `${detail.node.relay_count_1h} / ${detail.node.relay_count_24h}`);
  await done(v);
  const a = await visit(env.browser, env.stack, `#/nodes/${RELAY}/analytics?days=365`, { waitFor: '#nodeAnalyticsBody[data-loaded="true"]' });
  assert.match(await a.page.getAttribute('[data-stat="silence"]', 'title'), /consecutive hours with traffic/);
  await done(a);
  const s = await visit(env.browser, env.stack, '#/analytics?tab=scopes', { waitFor: '#analyticsContent[data-tab="scopes"][data-loaded="true"]' });
  assert.match(await s.page.getAttribute('[data-stat="unscoped"]', 'title'), /every non-transport packet/);
  await done(s);
  const topo = await env.stack.api('/analytics/topology');
  const tp = await visit(env.browser, env.stack, '#/analytics?tab=topology', { waitFor: '#analyticsContent[data-tab="topology"][data-loaded="true"]' });
  assert.match(await tp.page.getAttribute('[data-stat="avgHops"]', 'title'), /at least one hop/);
  assert.equal((await tp.page.textContent('[data-stat="uniqueNodes"] .stat-value')).replace(/,/g, ''), String(topo.uniqueNodes));
  await done(tp);
});

test('TestParity_TooltipsAccessibleAndScreenshots', { timeout: 300000 }, async () => {
  for (const theme of ['light', 'dark']) {
    for (const [width, height] of [[1280, 800], [375, 812]]) {
      const v = await newPage(env.browser, env.stack.base, { width, height, theme, bypassCSP: true });
      await v.page.goto(`${env.stack.base}/#/nodes/${RELAY}`);
      await v.page.waitForSelector('.node-body[data-complete="true"]');
      await v.page.hover('[data-stat="relays"]');
      await v.page.screenshot({ path: join(SHOTS, `parity-relays-${width}x${height}-${theme}.png`) });
      assert.deepEqual(await axeScan(v.page), [], `axe on the node page (${theme}, ${width} px)`);
      await done(v);
    }
  }
});
