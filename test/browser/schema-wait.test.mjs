// Browser test for a server pointed at a database the ingestor has not migrated (a copy of the
// existing CoreScope's fixture, as it is): the page says exactly what to run, and once the ingestor's
// -migrate-only step has run, the banner goes and the page loads the data without a reload.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { mkdtemp, copyFile, rm, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT, FIXTURE, SHOTS, freePort, launch, newPage, finish } from './stack.mjs';
import { axeScan } from './axe.mjs';

const run = promisify(execFile);
const env = { dir: null, server: null, browser: null, base: '', db: '' };

before(async () => {
  env.dir = await mkdtemp(join(tmpdir(), 'corescope-schema-'));
  await Promise.all(['server', 'ingestor'].map((b) => run('go', ['build', '-o', join(env.dir, b), `./cmd/${b}`], { cwd: ROOT, maxBuffer: 1 << 24 })));
  env.db = join(env.dir, 'existing.db');
  await copyFile(FIXTURE, env.db);
  const port = await freePort();
  env.base = `http://127.0.0.1:${port}`;
  env.server = spawn(join(env.dir, 'server'), ['-config', join(env.dir, 'none.json'), '-db', env.db, '-public', join(ROOT, 'public'),
    '-vendor', join(ROOT, 'node_modules')], { cwd: ROOT, env: { ...process.env, PORT: String(port), CORESCOPE_INGESTOR_STATS: join(env.dir, 's.json') },
    stdio: 'ignore' });
  env.browser = await launch();
  await mkdir(SHOTS, { recursive: true });
}, { timeout: 600000 });
after(async () => {
  if (env.browser) await env.browser.close();
  if (env.server) env.server.kill('SIGTERM');
  if (env.dir) await rm(env.dir, { recursive: true, force: true });
});

test('TestSchemaWait_BannerSaysWhatToRunAndClears', async () => {
  const v = await newPage(env.browser, env.base, { bypassCSP: true });
  for (let i = 0; i < 100; i++) { try { await v.page.goto(`${env.base}/#/home`); break; } catch { await new Promise((r) => setTimeout(r, 200)); } }
  await v.page.waitForSelector('#schemaBanner:not(.hidden)', { timeout: 20000 });
  assert.match(await v.page.textContent('#schemaBanner'), /corescope-ingestor -migrate-only/);
  await v.page.screenshot({ path: join(SHOTS, 'schema-wait-1280x800-light.png') });
  assert.deepEqual(await axeScan(v.page), [], 'axe on the schema-wait banner');
  await run(join(env.dir, 'ingestor'), ['-config', join(env.dir, 'none.json'), '-db', env.db, '-migrate-only']);
  // The page's own retries reach the migrated server: the banner goes and the fixture's counts show.
  await v.page.waitForSelector('#schemaBanner.hidden', { state: 'attached', timeout: 60000 });
  await v.page.waitForFunction(() => document.querySelector('[data-stat="transmissions"] .stat-value')?.textContent === '499', null, { timeout: 60000 });
  // Failed API answers while waiting are the behaviour under test, not page errors.
  await finish(v);
});
