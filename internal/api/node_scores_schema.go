package api

import "github.com/getkin/kin-openapi/openapi3"

// nodeScoreDocs documents the node facts and usefulness fields of NodeBase
// (node_scores.go; computations in internal/analytics usefulness*.go, node_facts.go).
var nodeScoreDocs = []struct {
	name   string
	schema func() *openapi3.Schema
	doc    string
}{
	{"multi_byte_status", str, "Every node. Multi-byte path-hash capability: `confirmed` when one of the node's own adverts " +
		"used 2- or 3-byte path hashes; `suspected` when a 2- or 3-byte hop equal to the start of its public key appeared in " +
		"a (non-TRACE) path — prefixes can collide, so another node may have caused it; otherwise `unknown` (1-byte only or " +
		"never seen: older firmware, or newer firmware left at the default)."},
	{"multi_byte_evidence", str, "Every node. `advert`, `path`, or empty for `unknown`."},
	{"multi_byte_max_hash_size", intg, "Every node. Largest path hash size (bytes) the evidence shows; 1 when none."},
	{"traffic_share_score", num, "Repeaters and rooms. Traffic axis, raw: distinct non-ADVERT transmissions in the store " +
		"that carry the node as a resolved hop, divided by all distinct non-ADVERT transmissions heard (0–1). Adverts are " +
		"left out because every node floods its own."},
	{"bridge_score", num, "Repeaters and rooms. Bridge axis (0–1): weighted betweenness centrality in the neighbour graph " +
		"(how many shortest paths between other node pairs run through it), divided by the highest value in the mesh. " +
		"Edge weight = min(1, sightings/100) · 2^(−hours since last seen/168) · min(1, observers/3); path cost = 1/weight. " +
		"Edges to an unresolved prefix are left out."},
	{"coverage_score", num, "Repeaters and rooms. Coverage axis (0–1): harmonic reach Σ 1/d over every node it can reach " +
		"in the weighted neighbour graph (d = path cost), divided by the highest value; unreachable nodes add nothing."},
	{"redundancy_score", num, "Repeaters and rooms. Redundancy axis (0–1), high = irreplaceable: the node pairs of its " +
		"connected component that lose every route to each other when the node is removed ((S² − Σ piece²)/2 with S = " +
		"component size − 1), divided by the highest value. Only edges weighing more than one lone fresh sighting " +
		"(1/300) count as an alternative route."},
	{"usefulness_score", num, "Repeaters and rooms. 0.30·bridge + 0.25·coverage + 0.25·redundancy + " +
		"0.20·(traffic_share_score / the highest traffic share among visible repeaters and rooms), 0–1."},
	{"usefulness_grade", str, "Repeaters and rooms. A (score ≥ 0.65), B (≥ 0.45), C (≥ 0.30), D (≥ 0.15), else F. " +
		"Absent until the neighbour graph has been built once after start."},
	{"relay_window_hours", num, "Node detail only, repeaters and rooms: the hours `relay_active` looks back " +
		"(healthThresholds.relayActiveHours, default 24)."},
	{"flood_advert_count_7d", intg, "Node detail only: distinct flood-routed (FLOOD or TRANSPORT_FLOOD) adverts the node " +
		"originated, first seen in the last 7 days; zero-hop direct adverts cost no mesh-wide airtime and are left out."},
}

// addNodeScoreProps adds the documented optional fields to the NodeBase schema, and
// notes on hash_size that it reads the last 7 days of adverts.
func addNodeScoreProps(s *openapi3.Schema) {
	for _, d := range nodeScoreDocs {
		p := d.schema()
		p.Description = d.doc
		s.Properties[d.name] = openapi3.NewSchemaRef("", p)
	}
	if h := s.Properties["hash_size"]; h != nil && h.Value != nil {
		h.Value.Description = "Path hash size (bytes) of the node's newest advert of the last 7 days (zero-hop direct " +
			"adverts excluded); null when it sent none in that window."
	}
}
