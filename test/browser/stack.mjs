// Test harness: builds and runs a real Mosquitto, the real ingestor (migrates a copy of the fixture DB and
// ingests what is published to the broker) and the real server on free 127.0.0.1 ports, and launches
// Debian's Chromium through playwright-core.
import { spawn, execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { mkdtemp, copyFile, rm, mkdir, access, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import net from 'node:net';
import { before, after } from 'node:test';
import assert from 'node:assert/strict';
import { chromium } from 'playwright-core';

const run = promisify(execFile);
export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const FIXTURE = join(ROOT, '..', 'shared', 'testdata', 'corescope-fixture.db');
export const HOSTILE = '<img src=x onerror=alert(1)>';
export const SHOTS = join(ROOT, 'test-output', 'screenshots');
export const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
export const MOSQUITTO = process.env.MOSQUITTO_PATH || '/usr/sbin/mosquitto';

/** freePort asks the kernel for an unused 127.0.0.1 port. */
export function freePort() {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.on('error', reject);
    s.listen(0, '127.0.0.1', () => { const { port } = s.address(); s.close(() => resolve(port)); });
  });
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

function startProc(bin, args, env, logName, logs) {
  const p = spawn(bin, args, { cwd: ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  const buf = [];
  const keep = (d) => { buf.push(d.toString()); if (buf.length > 400) buf.shift(); };
  p.stdout.on('data', keep);
  p.stderr.on('data', keep);
  logs[logName] = buf;
  return p;
}

async function stopProc(p) {
  if (!p || p.exitCode !== null) return;
  const done = new Promise((r) => p.once('exit', r));
  p.kill('SIGTERM');
  const t = setTimeout(() => p.kill('SIGKILL'), 10000);
  await done;
  clearTimeout(t);
}

async function sqlite(db, sql) {
  const { stdout } = await run('sqlite3', ['-cmd', '.timeout 5000', db, sql]);
  return stdout.trim();
}

/**
 * startStack builds both binaries, migrates a copy of the fixture with the real ingestor, plants a
 * hostile node name, starts the server and waits for it to answer /api/stats. Returns
 * {base, port, dir, db, logs, stop()}. Option plant({db, sql}) runs after migration and before the
 * server loads the copy (sql(statement) runs one statement with the sqlite3 CLI and returns its output).
 * Option config adds top-level keys to the config.json both processes read. Option source is the
 * database to start from instead of the fixture: a path, or a function(dir) returning one (e.g. a
 * database the simulator writes into dir).
 */
export async function startStack({ plant, config = {}, source = FIXTURE } = {}) {
  if (process.env.BASE_URL) return external(process.env.BASE_URL.replace(/\/$/, ''));
  if (typeof source !== 'function') {
    try { await access(source); } catch { throw new Error(`fixture DB missing: ${source}`); }
  }
  const dir = await mkdtemp(join(tmpdir(), 'corescope-ui-'));
  try {
    return await bootStack(dir, plant, config, source);
  } catch (e) {
    await rm(dir, { recursive: true, force: true });
    throw e;
  }
}

// bootStack does startStack's work inside dir (removed by the caller when this throws).
async function bootStack(dir, plant, config, source) {
  const logs = {};
  await buildBinaries(dir);
  const db = join(dir, 'fixture.db');
  await copyFile(typeof source === 'function' ? await source(dir) : source, db);
  const stats = join(dir, 'ingestor-stats.json');
  // The fixture is months old: keep retention from pruning it while the ingestor runs.
  const cfg = join(dir, 'config.json');
  await writeFile(cfg, JSON.stringify({ retention: { nodeDays: 36500, observerDays: 36500, metricsDays: 36500, packetDays: 36500, clientRxDays: 36500 },
    neighborEdgesMaxAgeDays: 36500, ...config }));
  const injectAddr = `127.0.0.1:${await freePort()}`;
  const injectToken = 'browser-test-inject-token-0123456789';
  const mqttPort = await freePort();
  const mosq = await startMosquitto(dir, mqttPort, logs);
  const ingEnv = { DB_PATH: db, CORESCOPE_INGESTOR_STATS: stats, MQTT_BROKER: `mqtt://127.0.0.1:${mqttPort}`,
    CORESCOPE_INJECT_LISTEN: injectAddr, CORESCOPE_INJECT_TOKEN: injectToken };
  const ing = startProc(join(dir, 'ingestor'), ['-config', cfg], ingEnv, 'ingestor', logs);
  let migrated = false;
  for (let i = 0; i < 120 && !migrated; i++) {
    await sleep(250);
    if (ing.exitCode !== null) throw new Error(`ingestor exited ${ing.exitCode}: ${logs.ingestor.join('')}`);
    migrated = logs.ingestor.join('').includes('ingestor running');
  }
  if (!migrated) { await stopProc(ing); await stopProc(mosq); throw new Error(`ingestor did not finish migrating: ${logs.ingestor.join('')}`); }
  const victim = await sqlite(db, 'SELECT public_key FROM nodes WHERE lat IS NOT NULL ORDER BY last_seen DESC LIMIT 1');
  await sqlite(db, `UPDATE nodes SET name='${HOSTILE}' WHERE public_key='${victim}'`);
  if (plant) await plant({ db, sql: (statement) => sqlite(db, statement) });
  const port = await freePort();
  // The server reads the same broker setting as the ingestor (as manage.sh run exports it to both).
  const srvEnv = { PORT: String(port), DB_PATH: db, CORESCOPE_INGESTOR_STATS: stats, MQTT_BROKER: `mqtt://127.0.0.1:${mqttPort}` };
  const srv = startProc(join(dir, 'server'), ['-config', cfg], srvEnv, 'server', logs);
  const base = `http://127.0.0.1:${port}`;
  let ok = false;
  for (let i = 0; i < 240 && !ok; i++) {
    await sleep(250);
    if (srv.exitCode !== null) throw new Error(`server exited ${srv.exitCode}: ${logs.server.join('')}`);
    try { const r = await fetch(`${base}/api/stats`); ok = r.ok; } catch { ok = false; }
  }
  if (!ok) { await stopProc(srv); await stopProc(ing); await stopProc(mosq); throw new Error(`server not ready: ${logs.server.join('')}`); }
  await mkdir(SHOTS, { recursive: true });
  return {
    base, port, dir, db, logs, victim, mqttPort,
    /** sql runs one statement on the stack's database with the sqlite3 CLI (an independent count for tests). */
    sql: (statement) => sqlite(db, statement),
    async api(path, headers) { const r = await fetch(`${base}/api${path}`, { headers }); if (!r.ok) throw new Error(`${path}: ${r.status}`); return r.json(); },
    /** inject sends a raw packet through the real ingestor (which writes it; the server then broadcasts it). */
    async inject(hex, observer = 'BROWSERTEST') {
      const r = await fetch(`http://${injectAddr}/api/inject`, { method: 'POST', headers: { 'X-API-Key': injectToken, 'Content-Type': 'application/json' },
        body: JSON.stringify({ hex, observer, snr: 9.5, rssi: -80 }) });
      const body = await r.json();
      if (!r.ok) throw new Error(`inject: ${r.status} ${JSON.stringify(body)}`);
      return body;
    },
    /**
     * publish sends a raw packet the way an observer radio does: a JSON message on
     * meshcore/<iata>/<observer>/packets at the real Mosquitto, which the real ingestor consumes.
     */
    async publish(hex, { observer = 'MQTTOBS1', iata = 'SJC', snr = 7.5, rssi = -91 } = {}) {
      const body = JSON.stringify({ origin: `Browser test ${observer}`, timestamp: new Date().toISOString(), type: 'PACKET', direction: 'rx',
        raw: hex, SNR: String(snr), RSSI: String(rssi), score: 1000 });
      await run('mosquitto_pub', ['-h', '127.0.0.1', '-p', String(mqttPort), '-q', '1', '-t', `meshcore/${iata}/${observer}/packets`, '-m', body]);
    },
    async stop() { await stopProc(srv); await stopProc(ing); await stopProc(mosq); await rm(dir, { recursive: true, force: true }); },
  };
}

// buildBinaries builds cmd/server and cmd/ingestor from this checkout into dir.
async function buildBinaries(dir) {
  await Promise.all(['server', 'ingestor'].map((b) => run('go', ['build', '-o', join(dir, b), `./cmd/${b}`], { cwd: ROOT, maxBuffer: 1 << 24 })));
}

// startMosquitto runs the broker on 127.0.0.1:port with a generated config and waits until it accepts connections.
async function startMosquitto(dir, port, logs) {
  const conf = join(dir, 'mosquitto.conf');
  const user = typeof process.geteuid === 'function' && process.geteuid() === 0 ? 'user root\n' : '';
  await writeFile(conf, `listener ${port} 127.0.0.1\n${user}allow_anonymous true\npersistence false\nlog_dest stdout\n`);
  const p = startProc(MOSQUITTO, ['-c', conf], {}, 'mosquitto', logs);
  for (let i = 0; i < 80; i++) {
    if (p.exitCode !== null) throw new Error(`mosquitto exited ${p.exitCode}: ${logs.mosquitto.join('')}`);
    const up = await new Promise((resolve) => {
      const c = net.connect(port, '127.0.0.1', () => { c.end(); resolve(true); });
      c.on('error', () => resolve(false));
    });
    if (up) return p;
    await sleep(100);
  }
  await stopProc(p);
  throw new Error(`mosquitto did not start: ${logs.mosquitto.join('')}`);
}

// external targets an already running server (BASE_URL); it must already hold a node named HOSTILE.
async function external(base) {
  await mkdir(SHOTS, { recursive: true });
  return {
    base, logs: {},
    async api(path, headers) { const r = await fetch(`${base}/api${path}`, { headers }); if (!r.ok) throw new Error(`${path}: ${r.status}`); return r.json(); },
    async inject() { throw new Error('inject needs the managed stack (unset BASE_URL)'); },
    async publish() { throw new Error('publish needs the managed stack (unset BASE_URL)'); },
    async stop() {},
  };
}

/** launch starts headless Chromium with the flags the CI box needs. */
export async function launch() {
  return chromium.launch({ executablePath: CHROMIUM, headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'] });
}

/**
 * newPage opens a page that records console errors, page errors and any dialog (a dialog means an
 * injected script ran). External requests (map tiles) are aborted so tests never touch the network.
 * bypassCSP lets a test inject its own tools (axe); the policy itself is checked by security.test.mjs.
 */
export async function newPage(browser, base, { width = 1280, height = 800, theme = 'light', bypassCSP = false } = {}) {
  const context = await browser.newContext({ viewport: { width, height }, colorScheme: theme, bypassCSP });
  // Seed the theme once per tab; later reloads must keep whatever the user toggled.
  await context.addInitScript((t) => {
    try {
      if (!sessionStorage.getItem('seeded-theme')) {
        localStorage.setItem('meshcore-theme', JSON.stringify(t));
        sessionStorage.setItem('seeded-theme', '1');
      }
    } catch { /* storage unavailable on about:blank */ }
  }, theme);
  const page = await context.newPage();
  const errors = [];
  const dialogs = [];
  const failedRequests = [];
  page.on('console', (m) => {
    if (m.type() !== 'error') return;
    const url = m.location()?.url || '';
    if (url && !url.startsWith(base)) return;
    // HTTP error statuses are API behaviour, recorded separately; everything else is a JS error.
    if (m.text().startsWith('Failed to load resource')) { failedRequests.push(`${m.text()} @ ${url}`); return; }
    if (process.env.UI_IGNORE_WS && m.text().includes('WebSocket')) return;
    errors.push(`${m.text()} @ ${url}`);
  });
  page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
  page.on('dialog', (d) => { dialogs.push(d.message()); d.dismiss().catch(() => {}); });
  await page.route('**/*', (route) => (route.request().url().startsWith(base) ? route.continue() : route.abort()));
  return { page, context, errors, dialogs, failedRequests };
}

/** open creates a page (see newPage), navigates to base/hash and waits for opts.waitFor when given. */
export async function open(browser, base, hash, opts = {}) {
  const v = await newPage(browser, base, opts);
  await v.page.goto(`${base}/${hash}`);
  if (opts.waitFor) await v.page.waitForSelector(opts.waitFor, { timeout: 20000 });
  return v;
}

/** mutateHex returns a copy of a raw packet with its last byte changed, so it hashes as a new packet. */
export function mutateHex(raw, salt = Math.floor(Math.random() * 250)) {
  const hex = String(raw).toUpperCase();
  const last = parseInt(hex.slice(-2), 16);
  return hex.slice(0, -2) + ((last + 1 + salt) % 256).toString(16).padStart(2, '0').toUpperCase();
}

/**
 * useStack registers this file's node:test before/after hooks: one stack and one Chromium per test file.
 * Returns an object whose stack and browser fields are set once the before hook has run. opts go to
 * startStack (e.g. {config: {apiKey}}).
 */
export function useStack(opts = {}) {
  const env = { stack: null, browser: null };
  before(async () => {
    env.stack = await startStack(opts);
    env.browser = await launch();
  }, { timeout: 600000 });
  after(async () => {
    if (env.browser) await env.browser.close();
    if (env.stack) await env.stack.stop();
  });
  return env;
}

/** finish asserts that a page (from newPage/open) had no JavaScript errors and opened no dialog, then closes it. */
export async function finish(v) {
  assert.deepEqual(v.errors, [], 'no JavaScript errors on the page');
  assert.deepEqual(v.dialogs, [], 'no dialog opened (no injected script ran)');
  await v.context.close();
}
