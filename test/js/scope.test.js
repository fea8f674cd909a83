// Unit tests for public/js/logic/scope.js: how a packet's scope_name is labelled.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import './vendor-resolve.mjs';

// Dynamic imports: the SPA modules reach /vendor/@noble/…, resolved by the hook registered above.
const { scopeInfo, scopeSortKey, transportCode } = await import('../../public/js/logic/scope.js');
const { wsChannelMessage } = await import('../../public/js/logic/chat.js');

// A transport flood (route 0) whose code1 bytes on the wire are C5 FB (header 14, then C5FB 0000).
const RAW = '14C5FB00000011AABB';

test('TestScopeInfo_NamedUnlistedUnscoped', () => {
  assert.deepEqual(scopeInfo({ scope_name: '#oak', raw_hex: RAW, route_type: 0 }),
    { kind: 'named', label: '#oak', title: 'Scoped to region #oak (transport code C5FB)' });
  assert.equal(scopeInfo({ scope_name: '', raw_hex: RAW, route_type: 0 }).label, 'scoped C5FB');
  assert.equal(scopeInfo({ scope_name: '' }).label, 'scoped', 'no raw bytes (channel message): no code');
  assert.equal(scopeInfo({ scope_name: null, raw_hex: '1100AA', route_type: 1 }).label, 'unscoped');
  assert.equal(scopeInfo({ hash: 'ab' }), null, 'a shape without scope_name says nothing');
  assert.equal(scopeInfo(null), null);
});

test('TestTransportCode_OnlyTransportRoutes', () => {
  assert.equal(transportCode(RAW, 0), 'C5FB');
  assert.equal(transportCode(RAW.toLowerCase(), 3), 'C5FB');
  assert.equal(transportCode(RAW, 1), null, 'a plain flood has no transport code');
  assert.equal(transportCode('14C5', 0), null, 'truncated');
  assert.equal(transportCode('14ZZZZ', 0), null, 'not hex');
});

test('TestScopeSortKey_NamedThenUnlistedThenUnscoped', () => {
  const rows = [{ scope_name: null }, { scope_name: '#sjc' }, { scope_name: '' }, { scope_name: '#Bay' }, {}];
  const keys = rows.map(scopeSortKey);
  assert.deepEqual(keys, ['2', '0 #sjc', '1 scoped', '0 #bay', null]);
});

test('TestWsChannelMessage_KeepsScopeName', () => {
  const frame = { payload_type: 5, hash: 'aa', scope_name: '#oak', decoded: { payload: { channel: 'Public', text: 'hi', sender: 'Al' } } };
  assert.equal(wsChannelMessage(frame).message.scope_name, '#oak');
  assert.equal(wsChannelMessage({ ...frame, scope_name: null }).message.scope_name, null);
  assert.ok(!('scope_name' in wsChannelMessage({ ...frame, scope_name: undefined }).message), 'absent stays absent');
});
