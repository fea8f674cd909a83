package meshsim

import (
	"encoding/json"
	"strings"
	"testing"
	"time"
)

// statusOf collects each observer's …/status stats from one step's messages.
func statusOf(t *testing.T, msgs []Message) map[string]statusStats {
	t.Helper()
	out := map[string]statusStats{}
	for _, m := range msgs {
		if !strings.HasSuffix(m.Topic, "/status") {
			continue
		}
		var b statusBody
		if err := json.Unmarshal(m.Payload, &b); err != nil {
			t.Fatal(err)
		}
		out[b.OriginID] = b.Stats
	}
	return out
}

// TestBatteryNoiseInjection_StatusFollowsTheInjections: observer 0's battery falls 200
// mV per day from day 1 (−0 at day 1, −200 at day 2, −300 at day 2.5) and is back at
// day 3; observer 1's noise floor is 10 dB higher on day 2 only; every other status is
// as on day 0.
func TestBatteryNoiseInjection_StatusFollowsTheInjections(t *testing.T) {
	w, err := NewWorld(DefaultOptions())
	if err != nil {
		t.Fatal(err)
	}
	if len(w.Observers) < 3 {
		t.Fatalf("only %d observers", len(w.Observers))
	}
	g := NewGenerator(w)
	t0 := time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC)
	d := func(x float64) time.Time { return t0.Add(time.Duration(x * 24 * float64(time.Hour))) }
	bat, noisy := w.Observers[0], w.Observers[1]
	g.DrainBattery(bat, 200, d(1), d(3))
	g.RaiseNoise(noisy, 10, d(2), d(2.5))
	at := map[float64]map[string]statusStats{}
	for _, x := range []float64{0, 1, 2, 2.5, 3} {
		msgs, err := g.Step(d(x))
		if err != nil {
			t.Fatal(err)
		}
		at[x] = statusOf(t, msgs)
	}
	base := at[0]
	if len(base) != len(w.Observers) {
		t.Fatalf("%d statuses for %d observers", len(base), len(w.Observers))
	}
	wantBat := map[float64]int{0: 0, 1: 0, 2: -200, 2.5: -300, 3: 0}
	wantNoise := map[float64]float64{0: 0, 1: 0, 2: 10, 2.5: 0, 3: 0}
	for x, st := range at {
		for id, s := range st {
			db, dn := s.BatteryMV-base[id].BatteryMV, s.NoiseFloor-base[id].NoiseFloor
			wb, wn := 0, 0.0
			if id == bat.ID {
				wb = wantBat[x]
			}
			if id == noisy.ID {
				wn = wantNoise[x]
			}
			if db != wb || dn != wn {
				t.Errorf("day %v observer %s: battery %+d mV noise %+v dB, want %+d, %+v", x, id, db, dn, wb, wn)
			}
		}
	}
}
