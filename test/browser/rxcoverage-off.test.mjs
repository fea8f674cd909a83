// Browser test of the opt-out state: with clientRxCoverage off (the default; the fixture stack) the
// coverage routes answer the documented 404, the nav has no Coverage link, and the RX Coverage page
// and the Reach overlay tell the operator how to enable it. The Reach page itself still works.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useStack, visit, done, screenshots } from './pagekit.mjs';
import { axeScan } from './axe.mjs';

const env = useStack();

test('TestRxCoverageOff_PagesExplainHowToEnable', { timeout: 180000 }, async () => {
  const r = await fetch(`${env.stack.base}/api/rx-coverage`);
  assert.equal(r.status, 404);
  assert.match((await r.json()).error, /clientRxCoverage\.enabled/);
  const v = await visit(env.browser, env.stack, '#/rx-coverage', { bypassCSP: true, waitFor: '#rxCoverageOff' });
  const { page } = v;
  const text = await page.textContent('#rxCoverageOff');
  assert.match(text, /"clientRxCoverage": \{ "enabled": true \}/);
  assert.match(text, /CLIENT_RX_COVERAGE=true/);
  assert.equal(await page.$('[data-nav-more="rx-coverage"]'), null, 'no Coverage link while off');
  assert.deepEqual(await axeScan(page), []);
  await done(v);

  const pk = env.stack.victim;
  const reach = await env.stack.api(`/nodes/${pk}/reach?days=30`);
  const p = await visit(env.browser, env.stack, `#/nodes/${pk}/reach?days=30&coverage=1`, { width: 375, height: 812, waitFor: '#reachCoverageOff' });
  assert.equal((await p.page.textContent('[data-stat="links"] .stat-value')).trim(), String(reach.links.length));
  assert.match(await p.page.textContent('#reachCoverageOff'), /clientRxCoverage/);
  assert.ok(await p.page.evaluate(() => document.documentElement.scrollWidth <= 375), 'fits 375 px');
  await done(p);
  await screenshots(env.browser, env.stack, [['#/rx-coverage', 'rx-coverage-off', '#rxCoverageOff']]);
});
