import { test, mock } from 'node:test';
import assert from 'node:assert/strict';

// A fake WebSocket that records instances so the test drives open/message/close by hand.
class FakeSocket {
  static all = [];
  constructor(url) {
    this.url = url;
    this.readyState = 0;
    this.listeners = {};
    FakeSocket.all.push(this);
  }
  addEventListener(type, fn) { (this.listeners[type] ||= []).push(fn); }
  emit(type, ev = {}) { for (const fn of this.listeners[type] || []) fn(ev); }
  open() { this.readyState = 1; this.emit('open'); }
  close() { this.readyState = 3; this.emit('close'); }
}

test('TestWS_SubscribeReconnectBackoff', async () => {
  mock.timers.enable({ apis: ['setTimeout'] });
  globalThis.WebSocket = FakeSocket;
  globalThis.location = { protocol: 'http:', host: '127.0.0.1:3000' };
  const ws = await import('../../public/js/lib/ws.js');
  const states = [];
  ws.onStatus((s) => states.push(s));
  const got = [];
  const unsub = ws.subscribe('packet', (d) => got.push(d.id));
  const all = [];
  ws.subscribe('*', (d, m) => all.push(m.type));

  ws.connect();
  assert.equal(FakeSocket.all.length, 1);
  assert.equal(FakeSocket.all[0].url, 'ws://127.0.0.1:3000/ws');
  ws.connect();
  assert.equal(FakeSocket.all.length, 1, 'connect is idempotent while connecting');
  FakeSocket.all[0].open();
  assert.equal(ws.wsState(), 'open');
  FakeSocket.all[0].emit('message', { data: JSON.stringify({ type: 'packet', data: { id: 7 } }) });
  FakeSocket.all[0].emit('message', { data: 'not json' });
  FakeSocket.all[0].emit('message', { data: JSON.stringify({ type: 'other', data: {} }) });
  assert.deepEqual(got, [7]);
  assert.deepEqual(all, ['packet', 'other']);

  // Close: reconnect after 1 s, then 2 s, then 4 s while failing.
  FakeSocket.all[0].close();
  assert.equal(ws.wsState(), 'closed');
  mock.timers.tick(999);
  assert.equal(FakeSocket.all.length, 1);
  mock.timers.tick(1);
  assert.equal(FakeSocket.all.length, 2);
  FakeSocket.all[1].close();
  mock.timers.tick(1999);
  assert.equal(FakeSocket.all.length, 2);
  mock.timers.tick(1);
  assert.equal(FakeSocket.all.length, 3);
  // A successful open resets the backoff to 1 s.
  FakeSocket.all[2].open();
  FakeSocket.all[2].close();
  mock.timers.tick(1000);
  assert.equal(FakeSocket.all.length, 4);

  unsub();
  FakeSocket.all[3].open();
  FakeSocket.all[3].emit('message', { data: JSON.stringify({ type: 'packet', data: { id: 8 } }) });
  assert.deepEqual(got, [7], 'unsubscribed handler is not called');
  assert.deepEqual(states.slice(0, 3), ['connecting', 'connecting', 'open']);
  mock.timers.reset();
});
