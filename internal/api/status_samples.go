package api

import (
	"context"
	"strings"
	"time"

	"github.com/corescope/corescope/internal/storage"
)

// StatusSample is one observer_metrics reading for the battery and noise alerts
// (internal/alerts battery_noise.go), with the observer's name from the store.
type StatusSample struct {
	ID, Name   string
	At         time.Time
	BatteryMv  float64
	HasBattery bool
	Noise      float64
	HasNoise   bool
}

// StatusSamples reads every observer status reading at or after since, oldest first;
// rows whose timestamp does not parse are skipped (metricSamples).
func (s *Server) StatusSamples(since time.Time) ([]StatusSample, error) {
	rows, err := s.metricSamples(context.Background(), func(ctx context.Context) ([]storage.MetricSample, error) {
		return storage.MetricSamplesSince(ctx, s.opts.DB, metricTime(since))
	})
	if err != nil {
		return nil, err
	}
	obs, err := s.store.Observers()
	if err != nil {
		return nil, err
	}
	names := map[string]string{}
	for _, o := range obs {
		names[strings.ToLower(o.ID)] = deref(o.Name)
	}
	out := make([]StatusSample, 0, len(rows))
	for _, r := range rows {
		v := StatusSample{ID: r.ObserverID, Name: names[strings.ToLower(r.ObserverID)], At: r.At}
		if r.BatteryMv != nil {
			v.BatteryMv, v.HasBattery = float64(*r.BatteryMv), true
		}
		if r.Noise != nil {
			v.Noise, v.HasNoise = *r.Noise, true
		}
		out = append(out, v)
	}
	return out, nil
}
