// Package analytics holds aggregated views recomputed in the background into atomic
// snapshots. Today it holds the neighbour graph behind /api/analytics/neighbor-graph
// (api.md §3.5 #59, §9.2): edges derived with internal/hops from every in-memory
// observation, rebuilt every Options.Interval (default 5 min). The two default request
// shapes are answered from views precomputed with the snapshot; any other shape is
// filtered fresh from the same snapshot with the same code, so both agree.
package analytics
