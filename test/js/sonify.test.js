import { test } from 'node:test';
import assert from 'node:assert/strict';
import { noteFor, TIMBRES, OTHER_TIMBRE } from '../../public/js/components/sonify.js';

// Hand-checked mapping: A3 = 220 Hz at 0 hops, two semitones per hop (6 hops = one octave = 440 Hz);
// SNR −20 dB → gain 0.04, +15 dB → 0.36, unknown → 0.08; timbre by type name.
test('TestSonify_NoteMapping', () => {
  assert.equal(noteFor({ type_name: 'ADVERT', hops: 0, snr: -20, size: 0 }).freq, 220);
  assert.equal(noteFor({ type_name: 'ADVERT', hops: 6, snr: 0 }).freq, 440);
  assert.equal(noteFor({ payload_type: 5, hops: ['AA', 'BB', 'CC', 'DD', 'EE', 'FF'] }).freq, 440, 'hop arrays count too');
  assert.ok(Math.abs(noteFor({ type_name: 'ACK', snr: -20 }).gain - 0.04) < 1e-9);
  assert.ok(Math.abs(noteFor({ type_name: 'ACK', snr: 15 }).gain - 0.36) < 1e-9);
  assert.ok(Math.abs(noteFor({ type_name: 'ACK', snr: 99 }).gain - 0.36) < 1e-9, 'clamped');
  assert.equal(noteFor({ type_name: 'ACK', snr: null }).gain, 0.08);
  assert.equal(noteFor({ type_name: 'GRP_TXT' }).wave, TIMBRES.GRP_TXT);
  assert.equal(noteFor({ payload_type: 5 }).wave, TIMBRES.GRP_TXT, 'payload type 5 is GRP_TXT');
  assert.equal(noteFor({ type_name: 'UNK' }).wave, OTHER_TIMBRE);
  assert.ok(noteFor({ size: 184 }).dur > noteFor({ size: 10 }).dur, 'bigger packets last longer');
  assert.equal(noteFor({ raw_hex: '00'.repeat(184) }).dur, noteFor({ size: 184 }).dur, 'size from raw hex');
});
