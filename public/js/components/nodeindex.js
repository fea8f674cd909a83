// Shared node index for hop resolution: pages /api/nodes once per session (refreshed after 90 s).
import { getJSON } from '../lib/api.js';
import { buildPrefixIndex } from '../logic/hops.js';

let cache = null;
let loadedAt = 0;
let inflight = null;

/** nodeIndex resolves to {nodes, byKey: Map<pubkey,node>, prefix: Map<prefix,node[]>}. */
export async function nodeIndex() {
  if (cache && Date.now() - loadedAt < 90000) return cache;
  if (inflight) return inflight;
  inflight = (async () => {
    const nodes = [];
    for (let offset = 0; offset < 20000; offset += 2000) {
      const r = await getJSON('/nodes', { limit: 2000, offset }, { quiet: true });
      nodes.push(...(r.nodes || []));
      if (!r.nodes || r.nodes.length < 2000) break;
    }
    const byKey = new Map(nodes.map((n) => [String(n.public_key).toLowerCase(), n]));
    cache = { nodes, byKey, prefix: buildPrefixIndex(nodes) };
    loadedAt = Date.now();
    return cache;
  })();
  try { return await inflight; } catch { return { nodes: [], byKey: new Map(), prefix: new Map() }; } finally { inflight = null; }
}
