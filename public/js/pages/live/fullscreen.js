// Fullscreen for the Live page: the Fullscreen API when the browser grants it, and always a
// fallback class that makes the page cover the window (the API needs a click, so a ?fullscreen=1
// link opens in the fallback; Esc or the button leaves either).

/**
 * fullscreenToggle(page, button, {on, onChange}) wires the header button; returns {destroy()}.
 * page gets .live-fullscreen and data-fullscreen="true|false"; onChange(on) reports every change.
 */
export function fullscreenToggle(page, button, { on = false, onChange }) {
  let state = false;
  const native = () => document.fullscreenElement === page;
  function apply(v) {
    state = v;
    page.classList.toggle('live-fullscreen', v);
    document.body.classList.toggle('live-fullscreen-on', v);
    page.dataset.fullscreen = String(v);
    button.setAttribute('aria-pressed', String(v));
    button.setAttribute('aria-label', v ? 'Exit fullscreen' : 'Fullscreen');
  }
  function set(v) {
    apply(v);
    if (v && page.requestFullscreen && !native()) page.requestFullscreen().catch(() => { /* refused: the fallback class stays */ });
    if (!v && native()) document.exitFullscreen().catch(() => {});
    onChange(v);
  }
  const onClick = () => set(!state);
  // Leaving native fullscreen with Esc ends the mode too.
  const onFsChange = () => { if (!document.fullscreenElement && state) { apply(false); onChange(false); } };
  const onKey = (e) => { if (e.key === 'Escape' && state && !native()) set(false); };
  button.addEventListener('click', onClick);
  document.addEventListener('fullscreenchange', onFsChange);
  document.addEventListener('keydown', onKey);
  apply(Boolean(on));
  return {
    destroy() {
      button.removeEventListener('click', onClick);
      document.removeEventListener('fullscreenchange', onFsChange);
      document.removeEventListener('keydown', onKey);
      document.body.classList.remove('live-fullscreen-on');
      if (native()) document.exitFullscreen().catch(() => {});
    },
  };
}
