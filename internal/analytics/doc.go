// Package analytics owns the server's analytics and domain computations as plain typed
// functions over narrow source interfaces (source.go): RF, topology, channels, distance,
// hash sizes and collisions, subpaths, relay airtime, roles and the clock-skew model,
// scope stats, node analytics/health/paths/neighbours/battery, observer analytics and
// metrics, neighbour-graph filtering, hop disambiguation and path inspection.
// internal/api parses a request, implements the source over the in-memory store (and
// storage for table reads), calls the function and writes its result as JSON; result
// structs keep the JSON key order the endpoints have always written.
//
// It also holds the neighbour graph behind /api/analytics/neighbor-graph (api.md §3.5
// #59, §9.2): edges derived with internal/hops from every in-memory observation, rebuilt
// in the background into an atomic snapshot (snapshot.go).
package analytics
