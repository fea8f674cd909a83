// Browser test for the Alerts page (#/alerts, issue #22 item 5) on the real stack: the claimed
// fixture node (silent for months) is listed as firing with a link to its node page; acknowledging
// needs the API key (none, then a wrong one, are refused with the reason shown); a rule can be muted;
// both show in GET /api/alerts afterwards. Attacker strings from an alert are shown as text, the
// empty state says what to configure, axe finds nothing serious, no console error, and screenshots
// are taken light, dark and at 375 px.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useStack, screenshots } from './pagekit.mjs';
import { newPage, finish, HOSTILE } from './stack.mjs';
import { axeScan } from './axe.mjs';

const KEY = 'alerts-browser-test-key-0123456789';
const NODE = '976588cefcb05abd2a50fbaef3789f6f581675f39233277332b94ead3b333e6b';
const env = useStack({ config: { apiKey: KEY, alerts: { intervalSec: 1, nodes: [NODE], nodeSilentMinutes: 1 } } });
const LOADED = '#alertsPage[data-loaded="true"]';

async function firing() {
  for (let i = 0; i < 120; i++) {
    const l = await env.stack.api('/alerts');
    const a = l.alerts.find((x) => x.kind === 'node_silent' && x.subject === NODE);
    if (a) return a;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error('node_silent never listed by /api/alerts');
}

test('TestAlertsPage_ListAcknowledgeMute', { timeout: 180000 }, async () => {
  await firing();
  const v = await newPage(env.browser, env.stack.base, { bypassCSP: true }); // axe is injected inline
  const { page } = v;
  await page.goto(`${env.stack.base}/#/alerts`);
  await page.waitForSelector(LOADED);
  const row = `#alertsFiring tr[data-kind="node_silent"][data-subject="${NODE}"]`;
  await page.waitForSelector(row);
  assert.equal(await page.getAttribute(`${row} a`, 'href'), `#/nodes/${NODE}`, 'the subject links to its node page');
  assert.match(await page.textContent(`${row} .alert-message`), /claimed node .* silent: last heard .* ago \(limit 1m0s\)/);

  await page.click(`${row} .ack-btn`);
  await page.waitForSelector('#alertsStatus[data-kind="error"]');
  assert.match(await page.textContent('#alertsStatus'), /Enter the server's API key first/);
  await page.fill('#alertsKey', 'wrong-key-wrong-key-wrong-key');
  await page.click(`${row} .ack-btn`);
  await page.waitForFunction(() => /HTTP 401/.test(document.getElementById('alertsStatus').textContent));
  await page.fill('#alertsKey', KEY);
  await page.click(`${row} .ack-btn`);
  await page.waitForSelector(`${row} .badge.acked`);
  assert.equal((await env.stack.api('/alerts')).alerts.find((a) => a.subject === NODE && a.kind === 'node_silent').acked, true);

  await page.check('#alertRules li[data-kind="bridge_silent"] input');
  await page.waitForFunction(() => /muted: no webhooks/.test(document.getElementById('alertsStatus').textContent));
  const rules = (await env.stack.api('/alerts')).rules;
  assert.deepEqual(rules.filter((r) => r.muted).map((r) => r.kind), ['bridge_silent'], 'only the muted rule is muted');
  assert.equal(await page.isChecked('#alertRules li[data-kind="bridge_silent"] input'), true);

  assert.deepEqual(await axeScan(page), [], 'axe: no serious WCAG violation');
  await page.setViewportSize({ width: 375, height: 812 });
  assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth + 1), 'fits 375 px');
  await finish(v);
  await screenshots(env.browser, env.stack, [['#/alerts', 'alerts', LOADED]]);
});

test('TestAlertsPage_HostileTextAndEmptyState', { timeout: 120000 }, async () => {
  const hostile = { alerts: [{ kind: 'node_renamed', subject: `${HOSTILE}"'`, name: HOSTILE, message: `renamed to ${HOSTILE}`, status: 'firing',
    since: '2026-12-01T00:00:00Z', acked: false, muted: false }], rules: [{ kind: 'node_renamed', muted: false }] };
  const v = await newPage(env.browser, env.stack.base);
  await v.page.route('**/api/alerts', (r) => r.fulfill({ status: 200, contentType: 'application/json', body: JSON.stringify(hostile) }));
  await v.page.goto(`${env.stack.base}/#/alerts`);
  await v.page.waitForSelector(LOADED);
  assert.equal(await v.page.textContent('#alertsFiring .alert-message'), `renamed to ${HOSTILE}`, 'the message is text');
  assert.equal(await v.page.locator('img[src="x"]').count(), 0, 'no markup from an alert reached the DOM');
  await finish(v);

  const e = await newPage(env.browser, env.stack.base);
  await e.page.route('**/api/alerts', (r) => r.fulfill({ status: 200, contentType: 'application/json', body: '{"alerts":[],"rules":[]}' }));
  await e.page.goto(`${env.stack.base}/#/alerts`);
  await e.page.waitForSelector(LOADED);
  assert.match(await e.page.textContent('#alertsNoneFiring'), /No alert is firing\. Rules and thresholds are set under "alerts" in config\.json/);
  assert.match(await e.page.textContent('#alertsNoneResolved'), /Nothing has cleared since the server started/);
  await finish(e);
});

test('TestAlertsPage_BatteryNoiseRulesLinkToObserver', { timeout: 120000 }, async () => {
  // The battery and noise rules (issue #22 item 3) name an observer: their rows read as
  // words, not kinds, and link to the observer page.
  const OBS = 'AABBCCDDEEFF00112233';
  const list = { alerts: [
    { kind: 'battery_falling', subject: OBS, name: 'Hilltop', message: 'battery of "Hilltop" trends to 3600 mV', status: 'firing', since: '2026-12-01T00:00:00Z', acked: false, muted: false },
    { kind: 'noise_floor_rising', subject: OBS, name: 'Hilltop', message: 'noise floor of "Hilltop" rose', status: 'firing', since: '2026-12-01T00:00:00Z', acked: false, muted: false },
  ], rules: [{ kind: 'battery_falling', muted: false }, { kind: 'noise_floor_rising', muted: false }] };
  const v = await newPage(env.browser, env.stack.base);
  await v.page.route('**/api/alerts', (r) => r.fulfill({ status: 200, contentType: 'application/json', body: JSON.stringify(list) }));
  await v.page.goto(`${env.stack.base}/#/alerts`);
  await v.page.waitForSelector(LOADED);
  const rows = await v.page.$$eval('#alertsFiring tbody tr', (trs) => trs.map((tr) => [tr.cells[0].textContent.trim(), tr.cells[1].querySelector('a')?.getAttribute('href')]));
  assert.deepEqual(rows, [['Battery falling', `#/observers/${OBS}`], ['Noise floor rising', `#/observers/${OBS}`]]);
  await finish(v);
});
