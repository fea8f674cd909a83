// Shared steps for the nodes/channels/observers/perf browser tests: open a page on the managed stack,
// assert a clean console, take the four screenshots (1280×800 and 375×812, light and dark).
import { before, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { newPage, SHOTS, startStack, launch } from './stack.mjs';

/** useStack registers before/after hooks that start the managed stack and Chromium; returns {stack, browser}. */
export function useStack() {
  const env = { stack: null, browser: null };
  before(async () => {
    env.stack = await startStack();
    env.browser = await launch();
  }, { timeout: 600000 });
  after(async () => {
    if (env.browser) await env.browser.close();
    if (env.stack) await env.stack.stop();
  });
  return env;
}

/** visit opens hash in a fresh context; opts: newPage options plus waitFor (selector). */
export async function visit(browser, stack, hash, opts = {}) {
  const v = await newPage(browser, stack.base, opts);
  await v.page.goto(`${stack.base}/${hash}`);
  if (opts.waitFor) await v.page.waitForSelector(opts.waitFor, { timeout: 20000 });
  return v;
}

/** done asserts no JavaScript error and no dialog (an injected script) happened, then closes. */
export async function done(v) {
  assert.deepEqual(v.errors, [], 'no JavaScript errors on the page');
  assert.deepEqual(v.dialogs, [], 'no dialog opened (no injected script ran)');
  await v.context.close();
}

/** numText reads an element's text without thousands separators. */
export async function numText(page, sel) {
  return (await page.textContent(sel)).replace(/,/g, '').trim();
}

/** screenshots saves <name>-<w>x<h>-<theme>.png for each route [hash, name, waitFor]. */
export async function screenshots(browser, stack, routes) {
  for (const theme of ['light', 'dark']) {
    for (const [width, height] of [[1280, 800], [375, 812]]) {
      const v = await newPage(browser, stack.base, { width, height, theme });
      for (const [hash, name, waitFor] of routes) {
        await v.page.goto(`${stack.base}/${hash}`);
        if (waitFor) await v.page.waitForSelector(waitFor, { timeout: 20000 });
        await v.page.waitForLoadState('networkidle').catch(() => {});
        await v.page.waitForTimeout(300);
        await v.page.screenshot({ path: join(SHOTS, `${name}-${width}x${height}-${theme}.png`) });
      }
      await done(v);
    }
  }
}
