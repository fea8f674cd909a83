// Fresh node list for the Map (bypasses the shared 90 s node index so new adverts show up).
import { getJSON } from '../../lib/api.js';

const PAGE = 2000;

/** loadNodes pages /api/nodes until a short page (capped at 20 000 nodes). */
export async function loadNodes(signal) {
  const out = [];
  for (let offset = 0; offset < 20000; offset += PAGE) {
    const r = await getJSON('/nodes', { limit: PAGE, offset }, { signal, quiet: true });
    out.push(...(r.nodes || []));
    if (!r.nodes || r.nodes.length < PAGE) break;
  }
  return out;
}
