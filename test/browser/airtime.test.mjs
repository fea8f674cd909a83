// Browser tests for the Airtime card (#22 item 8) on the observer page and on a repeater's node page, on the
// fixture shifted to now so the last 24 hours hold traffic: the chart's bars equal the API's duty cycle per
// hour, the dashed limit line is drawn at the API's limit_pct, the estimate is explained in a tooltip, the
// page fits 375 px, and axe finds no serious violation. Screenshots: test-output/screenshots/airtime-*.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { newPage, SHOTS, useStack, finish } from './stack.mjs';
import { shiftToNow } from './livestack.mjs';
import { axeScan } from './axe.mjs';

const env = useStack({ plant: async ({ db }) => { await shiftToNow(db, 120); } });

/** firstWithTraffic returns the first candidate whose airtime answer has a packet, with that answer. */
async function firstWithTraffic(paths) {
  for (const p of paths) {
    const a = await env.stack.api(`${p}?hours=24`);
    if (a.buckets.some((b) => b.packets > 0)) return { path: p, a };
  }
  return null;
}

/** chartState reads the drawn chart once its animation has ended: bar values, limit-line values and whether
 * the line's points sit at the limit. */
async function chartState(page, id) {
  await page.waitForFunction((cid) => {
    const ch = window.Chart.getChart(document.getElementById(cid));
    return ch && !window.Chart.animator.running(ch);
  }, id);
  return page.evaluate((cid) => {
    const ch = window.Chart.getChart(document.getElementById(cid));
    const meta = ch.getDatasetMeta(1);
    const limit = ch.data.datasets[1].data[0];
    const y = ch.scales.y.getPixelForValue(limit);
    return {
      bars: ch.data.datasets[0].data, line: ch.data.datasets[1].data, type: meta.type, visible: ch.isDatasetVisible(1),
      dash: ch.data.datasets[1].borderDash, points: meta.data.length,
      atLimit: meta.data.every((p) => Math.abs(p.y - y) < 0.5), inArea: y >= ch.chartArea.top && y <= ch.chartArea.bottom,
    };
  }, id);
}

async function checkCard(v, id, path) {
  const { page } = v;
  await page.waitForSelector(`#${id}Card[data-loaded="true"]`, { timeout: 30000 });
  const a = await env.stack.api(`${path}?hours=24`); // the page's request: the same cached answer
  const s = await chartState(page, id);
  assert.deepEqual(s.bars, a.buckets.map((b) => b.duty_cycle_pct), 'bars = API duty_cycle_pct per hour');
  assert.equal(s.line.length, a.buckets.length);
  assert.ok(s.line.every((x) => x === a.limit_pct), `limit line at ${a.limit_pct} %`);
  assert.ok(s.type === 'line' && s.visible && s.points === a.buckets.length && s.atLimit && s.inArea && s.dash.length === 2,
    `limit line drawn: ${JSON.stringify({ ...s, bars: undefined, line: undefined })}`);
  const tip = await page.getAttribute(`#${id}Card .info-tip`, 'title');
  assert.match(tip, /Estimate/, 'the info button explains the estimate');
  const total = a.buckets.reduce((t, b) => t + b.airtime_ms, 0);
  assert.match(await page.textContent(`[data-total="${id}"]`), new RegExp(`^${(total / 1000).toFixed(1)} s in 24 h`));
  return a;
}

test('TestAirtime_ObserverChartMatchesAPI', async () => {
  const obs = (await env.stack.api('/observers')).observers;
  const hit = await firstWithTraffic(obs.map((o) => `/observers/${encodeURIComponent(o.id)}/airtime`));
  assert.ok(hit, 'an observer heard packets in the last 24 h of the shifted fixture');
  const id = decodeURIComponent(hit.path.split('/')[2]);
  for (const [theme, width, height] of [['light', 1280, 900], ['dark', 1280, 900], ['light', 375, 812]]) {
    const v = await newPage(env.browser, env.stack.base, { theme, width, height, bypassCSP: true });
    await v.page.goto(`${env.stack.base}/#/observers/${encodeURIComponent(id)}`);
    await checkCard(v, 'obsChartAirtime', hit.path);
    if (width === 375) {
      assert.equal(await v.page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth), 0, 'no horizontal scroll at 375 px');
      assert.deepEqual(await axeScan(v.page), [], 'axe: no serious or critical violation');
    }
    await v.page.locator('#obsChartAirtimeCard').scrollIntoViewIfNeeded();
    await v.page.locator('#obsChartAirtimeCard').screenshot({ path: join(SHOTS, `airtime-observer-${width}-${theme}.png`) });
    await finish(v);
  }
});

test('TestAirtime_RepeaterChartMatchesAPI', async () => {
  const nodes = (await env.stack.api('/nodes?limit=2000&role=repeater')).nodes;
  const hit = await firstWithTraffic(nodes.map((n) => `/nodes/${n.public_key}/airtime`));
  assert.ok(hit, 'a repeater sent or relayed packets in the last 24 h of the shifted fixture');
  const pk = hit.path.split('/')[2];
  for (const [theme, width, height] of [['light', 1280, 900], ['dark', 375, 812]]) {
    const v = await newPage(env.browser, env.stack.base, { theme, width, height, bypassCSP: true });
    await v.page.goto(`${env.stack.base}/#/nodes/${pk}`);
    await checkCard(v, 'nodeChartAirtime', hit.path);
    if (width === 375) {
      assert.equal(await v.page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth), 0, 'no horizontal scroll at 375 px');
      assert.deepEqual(await axeScan(v.page), [], 'axe: no serious or critical violation');
    }
    await v.page.locator('#nodeChartAirtimeCard').scrollIntoViewIfNeeded();
    await v.page.locator('#nodeChartAirtimeCard').screenshot({ path: join(SHOTS, `airtime-node-${width}-${theme}.png`) });
    await finish(v);
  }
});

test('TestAirtime_CompanionHasNoAirtimeCard', async () => {
  const c = (await env.stack.api('/nodes?limit=50&role=companion')).nodes[0];
  assert.ok(c, 'the fixture has a companion');
  const v = await newPage(env.browser, env.stack.base);
  await v.page.goto(`${env.stack.base}/#/nodes/${c.public_key}`);
  await v.page.waitForSelector('.node-body[data-complete="true"]', { timeout: 30000 });
  assert.equal(await v.page.locator('#nodeChartAirtimeCard').count(), 0, 'companions do not relay: no airtime card');
  await finish(v);
});
