// Timeline maths for VCR replay (pure): inter-arrival gaps, density bins, playhead position, and
// turning pages of stored packets into time-ordered groups (one per content hash).
import { toMs } from '../lib/format.js';

/** GAP_MIN_MS and GAP_MAX_MS clamp the real gap between two replayed groups (before speed). */
export const GAP_MIN_MS = 100;
export const GAP_MAX_MS = 2000;

/** replayDelay turns the real gap between two packets into a wait: clamped, then divided by speed. */
export function replayDelay(gapMs, speed = 1) {
  const g = Number.isFinite(gapMs) ? Math.min(GAP_MAX_MS, Math.max(GAP_MIN_MS, gapMs)) : GAP_MIN_MS;
  return g / (speed > 0 ? speed : 1);
}

/** densityBins counts timestamps (ms or ISO) into n equal bins over [start, end). */
export function densityBins(times, start, end, n) {
  const bins = new Array(Math.max(1, n | 0)).fill(0);
  const span = end - start;
  if (!(span > 0)) return bins;
  for (const v of times || []) {
    const t = typeof v === 'number' ? v : toMs(v);
    if (t === null || t < start || t >= end) continue;
    bins[Math.min(bins.length - 1, Math.floor(((t - start) / span) * bins.length))]++;
  }
  return bins;
}

/** timeToFrac maps a time to 0..1 across [start, end] (clamped). */
export function timeToFrac(t, start, end) {
  if (!(end > start)) return 1;
  return Math.min(1, Math.max(0, (t - start) / (end - start)));
}

/** fracToTime maps 0..1 (clamped) back to a time in [start, end]. */
export function fracToTime(f, start, end) {
  const c = Math.min(1, Math.max(0, Number(f) || 0));
  return Math.round(start + c * (end - start));
}

/** packetTime returns a packet row's time in ms (observation timestamp, else first_seen). */
export function packetTime(p) {
  return toMs(p && (p.timestamp || p.first_seen));
}

/**
 * groupPackets turns rows (each a transmission, optionally with observations[]) into groups
 * {hash, t, packet, observations} sorted by time then id; rows already in seen (a Set of hashes)
 * are dropped and the new hashes are added to it.
 */
export function groupPackets(rows, seen = new Set()) {
  const out = [];
  for (const r of rows || []) {
    if (!r || !r.hash || seen.has(r.hash)) continue;
    const t = toMs(r.first_seen || r.timestamp);
    if (t === null) continue;
    seen.add(r.hash);
    const obs = Array.isArray(r.observations) && r.observations.length ? r.observations : [r];
    out.push({ hash: r.hash, t, id: Number(r.id) || 0, packet: r, observations: obs });
  }
  out.sort((a, b) => a.t - b.t || a.id - b.id);
  return out;
}

/** isoSec renders ms as an ISO string without milliseconds (the stored first_seen format). */
export function isoSec(ms) {
  return new Date(Math.floor(ms / 1000) * 1000).toISOString().replace('.000Z', 'Z');
}
