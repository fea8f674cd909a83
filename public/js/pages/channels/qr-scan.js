// Scan a channel QR code with the camera, where the browser has BarcodeDetector (QR) and a camera
// API; elsewhere the button is not shown and a pasted meshcore:// link works instead.
import { h } from '../../lib/dom.js';
import { parseChannelLink } from '../../logic/channel-link.js';

/** qrScanSupported resolves true when this browser can detect QR codes from the camera. */
export async function qrScanSupported() {
  if (typeof globalThis.BarcodeDetector !== 'function' || !navigator.mediaDevices?.getUserMedia) return false;
  try { return (await globalThis.BarcodeDetector.getSupportedFormats()).includes('qr_code'); } catch { return false; }
}

/**
 * scanButton returns a hidden "Scan QR code" button that becomes visible when scanning is supported.
 * onFound({name, keyHex}) gets the first channel link seen; onError(message) reports problems.
 */
export function scanButton(onFound, onError) {
  const video = h('video', { class: 'qr-video hidden', id: 'chQrVideo', muted: true, playsinline: true, 'aria-label': 'Camera preview' });
  const stop = h('button', { type: 'button', class: 'hidden', id: 'chQrStop' }, 'Stop scanning');
  const btn = h('button', { type: 'button', class: 'hidden', id: 'chQrScan' }, 'Scan QR code');
  let stream = null;
  let running = false;
  const end = () => {
    running = false;
    stream?.getTracks().forEach((t) => t.stop());
    stream = null;
    video.classList.add('hidden');
    stop.classList.add('hidden');
    btn.classList.remove('hidden');
  };
  btn.addEventListener('click', async () => {
    try {
      stream = await navigator.mediaDevices.getUserMedia({ video: { facingMode: 'environment' } });
    } catch (e) { onError(`Camera unavailable: ${e.message || e.name}`); return; }
    video.srcObject = stream;
    video.classList.remove('hidden');
    stop.classList.remove('hidden');
    btn.classList.add('hidden');
    await video.play().catch(() => {});
    const detector = new globalThis.BarcodeDetector({ formats: ['qr_code'] });
    running = true;
    const tick = async () => {
      if (!running || !video.isConnected) { end(); return; }
      try {
        for (const code of await detector.detect(video)) {
          const link = parseChannelLink(code.rawValue);
          if (link) { end(); onFound(link); return; }
        }
      } catch { /* a frame that is not ready yet */ }
      requestAnimationFrame(tick);
    };
    tick();
  });
  stop.addEventListener('click', end);
  qrScanSupported().then((ok) => btn.classList.toggle('hidden', !ok));
  return { el: h('div', { class: 'qr-scan' }, btn, stop, video), stop: end };
}
