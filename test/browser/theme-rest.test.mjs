// Browser test for issue #19 item 9 (rest): the operator's colours from /api/config/theme are applied
// under the browser's customizer overrides; home.steps and home.footerLinks are rendered safely; the
// favicon follows branding.faviconUrl.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useStack, visit, done } from './pagekit.mjs';
import { SHOTS, HOSTILE } from './stack.mjs';
import { axeScan } from './axe.mjs';

// The operator's config.json: expected values below are these literals, not read from the UI code.
const THEME = { accent: '#aa3300', navBg: '#223344' };
const THEME_DARK = { accent: '#ffaa33' };
const FAVICON = '/img/mesh-favicon.png';
const STEPS = [
  { emoji: '📡', title: `Listen ${HOSTILE}`, description: 'Observers <b>hear</b> packets' },
  { emoji: 'ph:database', title: 'Decode', description: 'Each packet is decoded' },
];
const LINKS = [
  { label: `Docs ${HOSTILE}`, url: 'https://example.org/docs' },
  { label: 'Evil', url: 'javascript:alert(1)' },
  { label: 'Evil tab', url: ' java\tscript:alert(2)' },
  { label: 'Evil data', url: 'data:text/html,<script>alert(3)</script>' },
  { label: 'Protocol-relative', url: '//evil.example/x' },
  { label: 'Perf', url: '#/perf' },
];
const env = useStack({ config: { theme: THEME, themeDark: THEME_DARK, branding: { faviconUrl: FAVICON },
  home: { steps: STEPS, footerLinks: LINKS } } });

const cssVar = (page, name) => page.evaluate((n) => getComputedStyle(document.documentElement).getPropertyValue(n).trim(), name);
const HOME_READY = '#homeStats .stat-card';

test('TestThemeRest_OperatorColoursUnderCustomizerOverrides', async () => {
  const v = await visit(env.browser, env.stack, '#/home', { waitFor: HOME_READY, bypassCSP: true });
  const { page } = v;
  await page.waitForFunction((c) => getComputedStyle(document.documentElement).getPropertyValue('--accent').trim() === c, THEME.accent);
  assert.equal(await cssVar(page, '--nav-bg'), THEME.navBg);
  // A colour the operator did not set keeps base.css's value (#f5f7fa light background, checked by hand).
  assert.equal(await cssVar(page, '--bg'), '#f5f7fa');
  assert.deepEqual(await axeScan(page), [], 'axe: operator colours, light');
  await page.screenshot({ path: `${SHOTS}/theme-rest-1280-light.png`, fullPage: true });
  // The browser's own customizer choice wins over the operator's.
  await page.evaluate(() => localStorage.setItem('cs-theme-overrides', JSON.stringify({ theme: { accent: '#00ff00' } })));
  await page.reload();
  await page.waitForSelector(HOME_READY);
  await page.waitForFunction(() => getComputedStyle(document.documentElement).getPropertyValue('--accent').trim() === '#00ff00');
  assert.equal(await cssVar(page, '--nav-bg'), THEME.navBg, 'the other operator colours stay');
  await page.click('#custBtn');
  await page.waitForSelector('#custPanel[data-ready="true"]');
  await page.click('#custResetAll');
  assert.equal(await cssVar(page, '--accent'), THEME.accent, 'reset falls back to the operator colour');
  await done(v);
  // Dark mode takes themeDark.
  const d = await visit(env.browser, env.stack, '#/home', { waitFor: HOME_READY, theme: 'dark', bypassCSP: true });
  await d.page.waitForFunction((c) => getComputedStyle(document.documentElement).getPropertyValue('--accent').trim() === c, THEME_DARK.accent);
  assert.equal(await cssVar(d.page, '--nav-bg'), '#0a0f1a', 'themeDark sets no navBg: base.css dark value');
  assert.deepEqual(await axeScan(d.page), [], 'axe: operator colours, dark');
  await d.page.screenshot({ path: `${SHOTS}/theme-rest-1280-dark.png`, fullPage: true });
  await done(d);
});

test('TestThemeRest_HomeStepsFooterLinksAndFavicon', async () => {
  const v = await visit(env.browser, env.stack, '#/home', { waitFor: HOME_READY, width: 375, height: 812, theme: 'dark', bypassCSP: true });
  const { page } = v;
  await page.waitForSelector('#homeSteps li');
  const steps = await page.$$eval('#homeSteps li', (lis) => lis.map((li) => ({
    title: li.querySelector('.home-step-title').textContent, desc: li.querySelector('.home-step-desc').textContent })));
  assert.deepEqual(steps, STEPS.map((s) => ({ title: s.title, desc: s.description })), 'steps in order, as text');
  assert.equal(await page.locator('#homeSteps img, #homeSteps b').count(), 0, 'hostile markup stays text');
  assert.equal(await page.textContent('#homeSteps .home-step-emoji'), '📡');
  assert.equal(await page.locator('#homeSteps .home-step-emoji').count(), 1, 'a ph: icon token is not shown as text');
  const links = await page.$$eval('#homeFooterLinks a', (as) => as.map((a) => [a.textContent, a.getAttribute('href')]));
  assert.deepEqual(links, [[LINKS[0].label, LINKS[0].url], ['Perf', '#/perf']], 'only http(s) and relative links are kept');
  assert.equal(await page.locator('#homeFooterLinks img').count(), 0);
  assert.equal(await page.getAttribute('link[rel="icon"]', 'href'), FAVICON);
  assert.equal(await page.evaluate(() => document.documentElement.scrollWidth), 375, 'nothing widens the page at 375 px');
  assert.deepEqual(await axeScan(page), [], 'axe: steps and footer, 375 dark');
  await page.screenshot({ path: `${SHOTS}/theme-rest-375-dark.png`, fullPage: true });
  await page.click('#homeFooterLinks a[href="#/perf"]');
  await page.waitForFunction(() => location.hash.startsWith('#/perf'));
  await done(v);
});
