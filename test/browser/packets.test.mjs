// Browser tests for the packets feed, its detail pane and BYOP, against the real server, ingestor and Mosquitto.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { open, newPage, mutateHex, useStack, finish, HOSTILE } from './stack.mjs';

const env = useStack();
const managed = !process.env.BASE_URL;

const LOADED = '.packets-page[data-loaded="true"]';
// The fixture is months old and the feed opens on the last 15 minutes: tests that count fixture rows ask for all time.
const ALL = '#/packets?timeWindow=0';
const visit = (hash, opts = {}) => open(env.browser, env.stack.base, hash, { waitFor: LOADED, ...opts });
const num = async (page, sel) => (await page.textContent(sel)).replace(/,/g, '');
const showing = (page, x, y, timeout = 15000) => page.waitForFunction(([a, b]) => document.getElementById('pktCount').textContent.replace(/,/g, '')
  .startsWith(`Showing ${a} of ${b} packets`), [x, y], { timeout });

const done = finish;

// showingFresh waits until the page says "Showing X of Y" for the API's current answer: a packet
// published by an earlier test may still be on its way into the store when a test starts.
async function showingFresh(page, query, pred) {
  const deadline = Date.now() + 20000;
  for (;;) {
    const all = await env.stack.api(query);
    const x = all.packets.filter(pred).length;
    try {
      await showing(page, x, all.total, 2000);
      return;
    } catch (e) {
      if (Date.now() > deadline) throw e;
    }
  }
}

test('TestPackets_CountsMatchAPIAndFilterLanguage', async () => {
  const all = await env.stack.api('/packets?limit=10000&groupByHash=true');
  const n = all.total;
  assert.equal(all.packets.length, n, 'fixture fits one page');
  const v = await visit(ALL);
  const { page } = v;
  await showing(page, n, n);
  const rendered = await page.locator('#pktBody tr.vt-row').count();
  assert.ok(rendered > 5 && rendered < n, `virtual scrolling renders a window (${rendered} of ${n} rows)`);
  const adverts = all.packets.filter((p) => p.payload_type === 4).length;
  await page.fill('#packetFilterInput', 'type == ADVERT');
  await page.press('#packetFilterInput', 'Enter');
  await showing(page, adverts, n);
  assert.match(page.url(), /filter=type/);
  const strong = all.packets.filter((p) => p.payload_type === 4 && typeof p.snr === 'number' && p.snr > 5).length;
  await page.fill('#packetFilterInput', 'type == advert && snr > 5');
  await page.press('#packetFilterInput', 'Enter');
  await showing(page, strong, n);
  await page.reload();
  await page.waitForSelector(LOADED);
  assert.equal(await page.inputValue('#packetFilterInput'), 'type == advert && snr > 5', 'expression restored from URL');
  await showing(page, strong, n);
  await page.fill('#packetFilterInput', 'hash == 3a4f');
  await page.press('#packetFilterInput', 'Enter');
  await page.waitForSelector('#filterError:has-text("quoted")');
  assert.equal(await page.getAttribute('#packetFilterInput', 'aria-invalid'), 'true');
  await showing(page, n, n);
  await page.fill('#packetFilterInput', '(type == ADVERT');
  await page.press('#packetFilterInput', 'Enter');
  await page.waitForSelector('#filterError:has-text("Expected")');
  await done(v);
});

test('TestPackets_ServerFiltersInURLAndMatchAPI', async () => {
  const region = await env.stack.api('/packets?limit=10000&groupByHash=true&region=SFO');
  const v = await visit(ALL);
  const { page } = v;
  await page.click('#fRegion summary');
  await page.check('#fRegion input[data-value="SFO"]');
  await page.waitForFunction(() => location.hash.includes('region=SFO'));
  await showing(page, region.total, region.total);
  const ch = (await env.stack.api('/channels')).channels.find((c) => c.messageCount > 1);
  const chan = await env.stack.api(`/packets?limit=10000&groupByHash=true&region=SFO&channel=${encodeURIComponent(ch.hash)}`);
  await page.selectOption('#fChannel', ch.hash);
  await page.waitForFunction(() => location.hash.includes('channel='));
  await showing(page, chan.total, chan.total);
  await page.reload();
  await page.waitForSelector(LOADED);
  await showing(page, chan.total, chan.total);
  assert.equal(await page.inputValue('#fChannel'), ch.hash, 'channel restored from URL');
  assert.equal(await page.isChecked('#fRegion input[data-value="SFO"]'), true, 'region restored from URL');
  await page.click('#fClear');
  await page.waitForFunction(() => location.hash === '#/packets'); // Clear all returns to the default window too
  const obs = (await env.stack.api('/observers')).observers[0];
  const byObs = await env.stack.api(`/packets?limit=10000&groupByHash=true&observer=${encodeURIComponent(obs.id)}&type=4`);
  await page.goto(`${env.stack.base}/#/packets?observer=${encodeURIComponent(obs.id)}&type=4&timeWindow=1440`);
  await page.waitForSelector(LOADED);
  // The fixture is older than 24 h: the time window must empty the list, "All time" brings the rows back.
  await showing(page, 0, 0);
  await page.selectOption('#fTimeWindow', '0');
  await showing(page, byObs.total, byObs.total);
  await page.waitForFunction(() => location.hash.includes('timeWindow=0'));
  await page.goto(`${env.stack.base}/#/packets?group=0`);
  await page.waitForSelector(LOADED);
  await page.click('#fGroup');
  await page.waitForFunction(() => !location.hash.includes('group=0'));
  await done(v);
});

test('TestPackets_SortResizeAndVirtualScroll', async () => {
  const all = (await env.stack.api('/packets?limit=10000&groupByHash=true')).packets;
  const sizes = all.map((p) => p.raw_hex.length / 2);
  const v = await visit(ALL);
  const { page } = v;
  await page.click('#pktTable th[data-col="size"] button');
  await page.waitForFunction(() => location.hash.includes('sort=size%3Aasc') || location.hash.includes('sort=size:asc'));
  const firstSize = async () => Number(await page.textContent('#pktBody tr.vt-row td[data-col="size"]'));
  assert.equal(await firstSize(), Math.min(...sizes));
  await page.click('#pktTable th[data-col="size"] button');
  await page.waitForFunction(() => /sort=size(&|$)/.test(location.hash));
  assert.equal(await firstSize(), Math.max(...sizes));
  assert.equal(await page.getAttribute('#pktTable th[data-col="size"]', 'aria-sort'), 'descending');
  const handle = page.locator('#pktTable .vt-resize[data-col="observer"]');
  const w0 = Number(await handle.getAttribute('aria-valuenow'));
  await handle.focus();
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowRight');
  assert.equal(Number(await handle.getAttribute('aria-valuenow')), w0 + 32);
  await page.reload();
  await page.waitForSelector(LOADED);
  assert.equal(Number(await page.getAttribute('#pktTable .vt-resize[data-col="observer"]', 'aria-valuenow')), w0 + 32, 'width persisted');
  const smallest = [...all].sort((a, b) => b.raw_hex.length - a.raw_hex.length).at(-1);
  await page.locator('.vt-scroll').evaluate((el) => { el.scrollTop = el.scrollHeight; });
  await page.waitForFunction((h) => [...document.querySelectorAll('#pktBody tr.vt-row')].some((r) => r.dataset.key === h), smallest.hash);
  assert.ok(await page.locator('#pktBody tr.vt-row').count() < all.length, 'only a window of rows is in the DOM');
  // Keyboard: focus a row, move with arrows, open it with Enter.
  await page.locator('.vt-scroll').evaluate((el) => { el.scrollTop = 0; });
  await page.locator('#pktBody tr.vt-row').first().click({ position: { x: 200, y: 10 } });
  await page.waitForSelector('#pktRight[data-loaded="true"]');
  await page.locator('#pktBody tr.vt-row').first().focus();
  await page.keyboard.press('ArrowDown');
  const second = await page.evaluate(() => document.activeElement.dataset.key);
  await page.keyboard.press('Enter');
  await page.waitForFunction((h) => location.hash.startsWith(`#/packets/${h}`), second);
  await done(v);
});

test('TestPackets_DetailHexBreakdownAndActions', async () => {
  const all = (await env.stack.api('/packets?limit=10000&groupByHash=true')).packets;
  const withPath = all.find((p) => p.payload_type === 4 && p.route_type === 1 && (parseInt(p.raw_hex.slice(2, 4), 16) & 0x3f) > 1);
  assert.ok(withPath, 'fixture has a flooded advert with a path');
  const det = await env.stack.api(`/packets/${withPath.hash}`);
  const obs = det.observations[0];
  const raw = obs.raw_hex || det.packet.raw_hex;
  const pl = parseInt(raw.slice(2, 4), 16);
  const hops = pl & 0x3f;
  const v = await visit(`#/packets/${withPath.hash}?timeWindow=0`, { waitFor: '#pktRight[data-loaded="true"] .hex-dump' });
  const { page } = v;
  assert.equal(await page.locator('#pktRight .hex-dump .hex-byte').count(), raw.length / 2);
  assert.equal(await page.locator('#pktRight .hex-dump .hex-byte.hex-path').count(), ((pl >> 6) + 1) * hops, 'path bytes = hops x hash size');
  assert.equal(await page.textContent('#pktRight .hop-badge'), `${hops} hops`);
  assert.equal(await page.locator('#pktRight dl.detail-meta .hop-chip').count(), hops, 'one chip per hop');
  const fields = await page.locator('#pktRight table.field-table tbody tr td:nth-child(2)').allTextContents();
  for (const f of ['Header', 'Path Length', `Path (${hops} hops)`, 'PubKey', 'Timestamp', 'Signature', 'Flags']) assert.ok(fields.includes(f), `field row ${f}`);
  assert.ok(await page.locator('#pktRight .hex-legend li').count() >= 5, 'colour legend');
  assert.equal(await page.getAttribute('#pktRight a[data-action="map"]', 'href'), `#/map?packet=${withPath.hash}&obs=${obs.id}`);
  assert.equal(await page.getAttribute('#pktRight a[data-action="trace"]', 'href'), `#/tools/trace/${withPath.hash}`);
  assert.equal(await page.getAttribute(`#pktBody tr[data-key="${withPath.hash}"]`, 'aria-selected'), 'true', 'selected row highlighted');
  await page.reload();
  await page.waitForSelector('#pktRight[data-loaded="true"] .hex-dump');
  await page.click('#pktRight [data-action="replay"]');
  await page.waitForFunction((h) => location.hash.startsWith(`#/live?replay=${h}`), withPath.hash);
  assert.equal(JSON.parse(await page.evaluate(() => sessionStorage.getItem('corescope-live-replay'))).hash, withPath.hash);
  await page.goto(`${env.stack.base}/#/packets/${withPath.hash}`);
  await page.waitForSelector('#pktRight[data-loaded="true"]');
  await page.locator('#pktBody').click({ position: { x: 5, y: 5 } }).catch(() => {});
  await page.keyboard.press('Escape');
  await page.waitForFunction(() => location.hash === '#/packets');
  assert.equal(await page.locator('#pktRight.hidden').count(), 1);
  // A decrypted channel message shows its text and adds the decrypted rows to the field table.
  const chan = all.find((p) => p.payload_type === 5 && JSON.parse(p.decoded_json || '{}').text);
  const dec = JSON.parse(chan.decoded_json);
  await page.goto(`${env.stack.base}/#/packets/${chan.hash}`);
  await page.waitForSelector('#pktRight[data-loaded="true"] .msg-box');
  assert.ok((await page.textContent('#pktRight .msg-box')).includes(dec.sender));
  const rows = await page.locator('#pktRight table.field-table tr.decrypted-row td:nth-child(2)').allTextContents();
  assert.deepEqual(rows.slice(0, 2), ['Channel', 'Sender']);
  assert.ok(rows.includes('Text'));
  // Grouped channel message without a key shows the "no key" notice.
  const enc = all.find((p) => p.payload_type === 5 && !JSON.parse(p.decoded_json || '{}').text);
  if (enc) {
    await page.goto(`${env.stack.base}/#/packets/${enc.hash}`);
    await page.waitForSelector('#pktRight[data-loaded="true"]');
    assert.match(await page.textContent('#pktRight .msg-box'), /no key/);
  }
  await done(v);
});

test('TestPackets_StandaloneAndBYOP', async () => {
  const p = (await env.stack.api('/packets?limit=1')).packets[0];
  const v = await open(env.browser, env.stack.base, `#/packet/${p.hash}`, { waitFor: '.packet-page .card[data-loaded="true"]' });
  const { page } = v;
  assert.equal(await page.locator('.packet-page .hex-dump').count(), 1);
  await page.goto(`${env.stack.base}/#/packet/ffffffffffffffff`);
  await page.waitForSelector('text=Packet not found');
  await page.goto(`${env.stack.base}/#/packets`);
  await page.waitForSelector(LOADED);
  await page.click('#byopBtn');
  await page.waitForSelector('#byopInput:focus');
  await page.fill('#byopInput', p.raw_hex.match(/../g).join(' '));
  await page.keyboard.press('Control+Enter');
  await page.waitForSelector('#byopOutput .hex-dump');
  assert.equal(await page.locator('#byopOutput .hex-byte').count(), p.raw_hex.length / 2);
  await page.fill('#byopInput', 'zz');
  await page.click('#byopDecode');
  await page.waitForSelector('#byopOutput .error-text');
  await page.keyboard.press('Escape');
  assert.equal(await page.locator('.modal-overlay').count(), 0);
  assert.equal(await page.evaluate(() => document.activeElement.id), 'byopBtn', 'focus returns to the opener');
  await done(v);
});

test('TestPackets_LiveGroupsPauseAndExpand', { skip: managed ? false : 'needs the managed stack' }, async () => {
  const base = (await env.stack.api('/packets?limit=300')).packets.find((p) => p.payload_type === 0 && p.raw_hex);
  const hex = mutateHex(base.raw_hex);
  const v = await visit('#/packets');
  const { page } = v;
  await page.waitForSelector('#wsStatus[data-state="open"]');
  const n = Number((await num(page, '#pktCount')).match(/of (\d+)/)[1]);
  await env.stack.publish(hex, { observer: 'MQTTOBS1', iata: 'SJC' });
  await page.waitForFunction((k) => document.getElementById('pktCount').textContent.replace(/,/g, '').includes(`of ${k} packets`), n + 1, { timeout: 20000 });
  const hash = await page.getAttribute('#pktBody tr.vt-row', 'data-key');
  const api = await env.stack.api(`/packets/${hash}`);
  assert.equal(api.packet.raw_hex.toUpperCase(), hex, 'the new row is the published packet');
  await env.stack.publish(hex, { observer: 'MQTTOBS2', iata: 'SFO' });
  await page.waitForFunction((h) => document.querySelector(`#pktBody tr[data-key="${h}"] td[data-col="rpt"]`)?.textContent === '2', hash, { timeout: 20000 });
  await page.click(`#pktBody tr[data-key="${hash}"] .caret`);
  await page.waitForFunction((h) => document.querySelectorAll(`#pktBody tr.child-row[data-key^="${h}:"]`).length === 2, hash);
  const childKeys = () => page.$$eval(`#pktBody tr.child-row[data-key^="${hash}:"]`, (rs) => rs.map((r) => r.dataset.key));
  const asc = await childKeys();
  await page.selectOption('#fObsSort', 'time-desc');
  assert.deepEqual(await childKeys(), [...asc].reverse(), 'observation order follows the Obs sort');
  await page.selectOption('#fObsSort', 'time');
  await page.locator(`#pktBody tr.child-row[data-key^="${hash}:"]`).nth(1).click({ position: { x: 200, y: 10 } });
  await page.waitForFunction(() => /obs=\d+/.test(location.hash));
  await page.waitForSelector('#pktRight[data-loaded="true"] .obs-table');
  assert.match(await page.textContent('#pktRight'), /observation 2 of 2/);
  await page.click('#pktPause');
  assert.equal(await page.textContent('#pktLiveState'), 'Paused · 0 buffered');
  const hex2 = mutateHex(base.raw_hex, 7 + Math.floor(Math.random() * 100));
  await env.stack.publish(hex2, { observer: 'MQTTOBS1', iata: 'SJC' });
  await page.waitForFunction(() => document.getElementById('pktPause').textContent === 'Resume (1)', null, { timeout: 20000 });
  assert.match(await num(page, '#pktCount'), new RegExp(`of ${n + 1} packets`), 'paused: nothing merged');
  await page.click('#pktPause');
  await page.waitForFunction((k) => document.getElementById('pktCount').textContent.replace(/,/g, '').includes(`of ${k} packets`), n + 2);
  assert.equal(await page.textContent('#pktPause'), 'Pause');
  await done(v);
});

test('TestPackets_MyNodesToggle', async () => {
  const node = (await env.stack.api('/nodes?limit=50')).nodes.find((x) => x.role === 'repeater');
  const mine = await env.stack.api(`/packets?limit=10000&nodes=${node.public_key}`);
  const v = await visit(ALL);
  const { page } = v;
  await page.evaluate((pk) => localStorage.setItem('meshcore-my-nodes', JSON.stringify([{ pubkey: pk, name: 'x', addedAt: '' }])), node.public_key);
  await page.click('#fMine');
  await page.waitForFunction(() => location.hash.includes('mine=1'));
  await showing(page, mine.packets.length, mine.packets.length);
  assert.ok(mine.packets.length > 0, 'the repeater has packets');
  await page.reload();
  await page.waitForSelector(LOADED);
  assert.equal(await page.getAttribute('#fMine', 'aria-pressed'), 'true');
  await done(v);
});

test('TestPackets_VirtualScroll50kRows', { timeout: 120000 }, async () => {
  // 50 000 rows shaped like the real grouped feed, served in the API's pages: the table keeps only a window in the DOM.
  const sample = (await env.stack.api('/packets?limit=200&groupByHash=true')).packets;
  const t0 = Date.parse('2026-05-17T18:00:00Z');
  const rows = Array.from({ length: 50000 }, (_, i) => ({ ...sample[i % sample.length], hash: (0xa000000000000 + i).toString(16).padStart(16, '0'),
    latest: new Date(t0 - i * 1000).toISOString(), observation_count: 1, count: 1 }));
  const adverts = rows.filter((r) => r.payload_type === 4).length;
  const v = await newPage(env.browser, env.stack.base);
  const { page } = v;
  await page.route((url) => url.pathname === '/api/packets' && url.searchParams.get('groupByHash') === 'true', (route) => {
    const u = new URL(route.request().url());
    const limit = Number(u.searchParams.get('limit'));
    const offset = Number(u.searchParams.get('offset') || 0);
    route.fulfill({ json: { packets: rows.slice(offset, offset + limit), total: rows.length, limit, offset } });
  });
  await page.goto(`${env.stack.base}/#/packets`);
  await page.waitForSelector(LOADED, { timeout: 60000 });
  await showing(page, 50000, 50000);
  assert.ok(await page.locator('#pktBody tr.vt-row').count() < 80, 'only the visible window is rendered');
  assert.equal(await page.getAttribute('#pktTable', 'aria-rowcount'), '50000');
  await page.locator('.vt-scroll').evaluate((el) => { el.scrollTop = el.scrollHeight; });
  await page.waitForFunction((h) => !!document.querySelector(`#pktBody tr[data-key="${h}"]`), rows[49999].hash);
  await page.locator('.vt-scroll').evaluate((el) => { el.scrollTop = el.scrollHeight / 2; });
  await page.waitForFunction((h) => !!document.querySelector(`#pktBody tr[data-key="${h}"]`), rows[25000].hash);
  assert.ok(await page.locator('#pktBody tr.vt-row').count() < 80);
  await page.fill('#packetFilterInput', 'type == ADVERT');
  await page.press('#packetFilterInput', 'Enter');
  await showing(page, adverts, 50000);
  await done(v);
});

test('TestPackets_RightClickFilterAndNodeRoute', async () => {
  const all = await env.stack.api('/packets?limit=10000&groupByHash=true');
  const v = await visit(ALL);
  const { page } = v;
  const first = all.packets[0];
  const typeName = { 0: 'REQ', 1: 'RESPONSE', 2: 'TXT_MSG', 3: 'ACK', 4: 'ADVERT', 5: 'GRP_TXT', 6: 'GRP_DATA', 7: 'ANON_REQ', 8: 'PATH', 9: 'TRACE', 11: 'CONTROL' }[first.payload_type];
  await page.click(`#pktBody tr[data-key="${first.hash}"] td[data-col="type"]`, { button: 'right' });
  await page.waitForFunction((t) => document.getElementById('packetFilterInput').value === `type == ${t}`, typeName);
  await showingFresh(page, '/packets?limit=10000&groupByHash=true', (p) => p.payload_type === first.payload_type);
  await page.click(`#pktBody tr[data-key="${first.hash}"] td[data-col="size"]`, { button: 'right' });
  await page.waitForFunction((s) => document.getElementById('packetFilterInput').value.endsWith(`&& size == ${s}`), first.raw_hex.length / 2);
  // Keyboard: Tab reaches the table region; Enter focuses a row.
  await page.focus('.vt-scroll');
  await page.keyboard.press('Enter');
  assert.equal(await page.evaluate(() => document.activeElement.tagName), 'TR');
  // Colour by hash: on by default (a stripe per row), off with the toggle.
  const stripe = () => page.$eval('#pktBody tr.vt-row', (tr) => tr.style.getPropertyValue('--stripe'));
  assert.equal(await page.getAttribute('#fHashColor', 'aria-pressed'), 'true');
  assert.notEqual(await stripe(), '');
  await page.click('#fHashColor');
  await page.waitForFunction(() => document.querySelector('#pktBody tr.vt-row').style.getPropertyValue('--stripe') === '');
  assert.equal(await page.getAttribute('#fHashColor', 'aria-pressed'), 'false');
  await page.click('#fHashColor');
  await page.waitForFunction(() => document.querySelector('#pktBody tr.vt-row').style.getPropertyValue('--stripe') !== '');
  // Absolute time display, remembered across reloads.
  await page.click('#fAbsTime');
  const timeText = () => page.textContent('#pktBody tr.vt-row td[data-col="time"]');
  assert.match(await timeText(), /^(\d\d-\d\d \d\d:\d\d|\d\d:\d\d:\d\d)$/);
  await page.reload();
  await page.waitForSelector(LOADED);
  assert.match(await timeText(), /^(\d\d-\d\d \d\d:\d\d|\d\d:\d\d:\d\d)$/);
  // #/packets/<pubkey> shows that node's packets (server-side node filter).
  const node = (await env.stack.api('/nodes?limit=50')).nodes.find((n) => n.role === 'repeater');
  const byNode = await env.stack.api(`/packets?limit=10000&groupByHash=true&node=${node.public_key}`);
  await page.goto(`${env.stack.base}/#/packets/${node.public_key}?timeWindow=0`);
  await page.waitForSelector(LOADED);
  await showing(page, byNode.total, byNode.total);
  assert.equal(await page.inputValue('#fNode'), node.public_key);
  await done(v);
});

test('TestPackets_SavedFiltersAndAutocomplete', async () => {
  const all = await env.stack.api('/packets?limit=10000&groupByHash=true');
  const v = await visit(ALL);
  const { page } = v;
  await page.fill('#packetFilterInput', 'type == TRA');
  await page.waitForSelector('#filterSuggest li:has-text("TRACE")');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Enter');
  assert.equal(await page.inputValue('#packetFilterInput'), 'type == TRACE ');
  const traces = all.packets.filter((p) => p.payload_type === 9).length;
  await showing(page, traces, all.total);
  await page.click('.filter-save summary');
  await page.fill('#filterSaveName', 'Traces only');
  await page.click('.filter-save button[type="submit"]');
  await page.waitForSelector('.saved-filters option:has-text("Traces only")', { state: 'attached' });
  await page.reload();
  await page.waitForSelector(LOADED);
  await page.fill('#packetFilterInput', '');
  await page.press('#packetFilterInput', 'Enter');
  await showing(page, all.total, all.total);
  await page.selectOption('.saved-filters', { label: 'Traces only' });
  await showing(page, traces, all.total);
  await page.selectOption('.saved-filters', { label: 'Adverts only' });
  await showing(page, all.packets.filter((p) => p.payload_type === 4).length, all.total);
  await done(v);
});

test('TestPackets_HostileHopNameRendersAsText', { skip: managed ? false : 'needs the managed stack (planted node)' }, async () => {
  const pk = env.stack.victim;
  const txs = (await env.stack.api('/packets?limit=10000&expand=observations')).packets;
  const through = txs.flatMap((t) => t.observations).filter((o) => (o.resolved_path || []).includes(pk)).length;
  const observations = Number(await env.stack.sql('SELECT count(*) FROM observations'));
  assert.ok(through > 0, 'the fixture routes a packet through the planted node');
  const v = await visit(`#/packets?group=0&timeWindow=0&filter=${encodeURIComponent(`routed_through contains "${pk}"`)}`);
  const { page } = v;
  await page.waitForFunction(([a, b]) => document.getElementById('pktCount').textContent.replace(/,/g, '')
    .startsWith(`Showing ${a} of ${b} observations`), [through, observations]);
  await page.waitForFunction((name) => [...document.querySelectorAll('#pktBody td[data-col="path"] .hop-chip')].some((c) => c.textContent === name), HOSTILE);
  assert.equal(await page.locator('#pktBody img, #pktRight img').count(), 0, 'no element injected');
  await page.locator('#pktBody tr.vt-row').first().click({ position: { x: 200, y: 10 } });
  await page.waitForSelector('#pktRight[data-loaded="true"]');
  assert.equal(await page.locator('#pktRight img').count(), 0);
  await done(v);
});

// apiRequest waits for the page's next /api/packets request and returns its query parameters.
const apiRequest = (page, pred = () => true) => page.waitForRequest((r) => {
  const u = new URL(r.url());
  return u.pathname === '/api/packets' && pred(u.searchParams);
}).then((r) => new URL(r.url()).searchParams);

test('TestPackets_DefaultWindowAndServerSideFilters', async () => {
  // The feed opens on the last 15 minutes: the request carries since and the URL stays clean.
  const v = await newPage(env.browser, env.stack.base);
  const { page } = v;
  const first = apiRequest(page, (p) => p.get('groupByHash') === 'true');
  const t0 = Date.now();
  await page.goto(`${env.stack.base}/#/packets`);
  const q0 = await first;
  await page.waitForSelector(LOADED);
  const since = Date.parse(q0.get('since'));
  assert.ok(Math.abs(since - (t0 - 15 * 60000)) < 60000, `default since ≈ now − 15 min (got ${q0.get('since')})`);
  assert.equal(await page.inputValue('#fTimeWindow'), '15');
  assert.equal(await page.evaluate(() => location.hash), '#/packets', 'the default window stays out of the URL');
  const inWindow = Number(await env.stack.sql(`SELECT count(*) FROM transmissions WHERE first_seen > '${q0.get('since')}' AND hash != ''`));
  await showing(page, inWindow, inWindow);
  // Changing the window goes to the URL and to the server; "All time" is kept as timeWindow=0.
  const feed = (p) => p.get('groupByHash') === 'true';
  let next = apiRequest(page, feed);
  await page.selectOption('#fTimeWindow', '60');
  const q1 = await next;
  assert.ok(Math.abs(Date.parse(q1.get('since')) - (Date.now() - 60 * 60000)) < 60000, 'since follows the window');
  await page.waitForFunction(() => location.hash.includes('timeWindow=60'));
  next = apiRequest(page, feed);
  await page.selectOption('#fTimeWindow', '0');
  assert.equal((await next).get('since'), null, 'All time sends no since');
  await page.waitForFunction(() => location.hash.includes('timeWindow=0'));
  await page.reload();
  await page.waitForSelector(LOADED);
  assert.equal(await page.inputValue('#fTimeWindow'), '0', 'All time survives a reload');
  // Several types go to the server as one list; the count equals SQL over the fixture.
  const types = Number(await env.stack.sql("SELECT count(*) FROM transmissions WHERE payload_type IN (4,5) AND hash != ''"));
  await page.click('#fType summary');
  next = apiRequest(page, (p) => p.get('type') === '4');
  await page.check('#fType input[data-value="4"]');
  await next;
  next = apiRequest(page, (p) => p.get('type') === '4,5');
  await page.check('#fType input[data-value="5"]');
  await next;
  await showing(page, types, types);
  await page.waitForFunction(() => location.hash.includes('type=4%2C5') || location.hash.includes('type=4,5'));
  await page.keyboard.press('Escape');
  // Region and observer go to the server too.
  const sfo = (await env.stack.api('/observers?region=SFO')).observers;
  next = apiRequest(page, (p) => p.get('region') === 'SFO');
  await page.click('#fRegion summary');
  await page.check('#fRegion input[data-value="SFO"]');
  const qr = await next;
  assert.equal(qr.get('type'), '4,5', 'filters combine in one request');
  await page.keyboard.press('Escape');
  const obs = [...sfo].sort((a, b) => b.packet_count - a.packet_count)[0];
  next = apiRequest(page, (p) => p.get('observer') === obs.id);
  await page.click('#fObserver summary');
  await page.check(`#fObserver input[data-value="${obs.id}"]`);
  const qo = await next;
  assert.equal(qo.get('region'), 'SFO');
  const want = await env.stack.api(`/packets?limit=10000&groupByHash=true&type=4,5&region=SFO&observer=${encodeURIComponent(obs.id)}`);
  await showing(page, want.total, want.total);
  await done(v);
});

test('TestPackets_UngroupedListsEveryObservation', { skip: managed ? false : 'needs the managed stack' }, async () => {
  // One packet heard by three observers with different signal: three rows, each with that observer's SNR/RSSI.
  const base = (await env.stack.api('/packets?limit=300')).packets.find((p) => p.payload_type === 0 && p.raw_hex);
  const hex = mutateHex(base.raw_hex, 31 + Math.floor(Math.random() * 150));
  const heard = [{ observer: 'FLATOBS1', iata: 'SJC', snr: 11.5, rssi: -71 }, { observer: 'FLATOBS2', iata: 'SFO', snr: -4.5, rssi: -117 },
    { observer: 'FLATOBS3', iata: 'SJC', snr: 2, rssi: -99 }];
  for (const h of heard) await env.stack.publish(hex, h);
  let tx = null;
  // Poll until the ingestor has written and the server has followed all three.
  for (let i = 0; i < 200 && !(tx && tx.observation_count === 3); i++) {
    tx = (await env.stack.api('/packets?limit=20&expand=observations')).packets.find((p) => p.raw_hex.toUpperCase() === hex) || null;
    if (!(tx && tx.observation_count === 3)) await new Promise((r) => setTimeout(r, 100));
  }
  assert.equal(tx?.observation_count, 3, 'the store holds the three observations');
  const v = await newPage(env.browser, env.stack.base);
  const { page } = v;
  const req = apiRequest(page, (p) => p.get('expand') === 'observations');
  await page.goto(`${env.stack.base}/#/packets?group=0`);
  const q = await req;
  assert.equal(q.get('groupByHash'), null);
  assert.ok(q.get('since'), 'the default window applies to the ungrouped feed');
  await page.waitForSelector(LOADED);
  // Independent count: every observation of a transmission first seen in the window.
  const want = Number(await env.stack.sql(`SELECT count(*) FROM observations o JOIN transmissions t ON t.id = o.transmission_id
    WHERE t.first_seen > '${q.get('since')}' AND t.hash != ''`));
  assert.ok(want >= 3);
  await page.waitForFunction((n) => document.getElementById('pktCount').textContent.replace(/,/g, '').startsWith(`Showing ${n} of ${n} observations`), want);
  assert.equal(await page.getAttribute('#pktTable', 'aria-rowcount'), String(want));
  const rows = page.locator(`#pktBody tr.vt-row[data-key^="${tx.hash}:"]`);
  assert.equal(await rows.count(), 3, 'one row per observation of the packet');
  const cells = await rows.evaluateAll((trs) => trs.map((tr) => ['observer', 'snr', 'rssi', 'region'].map((c) => tr.querySelector(`td[data-col="${c}"]`).textContent.trim())));
  const expected = tx.observations.map((o) => [o.observer_name || o.observer_id, o.snr.toFixed(1), String(Math.round(o.rssi)), o.observer_iata]);
  assert.deepEqual(cells.map((c) => c.join('|')).sort(), expected.map((c) => c.join('|')).sort());
  assert.deepEqual(heard.map((h) => h.snr.toFixed(1)).sort(), cells.map((c) => c[1]).sort(), 'SNR as each observer heard it');
  // A row opens that observation.
  const key = await rows.nth(1).getAttribute('data-key');
  await rows.nth(1).click({ position: { x: 200, y: 10 } });
  await page.waitForFunction((k) => location.hash.startsWith(`#/packets/${k.split(':')[0]}`) && location.hash.includes(`obs=${k.split(':')[1]}`), key);
  await page.waitForSelector(`#pktBody tr[data-key="${key}"][aria-selected="true"]`);
  // Region narrows to the observations heard there (server selects the packets, the rows keep only SJC ears).
  const reqSJC = apiRequest(page, (p) => p.get('region') === 'SJC' && p.get('expand') === 'observations');
  await page.click('#fRegion summary');
  await page.check('#fRegion input[data-value="SJC"]');
  await reqSJC;
  await page.waitForFunction((h) => document.querySelectorAll(`#pktBody tr.vt-row[data-key^="${h}:"]`).length === 2, tx.hash);
  await done(v);
});

test('TestPackets_ColumnsFitAt1280AndNoPageOverflowAt375', async () => {
  // Region and Type never truncate at 1280 px: header label and every rendered badge fit their cells.
  const v = await visit(`${ALL}&sort=type`);
  const { page } = v;
  const clipped = (pg = page, cols = ['region', 'type']) => pg.evaluate((list) => {
    const out = [];
    for (const col of list) {
      const th = document.querySelector(`#pktTable th[data-col="${col}"]`);
      const label = th.querySelector('button') || th;
      if (label.getBoundingClientRect().right > th.getBoundingClientRect().right - 8) out.push(`${col} header`);
      for (const td of document.querySelectorAll(`#pktBody td[data-col="${col}"]`)) {
        const last = td.lastElementChild;
        if (td.scrollWidth > td.clientWidth || (last && last.getBoundingClientRect().right > td.getBoundingClientRect().right)) out.push(`${col}: ${td.textContent}`);
      }
    }
    return out;
  }, cols);
  const kinds = new Set();
  const scroller = page.locator('.vt-scroll');
  for (let top = 0; ; top += 400) {
    await scroller.evaluate((el, t) => { el.scrollTop = t; }, top);
    // the table renders the new slice on the next animation frame
    await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
    for (const t of await page.$$eval('#pktBody td[data-col="type"]', (tds) => tds.map((td) => td.textContent))) kinds.add(t);
    assert.deepEqual(await clipped(), [], 'Region/Type cells fit');
    if (await scroller.evaluate((el) => el.scrollTop + el.clientHeight >= el.scrollHeight - 1)) break;
  }
  assert.ok([...kinds].some((k) => k.startsWith('Channel Msg')), `the widest label was checked (${[...kinds].join(', ')})`);
  await done(v);
  // At 375 px the page never scrolls sideways: the table scrolls inside its own container.
  for (const hash of [ALL, `${ALL}&group=0`, '#/observers', '#/analytics']) {
    const m = await open(env.browser, env.stack.base, hash, { width: 375, height: 812, waitFor: hash.startsWith('#/packets') ? LOADED : '.page' });
    const over = await m.page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(over <= 0, `${hash}: page overflows by ${over}px at 375`);
    if (hash.startsWith('#/packets')) assert.deepEqual(await clipped(m.page, ['type']), [], 'Type badges fit at 375 too');
    await done(m);
  }
});
