// Theme before first paint: the saved choice, else the OS preference (no flash). A classic,
// blocking script in <head> (not inline: the Content-Security-Policy allows same-origin files only).
(function () {
  let t;
  try { t = JSON.parse(localStorage.getItem('meshcore-theme')); } catch { t = null; }
  if (t !== 'dark' && t !== 'light') t = window.matchMedia && window.matchMedia('(prefers-color-scheme: dark)').matches ? 'dark' : 'light';
  document.documentElement.setAttribute('data-theme', t);
})();
