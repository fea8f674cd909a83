// Audio Lab (#/audio-lab?minutes=&bucket=&to=&speed=): the packets of a time window, bucketed by
// GET /api/audio-lab/buckets (its `timeline`), played as notes (type → timbre, SNR → volume, hops → pitch; the
// shared components/sonify.js player the Live page's audio toggle uses too). One bucket plays per
// second of playback at 1×; the bar of the bucket being played is highlighted and its notes listed.
import { h, replace } from '../lib/dom.js';
import { getJSON, isAbort } from '../lib/api.js';
import { buildHash } from '../lib/url.js';
import { absTime, fmtNum, fmtDec, shortHash } from '../lib/format.js';
import { pageCSS } from '../components/map/tiles.js';
import { player, noteFor, TIMBRES, OTHER_TIMBRE } from '../components/sonify.js';

const MINUTES = [15, 60, 180, 360, 1440];
const BUCKETS = [10, 30, 60, 300, 900];
const SPEEDS = [0.5, 1, 2, 4, 8];
const DEFAULTS = { minutes: 60, bucket: 60, speed: 1 };

/** pick returns v when it is one of the allowed numbers, else the default. */
const pick = (v, allowed, d) => (allowed.includes(Number(v)) ? Number(v) : d);

/** mount renders the Audio Lab page. */
export function mount(el, ctx) {
  pageCSS('audio-lab.css');
  const ctrl = new AbortController();
  const st = { minutes: pick(ctx.query.minutes, MINUTES, DEFAULTS.minutes), bucket: pick(ctx.query.bucket, BUCKETS, DEFAULTS.bucket),
    speed: pick(ctx.query.speed, SPEEDS, DEFAULTS.speed), to: /^\d{4}-\d\d-\d\dT[\d:]+Z$/.test(ctx.query.to || '') ? ctx.query.to : '' };
  let data = null;
  let idx = 0;
  let timer = null;
  let playing = false;
  const page = h('section', { id: 'audioLabPage', class: 'page audio-lab-page', 'aria-labelledby': 'alHeading', dataset: { state: 'stopped', audio: 'none', scheduled: '0', bucket: '-1' } });
  const sound = player((state, n) => { page.dataset.audio = state; page.dataset.scheduled = String(n); });
  const select = (id, label, values, cur, fmt) => h('label', { class: 'al-field' }, h('span', null, label),
    h('select', { id, onChange: (e) => { st[id.slice(2).toLowerCase()] = Number(e.target.value); changed(id !== 'alSpeed'); } },
      values.map((v) => h('option', { value: v, selected: v === cur }, fmt(v)))));
  const playBtn = h('button', { type: 'button', id: 'alPlay', class: 'primary', 'aria-pressed': 'false', onClick: () => (playing ? pause() : play()) }, 'Play');
  const stopBtn = h('button', { type: 'button', id: 'alStop', onClick: () => stop() }, 'Stop');
  const summary = h('p', { id: 'alSummary', class: 'muted', 'aria-live': 'polite' }, 'Loading…');
  const bars = h('ol', { id: 'alBars', class: 'al-bars', 'aria-label': 'Packets per time bucket' });
  const axis = h('div', { class: 'al-axis muted', 'aria-hidden': 'true' });
  const now = h('div', { id: 'alNow', class: 'al-now', 'aria-live': 'off' });
  // Playback starts at the first bucket with packets, so Play is never a long silence.
  const firstBusy = () => Math.max(0, data ? data.timeline.findIndex((b) => b.count > 0) : 0);
  const legend = h('table', { class: 'al-legend' }, h('caption', null, 'How packets sound'),
    h('thead', null, h('tr', null, h('th', { scope: 'col' }, 'Packet'), h('th', { scope: 'col' }, 'Sound'))),
    h('tbody', null, h('tr', null, h('td', null, 'Payload type'), h('td', null, `timbre: ${Object.entries(TIMBRES).map(([k, v]) => `${k} ${v}`).join(', ')}, other ${OTHER_TIMBRE}`)),
      h('tr', null, h('td', null, 'SNR'), h('td', null, 'volume: −20 dB quiet … +15 dB loud')),
      h('tr', null, h('td', null, 'Hops'), h('td', null, 'pitch: two semitones higher per hop from A3')),
      h('tr', null, h('td', null, 'Size'), h('td', null, 'note length'))));
  replace(el, page);
  page.append(h('h1', { id: 'alHeading' }, 'Audio Lab'),
    h('p', { class: 'muted' }, 'Hear your mesh: every packet of the window becomes a note. One bucket plays per second at 1×.'),
    h('div', { class: 'toolbar al-controls' }, select('alMinutes', 'Window', MINUTES, st.minutes, (v) => (v < 60 ? `${v} min` : `${v / 60} h`)),
      select('alBucket', 'Bucket', BUCKETS, st.bucket, (v) => (v < 60 ? `${v} s` : `${v / 60} min`)),
      select('alSpeed', 'Speed', SPEEDS, st.speed, (v) => `${v}×`), playBtn, stopBtn),
    summary, h('div', { class: 'card al-viz' }, bars, axis, now), legend);
  if (!sound.supported()) summary.textContent = 'This browser has no Web Audio: the buckets are shown but cannot be played.';

  function changed(reload) {
    history.replaceState(null, '', buildHash('audio-lab', { minutes: st.minutes, bucket: st.bucket, speed: st.speed, to: st.to }, DEFAULTS));
    if (reload) { stop(); load(); } else if (playing) { clearTimeout(timer); step(); }
  }
  function highlight() {
    page.dataset.bucket = String(idx);
    for (const li of bars.children) li.classList.toggle('playing', Number(li.dataset.index) === idx);
    const b = data?.timeline[idx];
    if (!b) { replace(now); return; }
    replace(now, h('h2', null, `${absTime(b.start)} · ${fmtNum(b.count)} packet${b.count === 1 ? '' : 's'}`),
      b.packets.length ? h('ul', { class: 'al-notes plain-list' }, b.packets.slice(0, 12).map((p) => {
        const n = noteFor(p);
        return h('li', null, h('a', { href: `#/packets/${encodeURIComponent(p.hash)}` }, shortHash(p.hash)),
          ` ${p.type_name} · ${n.wave} · SNR ${p.snr === null ? '—' : `${fmtDec(p.snr)} dB`} · ${p.hops} hop${p.hops === 1 ? '' : 's'} · ${p.size} B`);
      }), b.count > 12 ? h('li', { class: 'muted' }, `… and ${fmtNum(b.count - 12)} more`) : null) : h('p', { class: 'muted' }, 'Silence: no packet in this bucket.'));
  }
  // step plays bucket idx (notes spread by their time inside it) and schedules the next one.
  function step() {
    if (!data || idx >= data.timeline.length) { stop(); return; }
    const b = data.timeline[idx];
    const span = 1 / st.speed;
    const t0 = Date.parse(b.start);
    for (const p of b.packets) sound.play(p, Math.max(0, Math.min(span, ((Date.parse(p.time) - t0) / 1000 / data.bucket_seconds) * span)));
    highlight();
    timer = setTimeout(() => { idx++; step(); }, span * 1000);
  }
  async function play() {
    if (!data || !data.total) return;
    playing = true;
    page.dataset.state = 'playing';
    playBtn.textContent = 'Pause';
    playBtn.setAttribute('aria-pressed', 'true');
    await sound.resume();
    if (idx < 0 || idx >= data.timeline.length) idx = firstBusy();
    step();
  }
  function pause() {
    playing = false;
    clearTimeout(timer);
    page.dataset.state = 'paused';
    playBtn.textContent = 'Play';
    playBtn.setAttribute('aria-pressed', 'false');
    sound.suspend();
  }
  function stop() {
    if (playing || page.dataset.state === 'paused') pause();
    page.dataset.state = 'stopped';
    idx = firstBusy();
    highlight();
  }
  function render() {
    const max = Math.max(1, ...data.timeline.map((b) => b.count));
    replace(bars, data.timeline.map((b, i) => h('li', { class: 'al-bar', dataset: { index: i, count: b.count }, title: `${absTime(b.start)}: ${b.count} packets`,
      onClick: () => { idx = i; highlight(); if (playing) { clearTimeout(timer); step(); } } },
    h('span', { class: 'al-fill', style: { height: `${Math.round((b.count / max) * 100)}%` } }),
    h('span', { class: 'sr-only' }, `${absTime(b.start)}: ${b.count} packets`))));
    const span = `${fmtNum(data.total)} packets in ${data.timeline.length} buckets of ${data.bucket_seconds} s, ${absTime(data.from)} – ${absTime(data.to)}.`;
    summary.textContent = data.total ? span : `No packets between ${absTime(data.from)} and ${absTime(data.to)}. Choose a wider window, or check on the Home page that an observer feeds the ingestor; packets appear here as soon as they are heard.`;
    summary.classList.toggle('al-empty', !data.total);
    playBtn.disabled = !data.total || !sound.supported();
    replace(axis, h('span', null, absTime(data.from)), h('span', null, absTime(data.to)));
    idx = firstBusy();
    highlight();
  }
  async function load() {
    page.dataset.loaded = 'false';
    try {
      data = await getJSON('/audio-lab/buckets', { minutes: st.minutes, bucket: st.bucket, to: st.to }, { signal: ctrl.signal });
      render();
      page.dataset.loaded = 'true';
    } catch (e) { if (!isAbort(e)) { summary.textContent = `Audio Lab unavailable: ${e.message}`; page.dataset.loaded = 'error'; } }
  }
  load();
  return () => { ctrl.abort(); clearTimeout(timer); sound.close(); };
}
