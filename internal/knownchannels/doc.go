// Package knownchannels serves the catalogue of public channels offered in the Channels page's
// "add channel" dialog (GET /api/known-channels): a small list bundled with CoreScope, replaced by
// the operator's knownChannelsUrl when one is configured. The remote list is fetched with a
// timeout and a size bound, kept in memory, refreshed every knownChannelsRefreshMs, and served
// stale (never dropped) when a later fetch fails.
package knownchannels
