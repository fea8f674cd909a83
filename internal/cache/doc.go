// Package cache is the server's one response cache: a generic keyed cache whose entries
// are built once per key however many callers miss at the same time (single-flight),
// rebuilt in the background while the previous value keeps being served
// (stale-while-revalidate), invalidated when the data's generation changes or the entry
// passes its maximum age, and bounded by an LRU over the keys that are not pinned.
//
// Pinned keys (the warm default shapes of each route) live outside the LRU, so a flood
// of distinct keys can never evict them. Callers choose keys: internal/api builds them
// from the documented query parameters of each route only.
package cache
