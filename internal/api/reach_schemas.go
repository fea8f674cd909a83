package api

import "github.com/getkin/kin-openapi/openapi3"

// reachSchemas are the components.schemas of node reach and client RX coverage
// (issue #19 items 2 and 3); schemas() merges them.
func reachSchemas() map[string]*openapi3.Schema {
	cell := obj("cell", str(), "count", intg(), "best_snr", numN(), "has_sig", boolS(),
		"nodes", arr(obj("prefix", str(), "pubkey?", str(), "name?", strN(), "snr", numN(), "count", intg())), "nodes_truncated?", boolS())
	fc := func(extra ...any) *openapi3.Schema {
		props := append([]any{"type", str(), "features", arr(obj("type", str(),
			"geometry", obj("type", str(), "coordinates", arr(arr(arr(num())))), "properties", cell)), "truncated?", boolS()}, extra...)
		return obj(props...)
	}
	return map[string]*openapi3.Schema{
		"NodeReach": obj("node", obj("pubkey", str(), "name", strN(), "role", strN(), "lat", numN(), "lon", numN(), "first_seen", strN()),
			"window", obj("days", intg(), "since", str()), "reliable_tokens", arr(str()),
			"importance", obj("neighbor_degree", intg(), "degree_rank", intg(), "nodes_with_edges", intg(), "relay_observations", intg(),
				"bidirectional_links", intg(), "direct_observers", intg()),
			"direct_observers", arr(obj("pubkey", str(), "observer_id", str(), "name", strN(), "count", intg(), "avg_snr", numN(), "lat", numN(), "lon", numN(),
				"distance_km", numN(), "last_heard", str())),
			"links", arr(obj("pubkey", str(), "name", strN(), "role", strN(), "lat", numN(), "lon", numN(), "we_hear", intg(), "they_hear", intg(),
				"bottleneck", intg(), "bidir", boolS(), "we_hear_snr", numN(), "they_hear_snr", numN(), "distance_km", numN(), "last_heard", str()))),
		"RxCoverage":     fc(),
		"NodeRxCoverage": fc("mobile_receptions", intg(), "mobile_clients", intg()),
		"RxLeaderboard": obj("days", intg(), "observers", arr(obj("pubkey", str(), "name", str(), "receptions", intg(), "nodes", intg(),
			"cells", intg(), "score", num()))),
	}
}
