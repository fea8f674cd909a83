package alerts

import (
	"context"
	"sort"
	"strings"
	"testing"
	"time"
)

// TestBatteryNoise_RulesFireOnceAndClear: with a 3400 mV threshold, within 3 days, a
// 4-day window and 4 samples:
// BAT1 reads 4000, 3900, 3850, 3700 on days 0–3, slope -95 mV/day, 3720 mV at day 3,
// 3.37 days to 3400 (> 3: quiet); at day 3.5 the line is at 3672.5, 2.87 days away
// (fires). BAT2 (steady 3900) and BAT3 (only 3 readings) never fire. NOI1's baseline
// is eight readings, median -117.5; its last hour reads -110 and -111 (> -111.5: fires);
// NOI2's last hour has one reading of -113 (not sustained); both clear when the last
// hour is back at -118. NOI3 has NOI1's baseline and only 0 dBm ("no reading") in its
// last hour: ignored, never fires.
func TestBatteryNoise_RulesFireOnceAndClear(t *testing.T) {
	rcv := newReceiver(t)
	now := day(3)
	var rows []StatusSample
	bat := func(id string, d, mv float64) {
		rows = append(rows, StatusSample{ID: id, At: day(d), BatteryMv: mv, HasBattery: true})
	}
	for i, mv := range []float64{4000, 3900, 3850, 3700} {
		bat("BAT1", float64(i), mv)
		bat("BAT2", float64(i), 3900)
	}
	for i, mv := range []float64{3900, 3700, 3500} {
		bat("BAT3", float64(i+1), mv)
	}
	noise := func(id string, at time.Time, v float64) {
		rows = append(rows, StatusSample{ID: id, Name: "Hill", At: at, Noise: v, HasNoise: true})
	}
	for i, v := range []float64{-118, -117, -119, -116, -118, -117, -119, -116} {
		noise("NOI1", day(2).Add(time.Duration(i)*time.Hour), v)
		noise("NOI2", day(2).Add(time.Duration(i)*time.Hour), v)
		noise("NOI3", day(2).Add(time.Duration(i)*time.Hour), v)
	}
	recent := func(at time.Time, a, b float64) {
		noise("NOI1", at.Add(-50*time.Minute), a)
		noise("NOI3", at.Add(-50*time.Minute), 0) // "no reading", not a 118 dB rise: ignored
		noise("NOI3", at.Add(-10*time.Minute), 0)
		noise("NOI1", at.Add(-10*time.Minute), b)
		noise("NOI2", at.Add(-10*time.Minute), a)
	}
	m := New(Options{Webhooks: []string{rcv.srv.URL}, BatteryThresholdMv: 3400, BatteryWindow: 4 * 24 * time.Hour,
		BatteryMinSamples: 4, BatteryWithin: 3 * 24 * time.Hour,
		NoiseRiseDB: 6, NoiseBaseline: 7 * 24 * time.Hour, NoiseSustain: time.Hour, NoiseMinSamples: 8,
		StatusSamples: func(since time.Time) ([]StatusSample, error) {
			var out []StatusSample
			for _, r := range rows {
				if !r.At.Before(since) {
					out = append(out, r)
				}
			}
			return out, nil
		},
		Now: func() time.Time { return now }})
	ctx := context.Background()
	m.Tick(ctx)
	if got := summary(rcv.take()); got != "" {
		t.Fatalf("day 3, nothing due yet: %s", got)
	}
	now = day(3.5)
	recent(now, -110, -111)
	m.Tick(ctx)
	m.Tick(ctx)
	evs := rcv.take()
	sortEvents(evs)
	if got := summary(evs); got != "firing battery_falling BAT1; firing noise_floor_rising NOI1" {
		t.Fatalf("day 3.5: %s", got)
	}
	if !strings.Contains(evs[0].Message, "trends to 3672 mV now, falling 95 mV/day: reaches 3400 mV in 2.9 days") {
		t.Errorf("battery message: %s", evs[0].Message)
	}
	if !strings.Contains(evs[1].Message, `"Hill" (NOI1) at least -111.0 dBm`) || !strings.Contains(evs[1].Message, "baseline -117.5 dBm") {
		t.Errorf("noise message: %s", evs[1].Message)
	}
	// A new battery on BAT1 (3700 on day 3, then 4100 on days 4–7: rising) and a quiet hour.
	now = day(7)
	for d := 4.0; d <= 7; d++ {
		bat("BAT1", d, 4100)
	}
	recent(now, -118, -118)
	m.Tick(ctx)
	evs = rcv.take()
	sortEvents(evs)
	if got := summary(evs); got != "resolved battery_falling BAT1; resolved noise_floor_rising NOI1" {
		t.Fatalf("day 7: %s", got)
	}
}

// sortEvents orders events by kind then subject: resolutions of one tick are delivered
// in no particular order.
func sortEvents(evs []Event) {
	sort.Slice(evs, func(i, j int) bool {
		return evs[i].Kind+"\x00"+evs[i].Subject < evs[j].Kind+"\x00"+evs[j].Subject
	})
}
