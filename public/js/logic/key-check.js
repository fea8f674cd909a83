// Wrong channel key detection. A GRP_TXT payload starts with one byte of SHA-256(key), so packets with
// a key's hash byte are the ones that key might open. One byte gives 1 in 256 collisions with other
// channels, so a right key can meet a few packets it cannot open; but a key that opens none of
// WRONG_KEY_AFTER such packets is almost certainly mistyped (documented in docs/ui-extras.md).
import { grpPayload } from './channel-crypto.js';

/** WRONG_KEY_AFTER is how many undecryptable packets with the key's hash byte make a key "wrong". */
export const WRONG_KEY_AFTER = 5;

/** hashByteIndex maps each GRP_TXT channel hash byte to the set of packet hashes carrying it. */
export function hashByteIndex(packets, into = new Map()) {
  for (const p of packets || []) {
    if (!p || !p.raw_hex || !p.hash) continue;
    const payload = grpPayload(p.raw_hex);
    if (!payload || payload.length < 1) continue;
    const b = payload[0];
    if (!into.has(b)) into.set(b, new Set());
    into.get(b).add(p.hash);
  }
  return into;
}

/**
 * keyVerdict judges one key: seen = packets with its hash byte, decrypted = messages it opened.
 * Returns {seen, decrypted, undecryptable, wrong}.
 */
export function keyVerdict(seen, decrypted) {
  const undecryptable = Math.max(0, seen - decrypted);
  return { seen, decrypted, undecryptable, wrong: decrypted === 0 && undecryptable >= WRONG_KEY_AFTER };
}
