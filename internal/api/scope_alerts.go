package api

import (
	"strings"

	"github.com/corescope/corescope/internal/analytics"
)

// ScopeRepeater is one repeater's (or room's) scope facts as the alert manager reads
// them (cmd/server copies them into alerts.ScopeRepeater): the same verdict as
// scope_config_state on /api/nodes.
type ScopeRepeater struct {
	Key, Name string
	// State is scope_config_state; Mismatches are its scope_mismatches.
	State      string
	Mismatches []string
	// Declared are the node's declared regions ("#name").
	Declared []string
	// Configured: a confirmed configuration is known; Open: it allows unscoped traffic.
	Configured, Open bool
	// Unscoped24h is unscoped_relay_count_24h.
	Unscoped24h int
}

// ScopeRepeaters returns the scope facts of every repeater and room, from the same
// (at most 30 s old) enrichment /api/nodes uses.
func (s *Server) ScopeRepeaters() ([]ScopeRepeater, error) {
	e, err := s.nodeEnrichment()
	if err != nil {
		return nil, err
	}
	nodes, err := s.store.Nodes()
	if err != nil {
		return nil, err
	}
	var out []ScopeRepeater
	for i := range nodes {
		if role := strings.ToLower(deref(nodes[i].Role)); role != "repeater" && role != "room" {
			continue
		}
		j := nodeJSON(&nodes[i])
		s.enrichScopes(&j, e.scopes)
		r := ScopeRepeater{Key: strings.ToLower(j.PublicKey), Name: deref(j.Name), State: j.ScopeConfigState, Mismatches: j.ScopeMismatches,
			Declared: list(j.DeclaredRegions), Configured: j.ConfiguredScopes != nil, Open: j.ScopeConfigState == analytics.ScopeOpen}
		if j.UnscopedRelayCount24h != nil {
			r.Unscoped24h = *j.UnscopedRelayCount24h
		}
		out = append(out, r)
	}
	return out, nil
}
