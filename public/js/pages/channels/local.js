// Channels added in this browser: stored records, their key ring, and the messages decrypted locally
// from /api/packets?type=5 plus live WebSocket packets. Keys are only ever used here, never sent.
import { getJSON, isAbort } from '../../lib/api.js';
import { keyRing, decryptPackets } from '../../logic/chat.js';
import { userChannels, saveUserChannels } from './dialogs.js';
import { hashByteIndex, keyVerdict } from '../../logic/key-check.js';

const PACKET_SCAN = 5000;

/** createLocalChannels returns the browser-local channel state. */
export function createLocalChannels() {
  let mine = userChannels();
  let ring = keyRing(mine);
  let msgs = new Map();
  let loaded = null;
  // Packet hashes per channel hash byte, to tell a wrong key (it opens none of them) from a quiet channel.
  let byHash = new Map();
  const merge = (id, m) => {
    const arr = msgs.get(id) || [];
    if (arr.some((x) => x.packetHash === m.packetHash)) return false;
    arr.push(m);
    msgs.set(id, arr);
    return true;
  };
  return {
    list: () => mine,
    find: (id) => mine.find((c) => c.id === id),
    messages: (id) => msgs.get(id) || [],
    ready: () => loaded,
    /** scan fetches recent GRP_TXT packets and decrypts them with every stored key. */
    scan(region, signal) {
      loaded = (async () => {
        if (!ring.length) { msgs = new Map(); byHash = new Map(); return; }
        try {
          const r = await getJSON('/packets', { type: 5, limit: PACKET_SCAN, region }, { signal, quiet: true });
          const old = msgs;
          msgs = decryptPackets(ring, r.packets || []);
          byHash = hashByteIndex(r.packets || []);
          // Keep live messages that arrived while the scan was in flight.
          for (const [id, arr] of old) if (ring.some((k) => k.id === id)) for (const m of arr) merge(id, m);
        } catch (e) { if (!isAbort(e)) { msgs = new Map(); byHash = new Map(); } }
      })();
      return loaded;
    },
    add(rec) {
      if (!mine.some((c) => c.id === rec.id)) { mine = [...mine, rec]; saveUserChannels(mine); }
      ring = keyRing(mine);
    },
    remove(id) {
      mine = mine.filter((c) => c.id !== id);
      saveUserChannels(mine);
      ring = keyRing(mine);
      msgs.delete(id);
    },
    /** ingest tries a live packet (one observation) against the key ring; returns [[channelId, message]]. */
    ingest(d) {
      if (!ring.length || !d?.raw_hex) return [];
      const out = [];
      hashByteIndex([d], byHash);
      for (const [id, [m]] of decryptPackets(ring, [{ ...d, observation_count: 1 }])) { merge(id, m); out.push([id, m]); }
      return out;
    },
    /** verdict judges a stored channel's key against the packets seen so far (null before the first scan). */
    verdict(id) {
      const k = ring.find((x) => x.id === id);
      if (!k || !loaded) return null;
      return keyVerdict(byHash.get(k.hash)?.size || 0, (msgs.get(id) || []).length);
    },
    /** items are the sidebar rows for the stored channels. */
    items() {
      return mine.map((c) => {
        const m = msgs.get(c.id) || [];
        const last = m[m.length - 1];
        const v = this.verdict(c.id);
        return { id: c.id, name: c.name, local: true, count: m.length, lastActivity: last?.timestamp, wrongKey: Boolean(v?.wrong),
          preview: last ? `${last.sender ? `${last.sender}: ` : ''}${last.text}` : v?.wrong ? `Wrong key? ${v.undecryptable} messages, none decrypted`
            : (loaded ? 'No messages decrypted yet' : 'Decrypting…') };
      });
    },
  };
}
