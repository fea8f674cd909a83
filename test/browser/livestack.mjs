// Live test stack for the Map and Live pages: a copy of the fixture with every timestamp shifted so
// the newest packet is "now", a real Mosquitto, the real ingestor subscribed to it, the real server
// (map tiles pointed at a dead local port), and cmd/publish to feed packets as an observer would.
// CORESCOPE_BIN_DIR may point at prebuilt server/ingestor/publish binaries.
import { spawn, execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { mkdtemp, copyFile, rm, writeFile, readFile, access } from 'node:fs/promises';
import { createHash, randomBytes, generateKeyPairSync, sign } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { before, after } from 'node:test';
import { ROOT, FIXTURE, freePort, launch } from './stack.mjs';

const run = promisify(execFile);
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
export const VECTORS = join(ROOT, '..', 'shared', 'testdata', 'vectors.json');

/** publisherObserver is the id cmd/publish uses for its observer number i. */
export function publisherObserver(i = 0) {
  return createHash('sha256').update(`corescope-publish-observer-${i}`).digest('hex').toUpperCase();
}

function proc(bin, args, env, logs, name) {
  const p = spawn(bin, args, { cwd: ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  const buf = [];
  const keep = (d) => { buf.push(d.toString()); if (buf.length > 300) buf.shift(); };
  p.stdout.on('data', keep);
  p.stderr.on('data', keep);
  logs[name] = buf;
  return p;
}

async function stop(p) {
  if (!p || p.exitCode !== null) return;
  const done = new Promise((r) => p.once('exit', r));
  p.kill('SIGTERM');
  const t = setTimeout(() => p.kill('SIGKILL'), 8000);
  await done;
  clearTimeout(t);
}

const sql = (db, s) => run('sqlite3', ['-cmd', '.timeout 5000', db, s]).then((r) => r.stdout.trim());
const shiftText = (col, secs) => `${col} = CASE WHEN ${col} IS NULL OR ${col} = '' THEN ${col} ELSE strftime('%Y-%m-%dT%H:%M:%SZ', ${col}, '${secs >= 0 ? '+' : ''}${secs} seconds') END`;

/** shiftToNow moves every timestamp in a fixture copy so the newest transmission is now - leadSec. */
export async function shiftToNow(db, leadSec = 30) {
  const newest = Date.parse(await sql(db, 'SELECT max(first_seen) FROM transmissions'));
  if (Number.isNaN(newest)) throw new Error('fixture has no transmissions');
  const secs = Math.round((Date.now() - newest) / 1000) - leadSec;
  await sql(db, `BEGIN;
UPDATE transmissions SET ${shiftText('first_seen', secs)};
UPDATE observations SET timestamp = timestamp + ${secs};
UPDATE nodes SET ${shiftText('last_seen', secs)}, ${shiftText('first_seen', secs)};
UPDATE observers SET ${shiftText('last_seen', secs)}, ${shiftText('first_seen', secs)}, ${shiftText('last_packet_at', secs)};
UPDATE neighbor_edges SET ${shiftText('last_seen', secs)};
COMMIT;`);
  return secs;
}

/** pickAdvert returns a fixture ADVERT vector from a located node with resolved path hops. */
export async function pickAdvert(db) {
  const vectors = JSON.parse(await readFile(VECTORS, 'utf8'));
  for (const v of vectors) {
    const d = v.decoded || {};
    if (v.source !== 'fixture' || d.type !== 'ADVERT' || !d.lat || !d.lon || !(v.header_path_hops || []).length) continue;
    const n = await sql(db, `SELECT count(*) FROM nodes WHERE lower(public_key)='${String(d.pubKey).toLowerCase()}' AND lat IS NOT NULL AND lat != 0`);
    if (n === '1') return v;
  }
  throw new Error('no located ADVERT vector in the fixture');
}

/** fixtureHexes returns count distinct fixture packets (raw hex) after skipping the first skip. */
export async function fixtureHexes(count, skip = 0) {
  const vectors = JSON.parse(await readFile(VECTORS, 'utf8')).filter((v) => v.source === 'fixture' && v.raw_hex);
  return vectors.slice(skip, skip + count).map((v) => v.raw_hex);
}

/** freshHexes returns n packets never seen before: fixture RESPONSE packets with their last four bytes randomised. */
export async function freshHexes(n) {
  const base = JSON.parse(await readFile(VECTORS, 'utf8')).filter((v) => v.source === 'fixture' && v.payload_type === 1 && v.raw_hex.length >= 40);
  return Array.from({ length: n }, (_, i) => base[i % base.length].raw_hex.slice(0, -8) + randomBytes(4).toString('hex').toUpperCase());
}

/**
 * signedAdvert builds a FLOOD ADVERT without path from a new Ed25519 key: a repeater named name at
 * (lat, lon). Returns {hex, pubkey}.
 */
export function signedAdvert(name, lat, lon) {
  const { publicKey, privateKey } = generateKeyPairSync('ed25519');
  const pubkey = publicKey.export({ type: 'spki', format: 'der' }).subarray(-32);
  const when = Buffer.alloc(4);
  when.writeUInt32LE(Math.floor(Date.now() / 1000));
  const loc = Buffer.alloc(8);
  loc.writeInt32LE(Math.round(lat * 1e6), 0);
  loc.writeInt32LE(Math.round(lon * 1e6), 4);
  const appData = Buffer.concat([Buffer.from([0x80 | 0x10 | 0x02]), loc, Buffer.from(name, 'utf8')]); // has name | has location | repeater
  const signature = sign(null, Buffer.concat([pubkey, when, appData]), privateKey);
  const header = Buffer.from([(4 << 2) | 1, 0]); // ADVERT, FLOOD; path length 0
  return { hex: Buffer.concat([header, pubkey, when, signature, appData]).toString('hex').toUpperCase(), pubkey: pubkey.toString('hex') };
}

/**
 * startLiveStack returns {base, db, tilePrefix, advert, api(path), publish(hexes, {rate}), stop()}. The
 * publisher's observer 0 is given a location next to the chosen ADVERT's sender so packets animate to it.
 */
export async function startLiveStack() {
  await access(FIXTURE);
  await access(VECTORS);
  const dir = await mkdtemp(join(tmpdir(), 'corescope-live-'));
  const logs = {};
  const bins = process.env.CORESCOPE_BIN_DIR || dir;
  if (!process.env.CORESCOPE_BIN_DIR) {
    for (const c of ['server', 'ingestor', 'publish']) await run('go', ['build', '-o', join(dir, c), `./cmd/${c}`], { cwd: ROOT, maxBuffer: 1 << 24 });
  }
  const db = join(dir, 'fixture.db');
  await copyFile(FIXTURE, db);
  await shiftToNow(db);
  const advert = await pickAdvert(db);
  const obsID = publisherObserver(0);
  const d = advert.decoded;
  await sql(db, `INSERT OR REPLACE INTO nodes (public_key, name, role, lat, lon, last_seen, first_seen) VALUES ('${obsID.toLowerCase()}', 'Test Publisher', 'repeater', ${d.lat + 0.05}, ${d.lon + 0.05}, strftime('%Y-%m-%dT%H:%M:%SZ','now'), strftime('%Y-%m-%dT%H:%M:%SZ','now'));
INSERT OR REPLACE INTO observers (id, name, iata, last_seen, first_seen) VALUES ('${obsID}', 'Test Publisher', 'SFO', strftime('%Y-%m-%dT%H:%M:%SZ','now'), strftime('%Y-%m-%dT%H:%M:%SZ','now'));`);
  const mqttPort = await freePort();
  const mconf = join(dir, 'mosquitto.conf');
  await writeFile(mconf, `listener ${mqttPort} 127.0.0.1\nallow_anonymous true\n${process.getuid && process.getuid() === 0 ? 'user root\n' : ''}`);
  const mosq = proc('mosquitto', ['-c', mconf], {}, logs, 'mosquitto');
  const deadPort = await freePort();
  const tilePrefix = `http://127.0.0.1:${deadPort}/`;
  const cfg = join(dir, 'config.json');
  await writeFile(cfg, JSON.stringify({
    retention: { nodeDays: 36500, observerDays: 36500, metricsDays: 36500, packetDays: 36500, clientRxDays: 36500 }, neighborEdgesMaxAgeDays: 36500,
    map: { tiles: { light: `${tilePrefix}light/{z}/{x}/{y}.png`, dark: `${tilePrefix}dark/{z}/{x}/{y}.png` } },
  }));
  const broker = `mqtt://127.0.0.1:${mqttPort}`;
  const stats = join(dir, 'stats.json');
  const ing = proc(join(bins, 'ingestor'), ['-config', cfg], { DB_PATH: db, CORESCOPE_INGESTOR_STATS: stats, MQTT_BROKER: broker,
    CORESCOPE_INJECT_LISTEN: `127.0.0.1:${await freePort()}`, CORESCOPE_METRICS_LISTEN: '' }, logs, 'ingestor');
  const procs = [ing, mosq];
  const fail = async (msg) => { for (const p of procs) await stop(p); throw new Error(`${msg}\n${Object.entries(logs).map(([k, v]) => `${k}: ${v.join('').slice(-2000)}`).join('\n')}`); };
  let up = false;
  for (let i = 0; i < 160 && !up; i++) {
    await sleep(250);
    if (ing.exitCode !== null) await fail(`ingestor exited ${ing.exitCode}`);
    const log = logs.ingestor.join('');
    up = log.includes('ingestor running') && log.includes('mqtt connected');
  }
  if (!up) await fail('ingestor not running or not connected to Mosquitto');
  await sleep(500); // the subscription follows the connect
  const port = await freePort();
  const srv = proc(join(bins, 'server'), ['-config', cfg], { PORT: String(port), DB_PATH: db, CORESCOPE_INGESTOR_STATS: stats }, logs, 'server');
  procs.unshift(srv);
  const base = `http://127.0.0.1:${port}`;
  let ok = false;
  for (let i = 0; i < 240 && !ok; i++) {
    await sleep(250);
    if (srv.exitCode !== null) await fail(`server exited ${srv.exitCode}`);
    try { ok = (await fetch(`${base}/api/stats`)).ok; } catch { ok = false; }
  }
  if (!ok) await fail('server not ready');
  return {
    base, db, dir, logs, tilePrefix, advert, observer: obsID,
    async api(path) { const r = await fetch(`${base}/api${path}`); if (!r.ok) throw new Error(`${path}: ${r.status}`); return r.json(); },
    /** publish sends raw packets through Mosquitto as the publisher's observer 0 (status message first). */
    async publish(hexes, { rate = 0 } = {}) {
      await run(join(bins, 'publish'), ['-broker', broker, '-iata', 'SFO', '-rate', String(rate), ...hexes], { cwd: ROOT });
    },
    async stop() { for (const p of procs) await stop(p); await rm(dir, { recursive: true, force: true }); },
  };
}

/**
 * watchConsole records console errors and page errors, ignoring only failed network loads of map
 * tile URLs (the tile server is deliberately unreachable). Returns the errors array.
 */
export function watchConsole(page, tilePrefix) {
  const errors = [];
  page.on('console', (m) => {
    if (m.type() !== 'error') return;
    const url = m.location()?.url || '';
    if (url.startsWith(tilePrefix) && /^Failed to load resource: net::ERR_/.test(m.text())) return;
    errors.push(`${m.text()} @ ${url}`);
  });
  page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
  return errors;
}

/** openPage opens a context at a viewport/theme with all requests allowed except non-local hosts. */
export async function openPage(browser, base, tilePrefix, { width = 1280, height = 800, theme = 'light' } = {}) {
  const context = await browser.newContext({ viewport: { width, height }, colorScheme: theme, hasTouch: width < 500, isMobile: width < 500 });
  await context.addInitScript((t) => { try { if (!sessionStorage.getItem('seeded')) { localStorage.setItem('meshcore-theme', JSON.stringify(t)); sessionStorage.setItem('seeded', '1'); } } catch { /* about:blank */ } }, theme);
  const page = await context.newPage();
  const errors = watchConsole(page, tilePrefix);
  await page.route('**/*', (r) => { const u = r.request().url(); return u.startsWith(base) || u.startsWith(tilePrefix) ? r.continue() : r.abort(); });
  return { page, context, errors };
}

/** liveSuite registers before/after hooks that start the live stack and Chromium; returns {stack, browser} filled in by before. */
export function liveSuite() {
  const s = { stack: null, browser: null };
  before(async () => { s.stack = await startLiveStack(); s.browser = await launch(); }, { timeout: 600000 });
  after(async () => { if (s.browser) await s.browser.close(); if (s.stack) await s.stack.stop(); });
  return s;
}
