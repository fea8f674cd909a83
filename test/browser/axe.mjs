// axe-core WCAG 2 A/AA scan shared by the browser suites (a11y.test.mjs scans every route; suites with
// their own stack scan the states only they reach, such as an empty or unmigrated database).
import { join } from 'node:path';
import { ROOT } from './stack.mjs';

const AXE = join(ROOT, 'node_modules', 'axe-core', 'axe.min.js');

/**
 * axeScan runs axe on the page as it is now and returns the serious and critical violations. The page
 * must be opened with bypassCSP: axe injects its script and styles inline, which the CSP would block.
 */
export async function axeScan(page) {
  await page.addScriptTag({ path: AXE });
  return page.evaluate(async () => {
    const r = await window.axe.run(document, { runOnly: ['wcag2a', 'wcag2aa'] });
    return r.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => `${v.id} (${v.impact}, ${v.nodes.length}×): ${v.nodes.slice(0, 3).map((n) => `${n.target.join(' ')} — ${(n.failureSummary || '').split('\n').slice(1, 2).join('').trim()}`).join(' | ')}`);
  });
}
