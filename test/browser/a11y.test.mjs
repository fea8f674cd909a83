// Accessibility scan (issue #5: ARIA landmarks, keyboard, readable in light and dark): axe-core's
// WCAG 2 A/AA rules run on every page route over the fixture stack, at desktop width in both themes
// and at phone width. A serious or critical violation fails the test with what axe reported.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useStack, open, finish } from './stack.mjs';
import { axeScan as scan } from './axe.mjs';

const env = useStack();
async function routes() {
  const [pkts, nodes, observers, channels] = await Promise.all([
    env.stack.api('/packets?limit=1'), env.stack.api('/nodes?limit=1'), env.stack.api('/observers'), env.stack.api('/channels'),
  ]);
  return ['#/home', '#/packets?timeWindow=0', `#/packets/${pkts.packets[0].hash}`, '#/map', '#/live', '#/channels',
    `#/channels/${encodeURIComponent(channels.channels[0].hash)}`, '#/nodes', `#/nodes/${nodes.nodes[0].public_key}`,
    `#/nodes/${nodes.nodes[0].public_key}/reach?coverage=1`, '#/rx-coverage',
    '#/observers', `#/observers/${encodeURIComponent(observers.observers[0].id)}`, '#/analytics', '#/scopes', '#/perf', '#/tools',
    // Three 1-byte hops of a stored fixture path (one ambiguous): the inspector renders both tables.
    '#/tools/path-inspector?prefixes=7a,c9,60'];
}

for (const [theme, width, height] of [['light', 1280, 800], ['dark', 1280, 800], ['light', 375, 812]]) {
  test(`TestA11y_AxeWCAG_${theme}_${width}`, { timeout: 300000 }, async () => {
    const found = [];
    for (const hash of await routes()) {
      // axe injects its script and styles inline, which the server's CSP would block.
      const v = await open(env.browser, env.stack.base, hash, { theme, width, height, bypassCSP: true });
      await v.page.waitForLoadState('networkidle');
      await v.page.waitForTimeout(800); // late renders (charts, live counters) settle
      for (const f of await scan(v.page)) found.push(`${hash}: ${f}`);
      await finish(v);
    }
    assert.deepEqual(found, [], `axe found serious/critical WCAG A/AA violations (${theme}, ${width}px)`);
  });
}
