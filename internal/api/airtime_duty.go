package api

import (
	"net/http"
	"strconv"
	"strings"

	"github.com/corescope/corescope/internal/analytics"
)

// maxAirtimeHours bounds ?hours= of the airtime endpoints (one week of hourly buckets).
const maxAirtimeHours = 168

// dutyCycleQuery parses ?hours= (default 24, 1..168; anything else is a 400) and adds
// the radio preset and regional limit from the options.
func (s *Server) dutyCycleQuery(r *http.Request) (analytics.DutyCycleQuery, error) {
	hours := 24
	if v := strings.TrimSpace(r.URL.Query().Get("hours")); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 || n > maxAirtimeHours {
			return analytics.DutyCycleQuery{}, errorf(ErrBadRequest, "hours must be an integer from 1 to 168")
		}
		hours = n
	}
	limit := s.opts.DutyCycleLimitPct
	if limit <= 0 {
		limit = analytics.DefaultDutyCycleLimitPct
	}
	return analytics.DutyCycleQuery{Hours: hours, Now: s.opts.Now(), Preset: s.opts.LoRa, LimitPct: limit}, nil
}

// getObserverAirtime serves the airtime observer {id} heard per hour.
func (s *Server) getObserverAirtime(w http.ResponseWriter, r *http.Request) {
	q, err := s.dutyCycleQuery(r)
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	id := r.PathValue("id")
	s.cachedJSON(w, r, func(r *http.Request) (any, error) {
		return analytics.ComputeObserverAirtime(s.analyticsSource(r.Context()), id, q), nil
	})
}

// getNodeAirtime serves node {pubkey}'s own estimated transmit airtime per hour.
func (s *Server) getNodeAirtime(w http.ResponseWriter, r *http.Request) {
	q, err := s.dutyCycleQuery(r)
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	pk := strings.ToLower(r.PathValue("pubkey"))
	if len(pk) != 64 || strings.Trim(pk, "0123456789abcdef") != "" {
		s.writeError(w, r, errorf(ErrBadRequest, "pubkey must be 64 hex characters"))
		return
	}
	s.cachedJSON(w, r, func(r *http.Request) (any, error) {
		return analytics.ComputeNodeAirtime(s.analyticsSource(r.Context()), pk, q), nil
	})
}
