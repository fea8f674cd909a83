package api

import (
	"iter"
	"net/http"

	"github.com/corescope/corescope/internal/analytics"
)

// analyticsRows returns the transmissions an analytics view covers (region and time
// window filtered) as a sequence streamed from the store in bounded batches: only the
// caller's accumulators stay in memory, and the store's lock is held per batch, never
// across the pass. A *TxRow is valid only inside its loop iteration; ranging twice
// scans the store twice. Views computed in internal/analytics read the same rows
// through analyticsSource.
func (s *Server) analyticsRows(r *http.Request) (iter.Seq[*TxRow], error) {
	w, err := s.analyticsWindow(r)
	if err != nil {
		return nil, err
	}
	src := s.analyticsSource(r.Context())
	return func(yield func(*TxRow) bool) { src.Scan(w, yield) }, nil
}

func hourOf(ts string) string {
	if len(ts) >= 13 {
		return ts[:13]
	}
	return ts
}

// analyticsRF serves the RF view (api.md §3.5 #50; internal/analytics).
func (s *Server) analyticsRF(r *http.Request) (any, error) {
	w, err := s.analyticsWindow(r)
	if err != nil {
		return nil, err
	}
	return analytics.ComputeRF(s.analyticsSource(r.Context()), w)
}
