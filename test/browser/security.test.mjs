// Browser tests for issue #16 items 9 and 10: every SPA route (and Swagger UI) runs under the server's
// Content-Security-Policy without a single violation, framing by another site is refused, and the
// Perf page explains its operator-only state and unlocks with the API key.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { useStack, newPage, finish, freePort } from './stack.mjs';

const KEY = 'browser-test-operator-key-0123456789';
// The one site allowed to frame the UI (embed.frameAncestors); any other site must be refused.
const EMBEDDER = await freePort();
const env = useStack({ config: { apiKey: KEY, embed: { frameAncestors: [`http://localhost:${EMBEDDER}`] } } });

// watchCSP records securitypolicyviolation events of every document in the context (before any page script).
async function watchCSP(context) {
  await context.addInitScript(() => {
    window.__csp = [];
    document.addEventListener('securitypolicyviolation', (e) => {
      window.__csp.push(`${e.effectiveDirective} blocked ${e.blockedURI || '(inline)'} at ${e.sourceFile}:${e.lineNumber}`);
    });
  });
}

const settle = async (page) => {
  await page.waitForFunction(() => !document.getElementById('app').hasAttribute('aria-busy') && document.getElementById('app').children.length > 0,
    null, { timeout: 20000 });
  await page.waitForLoadState('networkidle', { timeout: 5000 }).catch(() => {});
  await page.waitForTimeout(500); // late renders (charts, map markers) run their code too
};

// The analytics tab ids, written out from the page's tab bar (public/js/pages/analytics.js TABS).
const ANALYTICS_TABS = ['overview', 'rf', 'topology', 'channels', 'hashsizes', 'collisions', 'distance', 'subpaths', 'neighbor-graph',
  'roles', 'airtime', 'clock-health', 'rf-health', 'scopes', 'nodes', 'my-repeaters', 'prefix-tool'];

async function spaRoutes() {
  const [pkts, nodes, observers, channels] = await Promise.all([
    env.stack.api('/packets?limit=50&groupByHash=true'), env.stack.api('/nodes?limit=1'), env.stack.api('/observers'), env.stack.api('/channels'),
  ]);
  const hash = (pkts.packets.find((p) => p.path_json && p.path_json !== '[]') || pkts.packets[0]).hash;
  const pk = nodes.nodes[0].public_key;
  const obs = encodeURIComponent(observers.observers[0].id);
  return ['home', 'packets', `packets/${hash}`, `packet/${hash}`, 'map', 'live', 'channels', `channels/${encodeURIComponent(channels.channels[0].hash)}`,
    'nodes', `nodes/${pk}`, `nodes/${pk}/analytics`, `nodes/${pk}/reach?coverage=1`, 'rx-coverage', 'observers', `observers/${obs}`, 'compare', 'scopes', 'perf', 'tools', `tools/trace/${hash}`,
    ...ANALYTICS_TABS.map((t) => `analytics?tab=${t}`)];
}

for (const theme of ['light', 'dark']) {
  test(`TestCSP_EveryRouteWithoutViolation_${theme}`, { timeout: 300000 }, async () => {
    const v = await newPage(env.browser, env.stack.base, { theme });
    await watchCSP(v.context);
    const res = await v.page.goto(`${env.stack.base}/#/home`);
    const csp = res.headers()['content-security-policy'] || '';
    assert.match(csp, /script-src 'self'/, 'the page carries the CSP header');
    assert.doesNotMatch(csp, /unsafe-inline|unsafe-eval/);
    assert.equal(await v.page.evaluate(() => document.documentElement.dataset.theme), theme, 'the theme boot script ran');
    const found = [];
    for (const route of await spaRoutes()) {
      await v.page.goto(`${env.stack.base}/#/${route}`);
      await settle(v.page);
      for (const s of await v.page.evaluate(() => window.__csp.splice(0))) found.push(`#/${route}: ${s}`);
    }
    // A full reload of a data-heavy page as well: the boot path runs again under the policy.
    await v.page.reload();
    await settle(v.page);
    for (const s of await v.page.evaluate(() => window.__csp.splice(0))) found.push(`reload: ${s}`);
    assert.deepEqual(found, [], 'no Content-Security-Policy violations');
    await finish(v);
  });
}

test('TestCSP_SwaggerUIRunsUnderThePolicy', { timeout: 60000 }, async () => {
  const v = await newPage(env.browser, env.stack.base);
  await watchCSP(v.context);
  const res = await v.page.goto(`${env.stack.base}/api/docs`);
  assert.match(res.headers()['content-security-policy'] || '', /script-src 'self'/);
  await v.page.waitForSelector('#swagger-ui .opblock', { timeout: 20000 });
  assert.ok(await v.page.locator('#swagger-ui .opblock').count() > 50, 'the operations of /api/spec are listed');
  await v.page.locator('#swagger-ui .opblock-summary').first().click();
  await v.page.waitForSelector('#swagger-ui .opblock.is-open');
  assert.deepEqual(await v.page.evaluate(() => window.__csp), [], 'no Content-Security-Policy violations');
  await finish(v);
});

// embedderSite serves, on 127.0.0.1:port, a page framing a control page of a third origin (no headers)
// and the CoreScope map in embed mode; /inner is the control page.
async function embedderSite(port) {
  const site = createServer((req, res) => {
    res.setHeader('Content-Type', 'text/html');
    res.end(req.url === '/inner' ? '<main id="app">inner</main>'
      : `<iframe id="other" src="http://127.0.0.1:${port}/inner"></iframe><iframe id="ui" src="${env.stack.base}/#/map?embed=1"></iframe>`);
  });
  await new Promise((resolve) => site.listen(port, '127.0.0.1', resolve));
  return site;
}

// framedUI opens http://localhost:port/ and returns whether the control frame and the UI frame rendered an #app.
async function framedUI(port) {
  const site = await embedderSite(port);
  const context = await env.browser.newContext();
  try {
    const page = await context.newPage();
    await page.goto(`http://localhost:${port}/`);
    await page.waitForLoadState('load');
    const frame = async (sel) => (await page.$(sel)).contentFrame();
    const control = await (await frame('#other')).$('#app').then(Boolean);
    const ui = await frame('#ui');
    const rendered = ui.url().startsWith(env.stack.base)
      ? await ui.waitForSelector('#app', { timeout: 10000 }).then(Boolean, () => false) : false;
    return { control, rendered, url: ui.url() };
  } finally {
    await context.close();
    await new Promise((resolve) => site.close(resolve));
  }
}

test('TestCSP_FramingOnlyByConfiguredSites', { timeout: 60000 }, async () => {
  const other = await framedUI(await freePort());
  assert.equal(other.control, true, 'control: a cross-origin frame without the headers loads');
  assert.equal(other.rendered, false, 'a site not in embed.frameAncestors cannot frame the UI');
  assert.match(other.url, /^chrome-error:/, 'Chromium replaced the refused frame with its error page');
  const allowed = await framedUI(EMBEDDER);
  assert.equal(allowed.rendered, true, `the site listed in embed.frameAncestors frames the UI (${allowed.url})`);
});

test('TestPerf_OperatorOnlyAsksForTheKey', { timeout: 60000 }, async () => {
  const v = await newPage(env.browser, env.stack.base);
  const { page } = v;
  const first = page.waitForResponse((r) => r.url().endsWith('/api/perf'));
  await page.goto(`${env.stack.base}/#/perf`);
  assert.equal((await first).status(), 401, 'the server refuses /api/perf without the key');
  await page.waitForSelector('#perfLocked[data-reason="key"]');
  assert.match(await page.textContent('#perfLocked'), /operator-only/i);
  assert.match(await page.textContent('#perfLocked'), /operator\.publicPerf/);
  assert.equal(await page.textContent('#perfStatus'), 'Operator-only');
  assert.equal(await page.locator('#perfContent[data-loaded="true"]').count(), 0, 'no figures shown');

  await page.fill('#perfKeyInput', 'not-the-key-not-the-key');
  await page.click('#perfUnlock');
  await page.waitForFunction(() => /Wrong API key/.test(document.getElementById('perfLockedMsg')?.textContent || ''));

  const sent = page.waitForRequest((r) => r.url().endsWith('/api/perf') && r.headers()['x-api-key'] === KEY);
  await page.fill('#perfKeyInput', KEY);
  await page.click('#perfUnlock');
  await sent;
  await page.waitForSelector('#perfContent[data-loaded="true"]');
  const perf = await env.stack.api('/perf', { 'X-API-Key': KEY });
  assert.equal(await page.locator('[data-stat="inMemory"]').textContent().then((t) => t.replace(/,/g, '').trim()), String(perf.packetStore.inMemory));
  await page.uncheck('#perfAuto');
  // v.failedRequests holds the two refused calls; they are the behaviour under test, not page errors.
  await finish(v);
});

test('TestPerf_ServerWithoutKeyExplainsTheConfig', { timeout: 60000 }, async () => {
  const v = await newPage(env.browser, env.stack.base);
  // The 403 a server without a usable apiKey answers (internal/api/operator.go), for a stack that has one.
  await v.page.route('**/api/perf', (r) => r.fulfill({ status: 403, json: { error: 'operator-only endpoint: set a strong apiKey' } }));
  await v.page.goto(`${env.stack.base}/#/perf`);
  await v.page.waitForSelector('#perfLocked[data-reason="disabled"]');
  const text = await v.page.textContent('#perfLocked');
  assert.match(text, /apiKey/);
  assert.match(text, /operator\.publicPerf/);
  assert.equal(await v.page.locator('#perfKeyInput').count(), 0, 'no key form when no key can work');
  await finish(v);
});
