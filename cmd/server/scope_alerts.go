package main

import (
	"errors"
	"sync/atomic"

	"github.com/corescope/corescope/internal/alerts"
	"github.com/corescope/corescope/internal/api"
)

// scopeFacts hands the API server's per-repeater scope verdicts to the alert manager;
// the server is built after the alert manager, so it is set once it exists.
type scopeFacts struct{ srv atomic.Pointer[api.Server] }

// read is alerts.Options.ScopeRepeaters.
func (f *scopeFacts) read() ([]alerts.ScopeRepeater, error) {
	s := f.srv.Load()
	if s == nil {
		return nil, errors.New("api server not built yet")
	}
	rows, err := s.ScopeRepeaters()
	if err != nil {
		return nil, err
	}
	return toAlertRepeaters(rows), nil
}

// toAlertRepeaters copies the API's scope facts into the alert manager's type.
func toAlertRepeaters(rows []api.ScopeRepeater) []alerts.ScopeRepeater {
	out := make([]alerts.ScopeRepeater, len(rows))
	for i, r := range rows {
		out[i] = alerts.ScopeRepeater(r)
	}
	return out
}
