// Browser tests: channel list/chat, deep links, live GRP_TXT, and client-side decryption of a
// hashtag channel whose key never leaves the browser.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash, createHmac, createCipheriv, randomBytes } from 'node:crypto';
import { HOSTILE } from './stack.mjs';
import { useStack, visit, done, numText, screenshots } from './pagekit.mjs';

const env = useStack();

const PUBLIC_KEY = Buffer.from('8b3387e9c5cdea6ac9e5edbaa115cd72', 'hex');
const hashtagKey = (name) => createHash('sha256').update(name).digest().subarray(0, 16);

/** grpTxtHex encrypts "sender: text" for a 16-byte channel key into a raw FLOOD GRP_TXT packet. */
function grpTxtHex(key, text) {
  const body = Buffer.from(text);
  const plain = Buffer.alloc(Math.ceil((5 + body.length + 1) / 16) * 16);
  plain.writeUInt32LE(Math.floor(Date.now() / 1000), 0);
  body.copy(plain, 5);
  const cipher = createCipheriv('aes-128-ecb', key, null).setAutoPadding(false).update(plain);
  const mac = createHmac('sha256', Buffer.concat([key, Buffer.alloc(16)])).update(cipher).digest().subarray(0, 2);
  const hash = createHash('sha256').update(key).digest()[0];
  return Buffer.concat([Buffer.from([0x15, 0x00, hash]), mac, cipher]).toString('hex').toUpperCase();
}

async function addChannel(page, kind, value) {
  await page.click('#chAddBtn');
  await page.waitForSelector('#chAddDialog[open]');
  if (kind === 'key') {
    await page.click('#chAddDialog [data-kind="key"]');
    await page.fill('#chAddKey', value);
  } else await page.fill('#chAddName', value);
  await page.click('#chAddSubmit');
  await page.waitForSelector('#chAddDialog', { state: 'detached' });
}

test('TestChannels_ListChatDeepLinkAndMentions', async () => {
  const api = await env.stack.api('/channels');
  const v = await visit(env.browser, env.stack, '#/channels', { waitFor: '.channels-page[data-loaded="true"]' });
  const { page } = v;
  assert.equal(await page.locator('#chList .ch-item').count(), api.channels.length);
  const ch = api.channels.find((c) => c.hash === '#test') || api.channels[0];
  const msgs = await env.stack.api(`/channels/${encodeURIComponent(ch.hash)}/messages?limit=200`);
  assert.equal(await numText(page, `#chList .ch-item[data-hash="${ch.hash}"] .badge`), String(ch.messageCount));
  await page.click(`#chList .ch-item[data-hash="${ch.hash}"]`);
  await page.waitForSelector('.ch-main[data-loaded="true"]');
  assert.equal(await page.locator('#chMessages .ch-msg').count(), msgs.messages.length);
  assert.equal(await page.textContent('#chTitle'), ch.name);
  const last = msgs.messages[msgs.messages.length - 1];
  assert.equal(await page.textContent('#chMessages .ch-msg:last-of-type .ch-text-body'), last.text);
  assert.equal(await page.getAttribute('#chMessages .ch-msg:last-of-type .ch-packet-link', 'href'), `#/packets/${last.packetHash}`);
  const mentions = msgs.messages.filter((m) => /@\[[^\]]+\]/.test(m.text)).length;
  if (mentions) assert.ok(await page.locator('#chMessages .mention').count() >= mentions, '@mentions highlighted');
  await page.reload();
  await page.waitForSelector('.ch-main[data-loaded="true"]');
  assert.equal(await page.locator('#chMessages .ch-msg').count(), msgs.messages.length, 'deep link restores the channel');
  assert.equal(await page.getAttribute(`#chList .ch-item[data-hash="${ch.hash}"]`, 'aria-current'), 'true');
  await page.check('#chShowEnc');
  await page.waitForFunction(() => document.querySelector('#chList .ch-encrypted'));
  assert.match(page.url(), /encrypted=1/);
  const enc = await env.stack.api('/channels?includeEncrypted=true');
  assert.equal(await page.locator('#chList .ch-item').count(), enc.channels.length);
  await done(v);
});

test('TestChannels_HashtagDecryptsInBrowserKeyStaysLocal', async () => {
  const server = await env.stack.api('/channels/%23test/messages?limit=500');
  const v = await visit(env.browser, env.stack, '#/channels', { waitFor: '.channels-page[data-loaded="true"]' });
  const { page } = v;
  const urls = [];
  page.on('request', (r) => urls.push(`${r.url()} ${r.postData() || ''}`));
  await addChannel(page, 'hashtag', '#test');
  await page.waitForFunction(() => location.hash.startsWith('#/channels/user'));
  await page.waitForSelector('.ch-main[data-loaded="true"]');
  assert.equal(await page.locator('#chMessages .ch-msg').count(), server.messages.length, 'every #test message decrypted client-side');
  const texts = await page.locator('#chMessages .ch-msg .ch-text-body').allTextContents();
  assert.deepEqual(texts.sort(), server.messages.map((m) => m.text).sort(), 'same plaintext as the server decoder');
  const keyHex = hashtagKey('#test').toString('hex');
  assert.ok(urls.length > 0, 'the page fetched packets');
  assert.ok(urls.every((u) => !u.toLowerCase().includes(keyHex) && !u.includes('%23test')), `key never sent: ${urls.join('\n')}`);
  assert.ok(urls.some((u) => u.includes('/api/packets?') && u.includes('type=5')), 'raw GRP_TXT packets fetched for local decryption');
  assert.equal(await page.locator('#chMine .ch-item').count(), 1);
  await page.reload();
  await page.waitForSelector('.ch-main[data-loaded="true"]');
  assert.equal(await page.locator('#chMessages .ch-msg').count(), server.messages.length, 'stored key and deep link survive a reload');
  await page.click('#chRemove');
  await page.waitForFunction(() => location.hash === '#/channels');
  // The sidebar re-renders after the route change: wait for it rather than reading it at once.
  await page.waitForFunction(() => document.querySelectorAll('#chMine .ch-item').length === 0);
  // The same deep link in a browser without the key offers to add the hashtag here.
  await page.goto(`${env.stack.base}/#/channels/${encodeURIComponent('user:#test')}`);
  await page.waitForSelector('.ch-main[data-loaded="missing"]');
  await page.click('#chAddHere');
  await page.waitForFunction((n) => document.querySelectorAll('#chMessages .ch-msg').length === n, server.messages.length);
  await done(v);
});

test('TestChannels_LiveMessagesServerAndLocalKey', { skip: process.env.BASE_URL ? 'needs the managed stack' : false }, async () => {
  const name = `#ui-${randomBytes(3).toString('hex')}`;
  const v = await visit(env.browser, env.stack, '#/channels/Public', { waitFor: '.ch-main[data-loaded="true"]' });
  const { page } = v;
  await page.waitForSelector('#wsStatus[data-state="open"]');
  // Server-decrypted channel (built-in Public key): the message arrives over the WebSocket.
  const pubText = `live ${randomBytes(2).toString('hex')} ${HOSTILE}`;
  await env.stack.inject(grpTxtHex(PUBLIC_KEY, `tester: ${pubText}`));
  await page.waitForFunction((t) => [...document.querySelectorAll('#chMessages .ch-text-body')].some((e) => e.textContent === t), pubText, { timeout: 20000 });
  assert.equal(await page.locator('#chMessages img').count(), 0, 'hostile text stays text');
  // A channel only this env.browser knows: the server stores it encrypted, the page decrypts it live.
  await addChannel(page, 'hashtag', name);
  await page.waitForSelector('.ch-main[data-loaded="true"]');
  const secret = `hello @[alice] ${randomBytes(2).toString('hex')}`;
  await env.stack.inject(grpTxtHex(hashtagKey(name), `bob: ${secret}`));
  await page.waitForFunction((t) => [...document.querySelectorAll('#chMessages .ch-text-body')].some((e) => e.textContent === t), secret, { timeout: 20000 });
  assert.equal(await page.textContent('#chMessages .ch-msg:last-of-type .ch-sender'), 'bob');
  assert.equal(await page.textContent('#chMessages .ch-msg:last-of-type .mention'), '@[alice]');
  const listed = (await env.stack.api('/channels')).channels.map((c) => c.name);
  assert.ok(!listed.includes(name), 'the server could not decrypt it');
  await page.waitForFunction((id) => /bob: hello/.test(document.querySelector(`#chMine .ch-item[data-hash="${id}"] .ch-preview`)?.textContent || ''), `user:${name}`);
  await done(v);
});

test('TestChannels_LoadOlderMessages', async () => {
  const v = await visit(env.browser, env.stack, '#/channels', { waitFor: '.channels-page[data-loaded="true"]' });
  const { page } = v;
  // A long channel (250 messages) served page by page, newest page first, each page oldest→newest.
  const all = Array.from({ length: 250 }, (_, i) => ({ sender: 'bot', text: `m${i}`, timestamp: new Date(Date.UTC(2026, 4, 17, 10, 0, i)).toISOString(),
    packetHash: i.toString(16).padStart(16, '0'), repeats: 1, hops: 0, snr: null }));
  await page.route((u) => u.pathname.endsWith('/api/channels/%23big/messages'), (r) => {
    const u = new URL(r.request().url());
    const off = Number(u.searchParams.get('offset') || 0);
    const lim = Number(u.searchParams.get('limit') || 100);
    const end = all.length - off;
    r.fulfill({ json: { messages: all.slice(Math.max(0, end - lim), end), total: all.length } });
  });
  await page.goto(`${env.stack.base}/#/channels/%23big`);
  await page.waitForSelector('.ch-main[data-loaded="true"]');
  assert.equal(await page.locator('#chMessages .ch-msg').count(), 200);
  assert.equal(await page.textContent('#chOlder'), 'Load older messages (50 more)');
  await page.click('#chOlder');
  await page.waitForFunction(() => document.querySelectorAll('#chMessages .ch-msg').length === 250);
  assert.equal(await page.locator('#chMessages .ch-msg .ch-text-body').first().textContent(), 'm0');
  assert.equal(await page.textContent('#chMessages .ch-msg:last-of-type .ch-text-body'), 'm249');
  assert.equal(await page.locator('#chOlder').count(), 0, 'nothing older left');
  await done(v);
});

test('TestChannels_Screenshots', { timeout: 300000 }, async () => {
  await screenshots(env.browser, env.stack, [
    ['#/channels', 'p2-channels', '.channels-page[data-loaded="true"]'],
    ['#/channels/%23test', 'p2-channel-chat', '.ch-main[data-loaded="true"]'],
  ]);
});
