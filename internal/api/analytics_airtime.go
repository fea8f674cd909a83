package api

import (
	"net/http"

	"github.com/corescope/corescope/internal/analytics"
)

// LoRaPreset is analytics.loraPreset: the radio used for time-on-air estimates.
type LoRaPreset = analytics.LoRaPreset

// analyticsRelayAirtime serves each payload type's share of relayed time-on-air
// (api.md §3.5 #60; internal/analytics).
func (s *Server) analyticsRelayAirtime(r *http.Request) (any, error) {
	w, err := s.analyticsWindow(r)
	if err != nil {
		return nil, err
	}
	q := analytics.AirtimeQuery{Preset: s.opts.LoRa, WindowLabel: r.URL.Query().Get("window")}
	return analytics.ComputeRelayAirtime(s.analyticsSource(r.Context()), w, q)
}
