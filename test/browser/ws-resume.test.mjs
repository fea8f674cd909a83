// Browser test for the resumable WebSocket (#22 item 7) against the live stack: while packets arrive at
// 50/s through Mosquitto and the real ingestor, the Live page and the Packets page lose their socket for
// 10 s; after the reconnect (with ?afterId) each shows every packet written meanwhile exactly once, and
// the Packets page did not need a REST reload to get there. Expected packets come from SQL on the stack's DB.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { liveSuite, openPage, freshHexes } from './livestack.mjs';

const run = promisify(execFile);
const suite = liveSuite();
const sql = (s) => run('sqlite3', ['-cmd', '.timeout 5000', suite.stack.db, s]).then((r) => r.stdout.trim());
const RATE = 50;
const TOTAL = 750; // 15 s at 50/s: 10 s of it while the sockets are down
const BLIP_MS = 10000;

// tapSockets wraps the page's WebSocket: it records every frame (type, id, hash) and every URL opened,
// and while window.__wsBlocked is set it closes each new socket before it opens, so reconnects fail as
// on a dead network until the blip ends.
function tapSockets() {
  const Native = window.WebSocket;
  window.__wsFrames = [];
  window.__wsUrls = [];
  window.__wsOpen = [];
  window.__wsBlocked = false;
  window.WebSocket = class extends Native {
    constructor(url, protocols) {
      super(url, protocols);
      window.__wsUrls.push(`${window.__wsBlocked ? 'blocked ' : ''}${url}`);
      if (window.__wsBlocked) { this.close(); return; }
      window.__wsOpen.push(this);
      this.addEventListener('message', (ev) => {
        try {
          const m = JSON.parse(ev.data);
          window.__wsFrames.push({ type: m.type, id: m.id, hash: m.data && m.data.hash, complete: m.data && m.data.complete });
        } catch { /* not JSON */ }
      });
      this.addEventListener('close', () => { window.__wsOpen = window.__wsOpen.filter((s) => s !== this); });
    }
  };
}

async function openTapped(path, ready) {
  const v = await openPage(suite.browser, suite.stack.base, suite.stack.tilePrefix);
  await v.context.addInitScript(tapSockets);
  v.requests = [];
  v.page.on('request', (r) => v.requests.push(r.url()));
  await v.page.goto(`${suite.stack.base}/${path}`);
  await v.page.waitForSelector(ready, { timeout: 30000 });
  await v.page.waitForFunction(() => window.__wsOpen.some((s) => s.readyState === 1), null, { timeout: 15000 });
  return v;
}

const livePkts = (page) => page.evaluate(() => Number(document.getElementById('livePktCount').textContent.replace(/,/g, '')));
const packetRows = (page) => page.evaluate(() => Number(document.getElementById('pktCount').textContent.replace(/,/g, '').match(/of (\d+)/)[1]));
const dropSockets = (page) => page.evaluate(() => { window.__wsBlocked = true; for (const s of window.__wsOpen) s.close(); });
const restore = (page) => page.evaluate(() => { window.__wsBlocked = false; });
const packetFrames = (page) => page.evaluate(() => window.__wsFrames.filter((f) => f.type === 'packet'));

test('TestWSResume_LiveAndPacketsPagesMissNothingAcrossABlip', { timeout: 180000 }, async () => {
  const live = await openTapped('#/live', '#livePage[data-loaded="true"]');
  const packets = await openTapped('#/packets', '.packets-page[data-loaded="true"]');
  const mark = Number(await sql('SELECT coalesce(max(id), 0) FROM transmissions'));
  const liveBefore = await livePkts(live.page);
  const rowsBefore = await packetRows(packets.page);

  const publishing = suite.stack.publish(await freshHexes(TOTAL), { rate: RATE });
  // Let both pages see the feed running live first, then cut them off together for 10 s.
  for (const v of [live, packets]) await v.page.waitForFunction(() => window.__wsFrames.filter((f) => f.type === 'packet').length >= 50, null, { timeout: 30000 });
  await Promise.all([dropSockets(live.page), dropSockets(packets.page)]);
  const reqMark = packets.requests.length;
  const framesAtDrop = (await packetFrames(live.page)).length;
  await new Promise((r) => setTimeout(r, BLIP_MS)); // the blip itself: the condition under test, not a wait for an event
  await Promise.all([restore(live.page), restore(packets.page)]);
  await publishing;

  // The independent answer: every transmission the ingestor wrote for this test.
  const deadline = Date.now() + 30000;
  while (Number(await sql(`SELECT count(*) FROM transmissions WHERE id > ${mark}`)) < TOTAL) {
    assert.ok(Date.now() < deadline, 'the ingestor wrote every published packet');
    await new Promise((r) => setTimeout(r, 200));
  }
  const want = (await sql(`SELECT hash FROM transmissions WHERE id > ${mark} ORDER BY id`)).split('\n');
  assert.equal(want.length, TOTAL, 'one transmission per published packet');
  assert.ok(framesAtDrop < TOTAL - RATE * 5, `the blip came while packets were still arriving (${framesAtDrop} seen before it)`);

  const state = async (v) => v.page.evaluate(() => ({ frames: window.__wsFrames.filter((f) => f.type === 'packet').length,
    resumes: window.__wsFrames.filter((f) => f.type !== 'packet'), urls: window.__wsUrls,
    live: document.getElementById('livePktCount')?.textContent, state: document.getElementById('wsStatus')?.dataset.state, rows: document.getElementById('pktCount')?.textContent }));
  try {
    await live.page.waitForFunction((n) => Number(document.getElementById('livePktCount').textContent.replace(/,/g, '')) >= n, liveBefore + TOTAL, { timeout: 60000 });
  } catch (e) {
    throw new Error(`${e.message}: before ${liveBefore}, live ${JSON.stringify(await state(live))}, packets ${JSON.stringify(await state(packets))}, errors ${JSON.stringify([live.errors, packets.errors])}`, { cause: e });
  }
  await packets.page.waitForFunction((n) => Number(document.getElementById('pktCount').textContent.replace(/,/g, '').match(/of (\d+)/)[1]) >= n, rowsBefore + TOTAL, { timeout: 60000 });
  assert.equal(await livePkts(live.page), liveBefore + TOTAL, 'Live page counted each packet once');
  assert.equal(await packetRows(packets.page), rowsBefore + TOTAL, 'Packets page holds each packet once');

  for (const [name, v] of [['live', live], ['packets', packets]]) {
    const frames = await packetFrames(v.page);
    const ids = frames.map((f) => f.id);
    assert.equal(new Set(ids).size, ids.length, `${name}: no frame id twice`);
    const got = new Set(frames.map((f) => f.hash));
    const missing = want.filter((h) => !got.has(h));
    assert.deepEqual(missing, [], `${name}: every packet written during the test reached the page`);
    const urls = await v.page.evaluate(() => window.__wsUrls);
    assert.ok(urls.filter((u) => u.startsWith('blocked ')).length >= 2, `${name}: reconnects were refused during the blip (${urls.join(', ')})`);
    assert.match(urls[urls.length - 1], /^ws:\/\/[^ ]+\/ws\?afterId=\d+$/, `${name}: reconnected with afterId`);
    const resumes = await v.page.evaluate(() => window.__wsFrames.filter((f) => f.type === 'resume'));
    assert.ok(resumes.length >= 1 && resumes.every((r) => r.complete), `${name}: the server replayed everything missed`);
  }
  const reloads = packets.requests.slice(reqMark).filter((u) => new URL(u).pathname === '/api/packets');
  assert.deepEqual(reloads, [], 'the Packets page filled the gap from the replay, without a REST reload');
  for (const v of [live, packets]) {
    const errs = v.errors.filter((e) => !/^WebSocket connection to .* failed: WebSocket is closed before the connection is established/.test(e));
    assert.deepEqual(errs, [], 'no console errors besides the blocked reconnects');
    await v.context.close();
  }
});
