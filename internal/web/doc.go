// Package web serves the single-page UI in public/: a content-hashed asset prefix with
// immutable caching, index.html with its asset base substituted and no-cache headers, SPA
// fallback for unknown paths, and an allow-listed /vendor/<pkg>/ view of node_modules.
package web
