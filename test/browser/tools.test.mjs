// Browser tests for the Path Inspector (#/tools/path-inspector?prefixes=) and its Map pane: the page's
// numbers equal the API's (POST /api/paths/inspect, /api/resolve-hops), hop distances equal the
// great-circle distance of the nodes' stored coordinates (SQL on the stack's database), the deep link
// survives a reload, the page fits 375 px, and nothing logs an error.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { useStack, visit, done, numText, screenshots } from './pagekit.mjs';
import { SHOTS } from './stack.mjs';

const env = useStack();
const LOADED = '.pi-page[data-loaded="true"]';

async function inspectAPI(prefixes) {
  const r = await fetch(`${env.stack.base}/api/paths/inspect`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ prefixes }) });
  assert.equal(r.status, 200);
  return r.json();
}

/** pickPrefixes finds three consecutive 1-byte hops of a stored path with more than one candidate route. */
async function pickPrefixes() {
  const pk = await env.stack.api('/packets?limit=2000');
  for (const p of pk.packets) {
    let path;
    try { path = JSON.parse(p.path_json || '[]'); } catch { continue; }
    if (!Array.isArray(path)) continue;
    for (let i = 0; i + 3 <= path.length; i++) {
      const seg = path.slice(i, i + 3).map((x) => String(x).toLowerCase());
      if (seg.some((x) => x.length !== 2) || new Set(seg).size < 3) continue;
      const r = await inspectAPI(seg);
      if (r.candidates.length > 1) return { prefixes: seg, inspect: r };
    }
  }
  throw new Error('no 3-hop path with several candidate routes in the fixture');
}

// Independent distance: haversine on the 6371 km sphere over coordinates read with sqlite3.
async function coords(db, key) {
  const { stdout } = await promisify(execFile)('sqlite3', ['-readonly', '-separator', ',', db, `SELECT lat, lon FROM nodes WHERE lower(public_key) = '${key}'`]);
  const [lat, lon] = stdout.trim().split(',').map(Number);
  return stdout.trim() && Number.isFinite(lat) && Number.isFinite(lon) && !(lat === 0 && lon === 0) ? { lat, lon } : null;
}
function km(a, b) {
  const r = (d) => (d * Math.PI) / 180;
  const x = Math.sin(r(b.lat - a.lat) / 2) ** 2 + Math.cos(r(a.lat)) * Math.cos(r(b.lat)) * Math.sin(r(b.lon - a.lon) / 2) ** 2;
  return 2 * 6371 * Math.asin(Math.sqrt(x));
}
const fmtKm = (d) => (d === null ? '—' : d < 1 ? `${Math.round(d * 1000)} m` : `${d.toFixed(1)} km`);

test('TestPathInspector_NumbersMatchAPI_DeepLinkAndPhoneWidth', { timeout: 180000 }, async () => {
  const { prefixes, inspect } = await pickPrefixes();
  const resolved = (await env.stack.api(`/resolve-hops?hops=${prefixes.join(',')}`)).resolved;
  const top = inspect.candidates[0];
  const v = await visit(env.browser, env.stack, '#/tools', { waitFor: '#piLaunchInput' });
  const { page } = v;
  assert.equal(await page.getAttribute('#piToolLink', 'href'), '#/tools/path-inspector', 'linked from the Tools landing');
  await page.fill('#piLaunchInput', prefixes.map((p) => p.toUpperCase()).join(', '));
  await page.press('#piLaunchInput', 'Enter');
  await page.waitForSelector(LOADED);
  assert.equal(await page.evaluate(() => location.hash), `#/tools/path-inspector?prefixes=${prefixes.join(',')}`, 'deep link in the URL');

  const check = async () => {
    assert.equal(await numText(page, '[data-stat="hops"] .stat-value'), '3');
    assert.equal(await numText(page, '[data-stat="routes"] .stat-value'), String(inspect.candidates.length));
    assert.equal(await numText(page, '[data-stat="score"] .stat-value'), top.score.toFixed(3));
    const ambiguous = top.evidence.perHop.filter((x) => x.candidatesConsidered > 1).length;
    assert.equal(await numText(page, '[data-stat="ambiguous"] .stat-value'), String(ambiguous));
    assert.ok(ambiguous >= 1, 'several routes means at least one ambiguous hop');
    let total = null;
    for (const [i, p] of prefixes.entries()) {
      const row = `#piHops tr[data-prefix="${p}"]`;
      assert.equal(await numText(page, `${row} [data-col="count"]`), String(top.evidence.perHop[i].candidatesConsidered), `hop ${p} candidates = API`);
      assert.equal(top.evidence.perHop[i].candidatesConsidered, resolved[p].candidates.length, 'inspect and resolve-hops agree');
      const want = top.evidence.perHop[i].candidatesConsidered > 1 ? 'ambiguous' : 'unique';
      assert.equal((await page.textContent(`${row} [data-col="ambiguity"]`)).trim(), want);
      assert.equal(await page.getAttribute(`${row} [data-col="chosen"] a`, 'href'), `#/nodes/${top.path[i]}`, `hop ${p} best guess = API path`);
      const others = await page.locator(`${row} [data-col="others"] a`).count();
      assert.equal(others, Math.min(6, resolved[p].candidates.length - 1), `hop ${p} lists the other candidates`);
      if (i > 0) {
        const a = await coords(env.stack.db, top.path[i - 1]);
        const b = await coords(env.stack.db, top.path[i]);
        const d = a && b ? km(a, b) : null;
        if (d !== null) total = (total || 0) + d;
        assert.equal((await page.textContent(`${row} [data-col="km"]`)).trim(), fmtKm(d), `hop ${p} distance from the previous hop`);
      }
    }
    assert.equal((await page.textContent('[data-stat="length"] .stat-value')).trim(), fmtKm(total), 'best route length = sum of its legs');
    assert.equal(await page.locator('#piRoutes tbody tr').count(), inspect.candidates.length);
    for (const [i, c] of inspect.candidates.entries()) {
      assert.match(await page.textContent(`#piRoutes tr[data-rank="${i + 1}"] [data-col="score"]`), new RegExp(`^${c.score.toFixed(3)}${c.speculative ? ' speculative' : ''}$`));
    }
  };
  await check();
  await page.reload();
  await page.waitForSelector(LOADED);
  assert.equal(await page.inputValue('#piPrefixes'), prefixes.map((p) => p.toUpperCase()).join(','), 'reload restores the input');
  await check();
  assert.equal(await page.getAttribute('#piMapLink', 'href'), `#/map?prefixes=${prefixes.join(',')}`);

  await page.setViewportSize({ width: 375, height: 812 });
  await page.reload();
  await page.waitForSelector(LOADED);
  assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth), 'no sideways scrolling at 375 px');
  await check();

  await page.fill('#piPrefixes', 'zz,a1');
  await page.click('#piInspect');
  await page.waitForSelector('#piError');
  assert.match(await page.textContent('#piError'), /prefixes must be valid hex/);
  assert.equal(await page.evaluate(() => location.hash), '#/tools/path-inspector?prefixes=zz,a1');
  await done(v);
  await screenshots(env.browser, env.stack, [[`#/tools/path-inspector?prefixes=${prefixes.join(',')}`, 'path-inspector', LOADED], ['#/tools', 'tools-landing', '#piLaunchInput']]);
});

test('TestMapPathInspectorPane_DrawsBestRoute', { timeout: 120000 }, async () => {
  const { prefixes, inspect } = await pickPrefixes();
  const top = inspect.candidates[0];
  const v = await visit(env.browser, env.stack, `#/map?prefixes=${prefixes.join(',')}`, { waitFor: '#mapPane[data-route]' });
  const { page } = v;
  assert.equal(await page.textContent('#mapPiScore'), top.score.toFixed(3));
  assert.equal(await page.locator('#mapPane .hop-list li').count(), prefixes.length);
  const located = [];
  for (const k of top.path) located.push(await coords(env.stack.db, k));
  assert.equal(await page.getAttribute('#mapPane', 'data-route'), String(located.filter(Boolean).length), 'one drawn stop per located node');
  assert.equal(await page.getAttribute('#mapPiFull', 'href'), `#/tools/path-inspector?prefixes=${prefixes.join(',')}`);
  assert.match(page.url(), new RegExp(`prefixes=${prefixes.join('%2C')}`));
  await page.screenshot({ path: join(SHOTS, 'map-path-inspector-1280x800-light.png') });
  await page.click('#mapPane .pane-close');
  assert.doesNotMatch(page.url(), /prefixes=/, 'closing the pane drops the deep link');
  await page.click('#mapInspectBtn');
  await page.fill('#mapPiInput', prefixes.join(' '));
  await page.press('#mapPiInput', 'Enter');
  await page.waitForSelector('#mapPane[data-route]');
  assert.equal(await page.textContent('#mapPiScore'), top.score.toFixed(3));
  await page.setViewportSize({ width: 375, height: 812 });
  await page.screenshot({ path: join(SHOTS, 'map-path-inspector-375x812-light.png') });
  await done(v);
});
