// Browser tests: nodes directory (tabs, search, side pane, live adverts) and the full node page.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { generateKeyPairSync, sign, randomBytes } from 'node:crypto';
import { HOSTILE } from './stack.mjs';
import { useStack, visit, done, numText, screenshots } from './pagekit.mjs';

const env = useStack();

/** richNode finds a node with a location and at least one neighbour (falls back to any located node). */
async function richNode() {
  const nodes = (await env.stack.api('/nodes?limit=200')).nodes.filter((n) => n.lat && n.lon && n.name && n.name !== HOSTILE);
  for (const n of nodes.slice(0, 60)) {
    const nb = await env.stack.api(`/nodes/${n.public_key}/neighbors`);
    if ((nb.neighbors || []).length) return n;
  }
  return nodes[0];
}

test('TestNodesPage_TabsSearchPaneAndDeepLink', async () => {
  const api = await env.stack.api('/nodes?limit=2000');
  const v = await visit(env.browser, env.stack, '#/nodes', { waitFor: '.nodes-page[data-loaded="true"]' });
  const { page } = v;
  assert.equal(await numText(page, '#nodeCount'), `${api.nodes.length} of ${api.total} nodes`);
  for (const [tab, key] of [['repeater', 'repeaters'], ['room', 'rooms'], ['companion', 'companions'], ['sensor', 'sensors']]) {
    assert.ok((await numText(page, `[data-tab="${tab}"]`)).includes(`(${api.counts[key]})`), `${tab} count`);
  }
  assert.equal(await page.locator('#nodesBody tr').count(), api.nodes.length);
  await page.click('[data-tab="room"]');
  const rooms = api.nodes.filter((n) => n.role === 'room');
  await page.waitForFunction((w) => document.getElementById('nodeCount').textContent.replace(/,/g, '').startsWith(`${w} of`), rooms.length);
  // Row click (not the name link) opens the side pane and records ?node= in the URL.
  const target = rooms[0];
  await page.click(`#nodesBody tr[data-key="${target.public_key}"] td[data-col="role"]`);
  await page.waitForSelector('#nodesRight .node-pane-body[data-loaded="true"]');
  assert.match(page.url(), new RegExp(`node=${target.public_key}`));
  assert.match(page.url(), /tab=room/);
  assert.equal(await page.getAttribute(`#nodesBody tr[data-key="${target.public_key}"]`, 'aria-selected'), 'true');
  assert.ok((await page.textContent('#nodesRight .pubkey')).includes(target.public_key));
  await page.reload();
  await page.waitForSelector('#nodesRight .node-pane-body[data-loaded="true"]');
  assert.equal(await page.getAttribute('[data-tab="room"]', 'aria-selected'), 'true', 'tab restored');
  assert.equal(await page.textContent('#nodesRight .node-title'), target.name || `${target.public_key.slice(0, 8)}…`, 'pane restored from the URL');
  await page.keyboard.press('Escape');
  await page.waitForSelector('#nodesRight.hidden', { state: 'attached' });
  assert.doesNotMatch(page.url(), /node=/);
  assert.equal(await page.evaluate(() => document.activeElement?.dataset?.key), target.public_key, 'focus returns to the row');
  // Keyboard: Enter on a focused row opens the pane and moves focus into it.
  await page.keyboard.press('Enter');
  await page.waitForSelector('#nodesRight .node-pane-body[data-loaded="true"]');
  assert.equal(await page.evaluate(() => document.activeElement?.className), 'node-pane-close');
  await page.keyboard.press('Escape');
  await page.waitForSelector('#nodesRight.hidden', { state: 'attached' });
  // Search by key prefix and by name; the hostile name is plain text.
  await page.click('[data-tab="all"]');
  await page.fill('#nodeSearch', target.public_key.slice(0, 10));
  await page.waitForFunction((pk) => document.querySelectorAll('#nodesBody tr').length === 1
    && document.querySelector('#nodesBody tr').dataset.key === pk, target.public_key);
  await page.fill('#nodeSearch', 'onerror');
  await page.waitForFunction(() => document.querySelectorAll('#nodesBody tr').length === 1
    && document.querySelector('#nodesBody tr td[data-col="name"] a').textContent.includes('onerror'));
  assert.equal(await page.textContent('#nodesBody tr td[data-col="name"] a'), HOSTILE);
  assert.equal(await page.locator('#nodesBody img').count(), 0, 'no element was injected');
  assert.match(page.url(), /search=onerror/);
  await done(v);
});

test('TestNodesPage_RegionFilterFromURL', async () => {
  const regions = Object.keys(await env.stack.api('/config/regions'));
  assert.ok(regions.length, 'fixture observers have regions');
  const r = regions[0];
  const api = await env.stack.api(`/nodes?limit=2000&region=${r}`);
  const v = await visit(env.browser, env.stack, `#/nodes?region=${r}`, { waitFor: '.nodes-page[data-loaded="true"]' });
  assert.equal(await numText(v.page, '#nodeCount'), `${api.nodes.length} of ${api.total} nodes`, 'the first load already uses the region');
  await v.page.waitForFunction((code) => document.getElementById('nodeRegion').value === code, r);
  await v.page.selectOption('#nodeRegion', '');
  const all = await env.stack.api('/nodes?limit=2000');
  await v.page.waitForFunction((n) => document.getElementById('nodeCount').textContent.replace(/,/g, '').startsWith(`${n} of`), all.nodes.length);
  assert.doesNotMatch(v.page.url(), /region=/);
  await done(v);
});

test('TestNodePage_SectionsMatchAPI', async () => {
  const n = await richNode();
  const [detail, health, nb] = await Promise.all([env.stack.api(`/nodes/${n.public_key}`), env.stack.api(`/nodes/${n.public_key}/health`), env.stack.api(`/nodes/${n.public_key}/neighbors`)]);
  const v = await visit(env.browser, env.stack, `#/nodes/${n.public_key.slice(0, 8)}`, { waitFor: '.node-body[data-complete="true"]' });
  const { page } = v;
  await v.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: env.stack.base });
  assert.equal(await page.textContent('.node-page h1'), n.name, 'an 8-character prefix resolves');
  assert.equal(await page.textContent('.node-body .pubkey'), n.public_key);
  assert.match(await page.textContent('#node-status'), /Last heard .* ago\. .*Active when heard within/);
  for (const k of ['totalTransmissions', 'totalObservations', 'packetsToday']) {
    assert.equal(await numText(page, `[data-stat="${k}"]`), String(health.stats[k]), k);
  }
  assert.equal(await page.locator('#nodeHeardBy tbody tr').count(), health.observers.length);
  assert.equal(await page.locator('#nodeNeighbours tbody tr').count(), nb.neighbors.length);
  assert.equal(await page.locator('#nodeAdverts .advert-item').count(), detail.recentAdverts.length);
  assert.equal(await page.locator('#nodeRecent tbody tr').count(), Math.min(20, health.recentPackets.length));
  assert.equal(await page.getAttribute('.node-actions a[href$="/analytics"]', 'href'), `#/nodes/${n.public_key}/analytics`);
  // QR code from the npm library, copy button, mini-map that survives a missing tile server.
  await page.waitForSelector('#nodeQR svg.qr path');
  await page.click('#copyKeyBtn');
  assert.equal(await page.evaluate(() => navigator.clipboard.readText()), n.public_key);
  await page.waitForSelector('.node-minimap[data-ready="true"] .leaflet-marker-pane, .node-minimap[data-ready="true"] path.leaflet-interactive');
  await page.waitForFunction(() => document.querySelector('.minimap-note')?.textContent.includes('tiles unavailable'));
  await page.keyboard.press('Escape');
  await page.waitForFunction(() => location.hash === '#/nodes');
  await done(v);
});

test('TestNodePage_HostileNameAndUnknownKey', async () => {
  const v = await visit(env.browser, env.stack, `#/nodes/${env.stack.victim}`, { waitFor: '.node-body[data-loaded="true"]' });
  assert.equal(await v.page.textContent('.node-page h1'), HOSTILE);
  assert.equal(await v.page.locator('.node-page img:not(.leaflet-tile)').count(), 0, 'no element was injected');
  await v.page.goto(`${env.stack.base}/#/nodes/${'f'.repeat(64)}`);
  await v.page.waitForSelector('.node-body[data-loaded="error"]');
  assert.equal(await v.page.textContent('.node-page h1'), 'Node not found');
  await done(v);
});

/** advertHex builds a signed ADVERT (FLOOD, no path) for a fresh Ed25519 key named name. */
function advertHex(name, keys = generateKeyPairSync('ed25519')) {
  const { publicKey, privateKey } = keys;
  const pub = publicKey.export({ format: 'der', type: 'spki' }).subarray(-32);
  const ts = Buffer.alloc(4);
  ts.writeUInt32LE(Math.floor(Date.now() / 1000));
  const app = Buffer.concat([Buffer.from([0x92]), Buffer.from(new Int32Array([37500000, -122200000]).buffer), Buffer.from(name)]);
  const sig = sign(null, Buffer.concat([pub, ts, app]), privateKey);
  return { hex: Buffer.concat([Buffer.from([0x11, 0x00]), pub, ts, sig, app]).toString('hex').toUpperCase(), pubkey: pub.toString('hex'), keys };
}

test('TestNodesPage_LiveAdvertAddsNode', { skip: process.env.BASE_URL ? 'needs the managed stack' : false }, async () => {
  const v = await visit(env.browser, env.stack, '#/nodes', { waitFor: '.nodes-page[data-loaded="true"]' });
  await v.page.waitForSelector('#wsStatus[data-state="open"]');
  const name = `LiveNode-${randomBytes(3).toString('hex')}`;
  const adv = advertHex(name);
  await env.stack.inject(adv.hex);
  await v.page.waitForSelector(`#nodesBody tr[data-key="${adv.pubkey}"]`, { timeout: 20000 });
  assert.equal(await v.page.textContent(`#nodesBody tr[data-key="${adv.pubkey}"] td[data-col="name"] a`), name);
  assert.match(await v.page.textContent('#nodeLive'), /1 live advert/);
  // The node page updates live when the same node adverts again (new timestamp → new packet).
  await v.page.click(`#nodesBody tr[data-key="${adv.pubkey}"] td[data-col="name"] a`);
  await v.page.waitForSelector('.node-body[data-complete="true"]');
  assert.equal(await v.page.locator('#nodeAdverts .advert-item').count(), 1);
  await new Promise((r) => setTimeout(r, 1100));
  await env.stack.inject(advertHex(`${name}-2`, adv.keys).hex);
  await v.page.waitForFunction(() => document.querySelectorAll('#nodeAdverts .advert-item').length === 2, null, { timeout: 20000 });
  await v.page.waitForFunction((n) => document.querySelector('.node-page h1')?.textContent === n, `${name}-2`);
  assert.match(await v.page.textContent('#nodeLiveNote'), /1 new advert received live/);
  await done(v);
});

test('TestNodes_Screenshots', { timeout: 300000 }, async () => {
  const n = await richNode();
  await screenshots(env.browser, env.stack, [
    ['#/nodes', 'p2-nodes', '.nodes-page[data-loaded="true"]'],
    [`#/nodes?node=${n.public_key}`, 'p2-nodes-pane', '#nodesRight .node-pane-body[data-loaded="true"]'],
    [`#/nodes/${n.public_key}`, 'p2-node', '.node-body[data-complete="true"]'],
  ]);
});
