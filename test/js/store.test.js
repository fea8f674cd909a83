import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

class MemStorage {
  constructor() { this.m = new Map(); }
  getItem(k) { return this.m.has(k) ? this.m.get(k) : null; }
  setItem(k, v) { this.m.set(k, String(v)); }
  removeItem(k) { this.m.delete(k); }
}

test('TestStore_ClaimAndFavourites', async () => {
  globalThis.localStorage = new MemStorage();
  const s = await import('../../public/js/lib/store.js');
  assert.deepEqual(s.myNodes(), []);
  assert.equal(s.toggleMyNode('aa', 'Alpha'), true);
  assert.equal(s.myNodes()[0].name, 'Alpha');
  assert.equal(s.toggleMyNode('aa'), false);
  assert.deepEqual(s.myNodes(), []);
  assert.equal(s.toggleFavorite('bb'), true);
  assert.deepEqual(s.favorites(), ['bb']);
  assert.equal(s.toggleFavorite('bb'), false);
  localStorage.setItem(s.KEYS.myNodes, '{corrupt');
  assert.deepEqual(s.myNodes(), [], 'corrupt JSON falls back');
  localStorage.setItem(s.KEYS.favorites, JSON.stringify([1, 'cc', null]));
  assert.deepEqual(s.favorites(), ['cc'], 'non-strings are dropped');
  assert.equal(localStorage.getItem('meshcore-theme'), null);
  assert.equal(s.KEYS.theme, 'meshcore-theme', 'index.html inline snippet reads this key');
});

function walk(dir) {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? walk(p) : [p];
  });
}

test('TestSources_NoHTMLStringSinks', () => {
  const root = new URL('../../public/js/', import.meta.url).pathname;
  const files = walk(root).filter((f) => f.endsWith('.js'));
  assert.ok(files.length > 20);
  for (const f of files) {
    const src = readFileSync(f, 'utf8');
    for (const sink of ['.innerHTML', '.outerHTML', 'insertAdjacentHTML', 'document.write', 'eval(', 'new Function(']) {
      assert.ok(!src.includes(sink), `${f} uses ${sink}`);
    }
  }
  const html = readFileSync(new URL('../../public/index.html', import.meta.url), 'utf8');
  assert.match(html, /<script type="module" src="__ASSET_BASE__\/js\/app\.js"><\/script>/);
  assert.match(html, /<link rel="stylesheet" href="__ASSET_BASE__\/css\/base\.css">/);
  assert.ok(!/https?:\/\/(unpkg|cdn|cdnjs|jsdelivr)/.test(html), 'no CDN');
});
