package api

import (
	"context"
	"net/http"
	"sort"
	"time"

	"github.com/corescope/corescope/internal/analytics"
)

// LabelCount is one time bucket.
type LabelCount = analytics.LabelCount

// getObserverAnalytics buckets one observer's observations over days (api.md §3.7 #67).
func (s *Server) getObserverAnalytics(w http.ResponseWriter, r *http.Request) {
	id := r.PathValue("id")
	days := clampInt(r.URL.Query().Get("days"), 7, 1, 365)
	// Time-bucketed and costly for a busy observer: a short-lived answer is served while
	// one background pass refreshes it.
	s.cachedJSON(w, r, func(*http.Request) (any, error) {
		return s.observerAnalytics(id, days), nil
	})
}

// observerAnalytics builds /api/observers/{id}/analytics over the last days
// (internal/analytics) with the observer's recent packets. It runs under no request's
// context: a stale answer is refreshed in the background.
func (s *Server) observerAnalytics(id string, days int) analytics.ObserverAnalytics {
	now := s.opts.Now()
	out := analytics.ComputeObserverAnalytics(s.analyticsSource(context.Background()), id, days, now)
	out.RecentPackets = s.recentPackets(id, analytics.ObserverAnalyticsFrom(now, days), 20)
	return out
}

// recentPackets returns an observer's newest n observations at or after from, newest
// first, joined with their transmissions.
func (s *Server) recentPackets(id string, from time.Time, n int) []EnrichedObs {
	recent := s.store.RecentObservations(id, 4*n)
	sort.SliceStable(recent, func(i, j int) bool { return recent[i].Timestamp > recent[j].Timestamp })
	out := []EnrichedObs{}
	cut := from.UTC().Format("2006-01-02T15:04:05")
	for i := 0; i < len(recent) && len(out) < n; i++ {
		e := &recent[i]
		if e.Timestamp < cut {
			break
		}
		t := TxRow{ID: e.TxID, RawHex: e.TxRawHex, Hash: e.Hash, PayloadType: e.PayloadType, RouteType: e.RouteType, DecodedJSON: e.DecodedJSON}
		o := ObsRow(e.Observation)
		out = append(out, enrichedObs(&t, &o))
	}
	return out
}
