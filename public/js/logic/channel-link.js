// MeshCore "add channel" links (meshcore://channel/add?name=&secret=), as shown in channel QR codes.

/** parseChannelLink returns {name, keyHex} for a channel link with a 32-hex secret, else null. */
export function parseChannelLink(text) {
  const s = String(text || '').trim();
  const m = /^meshcore:\/\/channel\/add\?(.*)$/i.exec(s);
  if (!m) return null;
  const p = new URLSearchParams(m[1]);
  const secret = (p.get('secret') || '').trim();
  if (!/^[0-9a-f]{32}$/i.test(secret)) return null;
  return { name: (p.get('name') || '').trim().slice(0, 64), keyHex: secret.toLowerCase() };
}
