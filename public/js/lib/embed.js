// Embed mode (?embed=1 on the map and channels pages): the header, nav and skip link are hidden so the
// page fits an operator's iframe. It stays on while the iframe navigates inside the same page (a
// channel click drops the query), and ends when another page is opened.

/** EMBED_PAGES are the pages that may be embedded. */
export const EMBED_PAGES = Object.freeze(['map', 'channels']);

/** embedWanted decides embed mode for a route; wasEmbedPage is the page already shown embedded (or ''). */
export function embedWanted(page, query, wasEmbedPage) {
  if (!EMBED_PAGES.includes(page)) return false;
  return query.embed === '1' || wasEmbedPage === page;
}

/** applyEmbed toggles body.embed for the route about to be shown and returns whether it is on. */
export function applyEmbed(path, query) {
  const body = document.body;
  const was = body.classList.contains('embed') ? body.dataset.embedPage || '' : '';
  const on = embedWanted(path[0], query, was);
  body.classList.toggle('embed', on);
  if (on) body.dataset.embedPage = path[0]; else delete body.dataset.embedPage;
  return on;
}

/** embedQuery is the query entry a page keeps in its URL so a reload stays embedded. */
export function embedQuery() {
  return document.body.classList.contains('embed') ? '1' : '';
}
