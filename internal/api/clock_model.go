package api

import (
	"context"

	"github.com/corescope/corescope/internal/analytics"
)

// clockKey is the clock model's one key in its cache.
const clockKey = "model"

// clockModel returns the cached clock-skew model (rebuilt in the background once the
// store changed and it is 60 s old).
func (s *Server) clockModel() (*analytics.ClockModel, error) {
	res, err := s.caches.clock.Get(context.Background(), clockKey, s.buildClockModel)
	return res.Value, err
}

// buildClockModel computes the model over the whole store. Its scan runs under no
// request's context: the model is shared, so a client hanging up must not cut it short.
func (s *Server) buildClockModel(context.Context) (*analytics.ClockModel, error) {
	return analytics.BuildClockModel(s.analyticsSource(context.Background()))
}
