// Channels added in this browser: stored records, their key ring, and the messages decrypted locally
// from /api/packets?type=5 plus live WebSocket packets. Keys are only ever used here, never sent.
import { getJSON, isAbort } from '../../lib/api.js';
import { keyRing, decryptPackets } from '../../logic/chat.js';
import { userChannels, saveUserChannels } from './dialogs.js';

const PACKET_SCAN = 5000;

/** createLocalChannels returns the browser-local channel state. */
export function createLocalChannels() {
  let mine = userChannels();
  let ring = keyRing(mine);
  let msgs = new Map();
  let loaded = null;
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
        if (!ring.length) { msgs = new Map(); return; }
        try {
          const r = await getJSON('/packets', { type: 5, limit: PACKET_SCAN, region }, { signal, quiet: true });
          const old = msgs;
          msgs = decryptPackets(ring, r.packets || []);
          // Keep live messages that arrived while the scan was in flight.
          for (const [id, arr] of old) if (ring.some((k) => k.id === id)) for (const m of arr) merge(id, m);
        } catch (e) { if (!isAbort(e)) msgs = new Map(); }
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
      for (const [id, [m]] of decryptPackets(ring, [{ ...d, observation_count: 1 }])) { merge(id, m); out.push([id, m]); }
      return out;
    },
    /** items are the sidebar rows for the stored channels. */
    items() {
      return mine.map((c) => {
        const m = msgs.get(c.id) || [];
        const last = m[m.length - 1];
        return { id: c.id, name: c.name, local: true, count: m.length, lastActivity: last?.timestamp,
          preview: last ? `${last.sender ? `${last.sender}: ` : ''}${last.text}` : (loaded ? 'No messages decrypted yet' : 'Decrypting…') };
      });
    },
  };
}
