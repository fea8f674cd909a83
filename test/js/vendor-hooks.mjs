// Node resolve hook for the SPA's vendored npm modules: the browser loads '/vendor/<pkg>/<file>'
// from the server's node_modules allow-list; under `node --test` the same path maps to ./node_modules.
const NODE_MODULES = new URL('../../node_modules/', import.meta.url);

export async function resolve(specifier, context, next) {
  if (specifier.startsWith('/vendor/')) return next(new URL(specifier.slice('/vendor/'.length), NODE_MODULES).href, context);
  return next(specifier, context);
}
