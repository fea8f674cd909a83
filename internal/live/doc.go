// Package live fans new packets out to WebSocket clients: an origin-checked upgrade, one
// bounded send queue per client (a client whose queue overflows is disconnected so it can
// never slow the others), and optional per-client subscription filters.
package live
