// Shared steps for the nodes/channels/observers/perf browser tests on top of stack.mjs: open a page
// on the managed stack, read numbers, take the four screenshots (1280×800 and 375×812, light and dark).
import { join } from 'node:path';
import { newPage, open, finish, SHOTS } from './stack.mjs';

export { useStack } from './stack.mjs';

/** visit opens hash on the stack in a fresh context; opts: newPage options plus waitFor (selector). */
export function visit(browser, stack, hash, opts = {}) {
  return open(browser, stack.base, hash, opts);
}

/** done asserts no JavaScript error and no dialog (an injected script) happened, then closes. */
export const done = finish;

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
