import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createCipheriv, createHmac } from 'node:crypto';
import './vendor-resolve.mjs';

// Dynamic imports: the SPA modules reach /vendor/@noble/…, resolved by the hook registered above.
const { mentionParts, makeUserChannel, keyRing, shareURL, decryptPackets } = await import('../../public/js/logic/chat.js');
const { hashtagKey, channelHashByte, bytesToHex } = await import('../../public/js/logic/channel-crypto.js');

test('TestChat_MentionParts', () => {
  assert.deepEqual(mentionParts('hi @[Bob Smith] and @alice!'), [
    { text: 'hi ', mention: false }, { text: '@[Bob Smith]', mention: true, name: 'Bob Smith' },
    { text: ' and ', mention: false }, { text: '@alice', mention: true, name: 'alice' }, { text: '!', mention: false }]);
  assert.deepEqual(mentionParts('plain'), [{ text: 'plain', mention: false }]);
  assert.deepEqual(mentionParts(''), []);
  assert.equal(mentionParts('<img src=x onerror=alert(1)>').map((p) => p.text).join(''), '<img src=x onerror=alert(1)>');
});

test('TestChat_MakeUserChannel', () => {
  const h = makeUserChannel({ kind: 'hashtag', name: 'test' });
  assert.deepEqual(h, { id: 'user:#test', name: '#test', keyHex: '9cd8fcf22a47333b591d96a2b848b73f', kind: 'hashtag' });
  const k = makeUserChannel({ kind: 'key', key: '8B3387E9C5CDEA6AC9E5EDBAA115CD72', label: ' Public ' });
  assert.equal(k.keyHex, '8b3387e9c5cdea6ac9e5edbaa115cd72');
  assert.equal(k.name, 'Public');
  assert.equal(makeUserChannel({ kind: 'key', key: '8b3387e9c5cdea6ac9e5edbaa115cd72' }).name, 'Key 8b3387e9');
  assert.throws(() => makeUserChannel({ kind: 'hashtag', name: '  ' }), /channel name/);
  assert.throws(() => makeUserChannel({ kind: 'key', key: 'abc' }), /32 hexadecimal/);
  assert.equal(keyRing([h, { id: 'x', keyHex: 'bad' }, null]).length, 1, 'corrupt stored entries are skipped');
  assert.equal(shareURL(h), 'meshcore://channel/add?name=%23test&secret=9cd8fcf22a47333b591d96a2b848b73f');
});

function grpPacket(name, text, ts) {
  const key = hashtagKey(name);
  const plain = Buffer.alloc(Math.ceil((5 + Buffer.byteLength(text) + 1) / 16) * 16);
  plain.writeUInt32LE(ts, 0);
  Buffer.from(text).copy(plain, 5);
  const c = createCipheriv('aes-128-ecb', Buffer.from(key), null).setAutoPadding(false).update(plain);
  const mac = createHmac('sha256', Buffer.concat([Buffer.from(key), Buffer.alloc(16)])).update(c).digest().subarray(0, 2);
  return `1501AB${bytesToHex(Buffer.concat([Buffer.from([channelHashByte(key)]), mac, c]))}`;
}

test('TestChat_DecryptPacketsGroupsAndSorts', () => {
  const ring = keyRing([makeUserChannel({ kind: 'hashtag', name: '#a' }), makeUserChannel({ kind: 'hashtag', name: '#b' })]);
  const rows = [
    { hash: 'h2', raw_hex: grpPacket('#a', 'bob: second', 2), timestamp: '2026-05-17T10:00:02Z', observation_count: 3, path_json: '["AB"]' },
    { hash: 'h1', raw_hex: grpPacket('#a', 'alice: first', 1), timestamp: '2026-05-17T10:00:01Z' },
    { hash: 'h1', raw_hex: grpPacket('#a', 'alice: first', 1), timestamp: '2026-05-17T10:00:01Z' },
    { hash: 'h3', raw_hex: grpPacket('#b', 'carol: hi', 3), timestamp: '2026-05-17T10:00:03Z' },
    { hash: 'h4', raw_hex: grpPacket('#zzz', 'eve: nope', 4), timestamp: '2026-05-17T10:00:04Z' },
  ];
  const m = decryptPackets(ring, rows);
  assert.deepEqual(m.get('user:#a').map((x) => x.text), ['first', 'second'], 'oldest first, duplicates dropped');
  assert.equal(m.get('user:#a')[1].repeats, 3);
  assert.equal(m.get('user:#a')[1].hops, 1);
  assert.equal(m.get('user:#a')[0].sender, 'alice');
  assert.equal(m.get('user:#b').length, 1);
  assert.equal(m.has('user:#zzz'), false);
  assert.equal(decryptPackets([], rows).size, 0);
});

test('TestChat_InitialsOfKeepsEmojiWhole', async () => {
  const { initialsOf } = await import('../../public/js/logic/chat.js');
  assert.equal(initialsOf('BLORKO 🦑'), 'B🦑');
  assert.equal(initialsOf('#test'), 'TE');
  assert.equal(initialsOf('🦑x'), '🦑X');
  assert.equal(initialsOf(''), '?');
  assert.equal(initialsOf('alice_bob'), 'AB');
});

test('TestChat_WSChannelMessage', async () => {
  const { wsChannelMessage } = await import('../../public/js/logic/chat.js');
  assert.equal(wsChannelMessage({ payload_type: 4 }), null);
  assert.equal(wsChannelMessage(null), null);
  const dec = wsChannelMessage({ payload_type: 5, hash: 'h', timestamp: 't', snr: 4, path_json: '["AA","BB"]',
    decoded_json: JSON.stringify({ type: 'CHAN', channel: '#test', sender: 'bob', text: 'bob: hi @[x]', sender_timestamp: 7 }) });
  assert.deepEqual(dec, { channel: '#test', message: { timestamp: 't', packetHash: 'h', repeats: 1, hops: 2, snr: 4, sender: 'bob', text: 'hi @[x]', sender_timestamp: 7 } });
  const viaDecoded = wsChannelMessage({ payload_type: 5, hash: 'h', decoded: { payload: { channel: 'Public', text: 'x' } } });
  assert.equal(viaDecoded.channel, 'Public');
  assert.equal(viaDecoded.message.sender, '');
  const enc = wsChannelMessage({ payload_type: 5, hash: 'h', timestamp: 't', decoded_json: JSON.stringify({ type: 'GRP_TXT', channelHashHex: '6e' }) });
  assert.deepEqual(enc, { channel: 'enc_6E', message: null, timestamp: 't' });
  assert.equal(wsChannelMessage({ payload_type: 5, decoded_json: 'not json' }).channel, null);
});
