// LoRa time on air, used by the Live page to animate each hop at radio speed.
//
// Semtech SX127x formula (explicit header, CRC on), the same one the server's relay-airtime
// analytics use (internal/meshcore/airtime.go):
//   Tsym     = 2^SF / BW
//   DE       = 1 when Tsym >= 16 ms (low data rate optimisation), else 0
//   nPayload = 8 + max(ceil((8·len − 4·SF + 44) / (4·(SF − 2·DE))), 0) · CR   (CR 5..8 for 4/5..4/8)
//   airtime  = (preamble + 4.25 + nPayload) · Tsym
// len is the whole raw packet in bytes. The default radio is MeshCore's EU/UK narrow preset
// (62.5 kHz, SF8, CR 4/5, 32 preamble symbols), the server's analytics default.

/** DEFAULT_RADIO is the preset assumed when the packet's radio is not known. */
export const DEFAULT_RADIO = Object.freeze({ bwKHz: 62.5, sf: 8, cr: 5, preamble: 32 });

/** airtimeMs returns the LoRa time on air of a packet of len bytes, or 0 for bad input. */
export function airtimeMs(len, radio = DEFAULT_RADIO) {
  const { bwKHz, sf, cr } = radio;
  if (!Number.isFinite(len) || len < 0 || !(sf >= 6 && sf <= 12) || !(cr >= 5 && cr <= 8) || !(bwKHz > 0)) return 0;
  const pre = radio.preamble > 0 ? radio.preamble : (sf <= 8 ? 32 : 16);
  const tSym = 2 ** sf / (bwKHz * 1000);
  const de = tSym >= 0.016 ? 1 : 0;
  const num = 8 * Math.round(len) - 4 * sf + 44;
  const n = num > 0 ? Math.ceil(num / (4 * (sf - 2 * de))) : 0;
  return (pre + 4.25 + 8 + n * cr) * tSym * 1000;
}

/** packetBytes is a row's raw length in bytes (raw_hex), or null when the frame has no raw bytes. */
export function packetBytes(row) {
  const hex = typeof row?.raw_hex === 'string' ? row.raw_hex : '';
  return /^[0-9a-f]+$/i.test(hex) && hex.length % 2 === 0 ? hex.length / 2 : null;
}
