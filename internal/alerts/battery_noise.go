package alerts

import (
	"fmt"
	"sort"
	"time"
)

// KindBatteryFalling: a battery whose voltage trend reaches the threshold within the
// configured days; KindNoiseRising: a noise floor above its baseline for the last
// sustain period (issue #22 item 3, docs/monitoring.md).
const (
	KindBatteryFalling = "battery_falling"
	KindNoiseRising    = "noise_floor_rising"
)

// StatusSample is one observer status reading (observer_metrics): an observer's, or a
// node's that publishes its own status, battery voltage and noise floor.
type StatusSample struct {
	ID, Name   string
	At         time.Time
	BatteryMv  float64
	HasBattery bool
	Noise      float64
	HasNoise   bool
}

// batteryNoiseAlerts reads the status samples once for both rules.
func (m *Manager) batteryNoiseAlerts(now time.Time) []Alert {
	o := m.opts
	battery := o.BatteryThresholdMv > 0 && o.BatteryWindow > 0 && o.BatteryWithin > 0
	noise := o.NoiseRiseDB > 0 && o.NoiseBaseline > 0 && o.NoiseSustain > 0
	if o.StatusSamples == nil || (!battery && !noise) {
		return nil
	}
	span := time.Duration(0)
	if battery {
		span = o.BatteryWindow
	}
	if noise {
		span = max(span, o.NoiseBaseline+o.NoiseSustain)
	}
	rows, err := o.StatusSamples(now.Add(-span))
	if err != nil {
		m.logErr(now, "read status samples", err)
		return nil
	}
	byID := map[string][]StatusSample{}
	for _, r := range rows {
		if !r.At.After(now) {
			byID[r.ID] = append(byID[r.ID], r)
		}
	}
	ids := make([]string, 0, len(byID))
	for id := range byID {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	var out []Alert
	for _, id := range ids {
		s := byID[id]
		if battery {
			if a, ok := m.batteryAlert(now, s); ok {
				out = append(out, a)
			}
		}
		if noise {
			if a, ok := m.noiseAlert(now, s); ok {
				out = append(out, a)
			}
		}
	}
	return out
}

// batteryAlert fits the battery readings of the last BatteryWindow and fires when the
// line, evaluated now, reaches BatteryThresholdMv within BatteryWithin.
func (m *Manager) batteryAlert(now time.Time, s []StatusSample) (Alert, bool) {
	o := m.opts
	var pts []Point
	for _, r := range s {
		if r.HasBattery && r.BatteryMv > 0 && !r.At.Before(now.Add(-o.BatteryWindow)) {
			pts = append(pts, Point{r.At, r.BatteryMv})
		}
	}
	if len(pts) < max(o.BatteryMinSamples, 2) {
		return Alert{}, false
	}
	f, ok := FitLine(pts, now)
	if !ok {
		return Alert{}, false
	}
	days, ok := f.DaysToReach(o.BatteryThresholdMv)
	within := o.BatteryWithin.Hours() / 24
	if !ok || days > within {
		return Alert{}, false
	}
	who := label(Seen{ID: s[0].ID, Name: s[0].Name})
	return Alert{Kind: KindBatteryFalling, Subject: s[0].ID, Name: s[0].Name,
		Message: fmt.Sprintf("battery of %s trends to %.0f mV now, falling %.0f mV/day: reaches %.0f mV in %.1f days (limit %.1f days; least squares over %d readings in %s)",
			who, f.At, -f.Slope, o.BatteryThresholdMv, days, within, len(pts), o.BatteryWindow)}, true
}

// noiseAlert fires when every noise reading of the last NoiseSustain is more than
// NoiseRiseDB above the median of the NoiseBaseline before it; it needs
// NoiseMinSamples baseline readings and readings spread over the sustain period (the
// first no later than its middle), so one late burst is not "sustained". Readings of 0
// dBm or more are not a noise floor and are ignored.
func (m *Manager) noiseAlert(now time.Time, s []StatusSample) (Alert, bool) {
	o := m.opts
	cut := now.Add(-o.NoiseSustain)
	var base, recent []float64
	var first time.Time
	for _, r := range s {
		switch {
		case !r.HasNoise || r.Noise >= 0:
			// A firmware without a reading reports 0; a LoRa noise floor is well below 0 dBm.
		case r.At.After(cut):
			if first.IsZero() {
				first = r.At
			}
			recent = append(recent, r.Noise)
		case !r.At.Before(cut.Add(-o.NoiseBaseline)):
			base = append(base, r.Noise)
		}
	}
	if len(base) < max(o.NoiseMinSamples, 1) || len(recent) < 2 || first.After(cut.Add(o.NoiseSustain/2)) {
		return Alert{}, false
	}
	median, up := NoiseRise(base, recent, o.NoiseRiseDB)
	if !up {
		return Alert{}, false
	}
	lo := recent[0]
	for _, v := range recent {
		lo = min(lo, v)
	}
	return Alert{Kind: KindNoiseRising, Subject: s[0].ID, Name: s[0].Name,
		Message: fmt.Sprintf("noise floor of %s at least %.1f dBm for %s, %.1f dB above its baseline %.1f dBm (median of %d readings over %s; limit +%.1f dB)",
			label(Seen{ID: s[0].ID, Name: s[0].Name}), lo, o.NoiseSustain, lo-median, median, len(base), o.NoiseBaseline, o.NoiseRiseDB)}, true
}
