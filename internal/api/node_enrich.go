package api

import (
	"context"
	"strings"

	"github.com/corescope/corescope/internal/analytics"
	"github.com/corescope/corescope/internal/meshcore"
	"github.com/corescope/corescope/internal/store"
)

// enrichment is the per-node data derived from packets (internal/analytics) plus the scope
// facts (node_scopes.go), rebuilt at most every 30 s.
type enrichment struct {
	*analytics.Enrichment
	scopes *scopeFacts
	// scores are the multi-byte facts, 7-day hash sizes and usefulness (node_scores.go).
	scores *scoreFacts
}

// nodeEnrichment returns the relay and hash-size maps. They are rebuilt at most every
// 30 s in the background: a request never waits for a rebuild except the very first.
func (s *Server) nodeEnrichment() (*enrichment, error) {
	now := s.opts.Now().UTC()
	e, err := s.caches.enrich.Get(context.Background(), "all", func(context.Context) (*enrichment, error) {
		base, err := analytics.BuildEnrichment(enrichmentSource{s}, now)
		if err != nil {
			return nil, err
		}
		scopes, err := s.buildScopeFacts(context.Background(), now)
		if err != nil {
			return nil, err
		}
		scores, err := s.buildScoreFacts(now)
		if err != nil {
			return nil, err
		}
		return &enrichment{Enrichment: base, scopes: scopes, scores: scores}, nil
	})
	return e.Value, err
}

// enrichmentSource is analytics.EnrichmentSource over the store (a shared background
// build: no request context).
type enrichmentSource struct{ s *Server }

// ScanObservations implements analytics.EnrichmentSource.
func (e enrichmentSource) ScanObservations(sinceUnix int64, fn func(p *store.ObsPoint) bool) {
	e.s.store.ScanObservations(sinceUnix, fn)
}

// AdvertSummaries implements analytics.EnrichmentSource.
func (e enrichmentSource) AdvertSummaries() ([]store.TxSummary, error) {
	adv := int(meshcore.PayloadAdvert)
	return e.s.store.Summaries(TxFilter{PayloadType: &adv})
}

// enrich adds the scope, multi-byte, hash-size and (repeater/room) relay and
// usefulness fields to a node row.
func (s *Server) enrich(j *NodeJSON, e *enrichment) {
	s.enrichScopes(j, e.scopes)
	s.enrichScores(j, e.scores)
	pk := strings.ToLower(j.PublicKey)
	// hash_size reads the last 7 days of adverts only (analytics.FactsWindow).
	if newest, inconsistent, seen := analytics.HashSizeInfo(e.scores.facts.HashSizes7d[pk]); newest != nil {
		j.HashSize = newest
		if inconsistent {
			j.HashSizeInconsistent, j.HashSizesSeen = true, seen
		}
	}
	role := strings.ToLower(deref(j.Role))
	if role != "repeater" && role != "room" {
		return
	}
	r := e.Relays[pk]
	if r == nil {
		r = &analytics.RelayStat{}
	}
	c1, c24 := r.Count1h, r.Count24h
	active := false
	if r.Last != "" {
		j.LastRelayed = strp(r.Last)
		h := s.opts.UI.Health.RelayActiveHours
		if h <= 0 {
			h = 24
		}
		active = analytics.RelayActive(r.Last, h, s.opts.Now())
	}
	j.RelayActive, j.RelayCount1h, j.RelayCount24h = &active, &c1, &c24
}
