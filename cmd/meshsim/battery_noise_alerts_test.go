package main

import (
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"slices"
	"sort"
	"testing"
	"time"

	"github.com/corescope/corescope/internal/alerts"
	"github.com/corescope/corescope/internal/api"
	"github.com/corescope/corescope/internal/meshsim"
	"github.com/corescope/corescope/internal/testutil"
)

// batteryNoiseRun simulates hour-long phases 6, 4, 3 and 2 days before T, the day before
// T, its last hour and an hour 3 days after T densely (denseHour; all through the real
// ingest path into one SQLite file),
// serves it, and evaluates an alert manager with only the battery and noise rules
// (3400 mV within 3 days over a 3-day fit of at least 6 readings; +6 dB over the median
// of 7 days, sustained 1 h, 12 baseline readings) at T and at T+3 d+1 h. With inject,
// observer 0's battery falls 150 mV/day from T−3 d to T+2 d (from 3900–4199 mV it is
// 3450–3749 mV at T, 0.3–2.3 days above 3400) and observer 1's noise floor is 10 dB
// higher from T−1 h to T+1 h. It returns the webhook events per evaluation.
func batteryNoiseRun(t *testing.T, inject bool) (atT, later []string, bat, noisy string) {
	t.Helper()
	w, err := meshsim.NewWorld(meshsim.DefaultOptions())
	if err != nil {
		t.Fatal(err)
	}
	T := time.Now().UTC().Truncate(time.Hour)
	day := 24 * time.Hour
	path := filepath.Join(t.TempDir(), "battery-noise.db")
	gen := meshsim.NewGenerator(w)
	if inject {
		b, n := w.Observers[0], w.Observers[1]
		bat, noisy = b.ID, n.ID
		gen.DrainBattery(b, 150, T.Add(-3*day), T.Add(2*day))
		gen.RaiseNoise(n, 10, T.Add(-time.Hour), T.Add(time.Hour))
	}
	for _, back := range []int{6, 4, 3, 2} {
		simPhase(t, path, gen, T.Add(-time.Duration(back)*day), time.Hour-time.Second, 150)
	}
	simPhase(t, path, gen, T.Add(-day), day-time.Hour-time.Second, 600)
	denseHour(t, path, gen, T.Add(-time.Hour))
	denseHour(t, path, gen, T.Add(3*day))

	clock := T
	srv := testutil.NewTestServerAt(t, path, func(ao *api.Options) { ao.Now = func() time.Time { return clock } })
	log := &hookLog{}
	rcv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		var ev alerts.Event
		if err := json.NewDecoder(r.Body).Decode(&ev); err != nil {
			t.Errorf("webhook body: %v", err)
		}
		log.mu.Lock()
		log.evs = append(log.evs, ev)
		log.mu.Unlock()
	}))
	t.Cleanup(rcv.Close)
	m := alerts.New(alerts.Options{Webhooks: []string{rcv.URL}, Now: func() time.Time { return clock },
		BatteryThresholdMv: 3400, BatteryWindow: 3 * day, BatteryMinSamples: 6, BatteryWithin: 3 * day,
		NoiseRiseDB: 6, NoiseBaseline: 7 * day, NoiseSustain: time.Hour, NoiseMinSamples: 12,
		StatusSamples: func(since time.Time) ([]alerts.StatusSample, error) {
			rows, err := srv.Server.StatusSamples(since)
			out := make([]alerts.StatusSample, len(rows))
			for i, r := range rows {
				out[i] = alerts.StatusSample(r)
			}
			return out, err
		}})
	for range 3 {
		m.Tick(context.Background())
	}
	atT = log.all()
	clock = T.Add(3*day + time.Hour)
	m.Tick(context.Background())
	later = log.all()[len(atT):]
	sort.Strings(atT)
	sort.Strings(later)
	return atT, later, bat, noisy
}

// denseHour simulates the hour from start as six 10-minute ingest runs: the ingestor
// keeps one status sample per observer and 5-minute bucket of its commit time, and a
// simulated hour is committed in far less than a real one, so one run would leave one
// or two samples where a live ingestor writes twelve.
func denseHour(t *testing.T, path string, gen *meshsim.Generator, start time.Time) {
	t.Helper()
	for i := range 6 {
		simPhase(t, path, gen, start.Add(time.Duration(i)*10*time.Minute), 10*time.Minute-time.Second, 40)
	}
}

// TestBatteryNoiseAlerts_SimulatedInjections: exactly the draining battery and the noisy
// observer are reported, once each over three ticks, and both resolve three days later
// (battery swapped, noise back to normal).
func TestBatteryNoiseAlerts_SimulatedInjections(t *testing.T) {
	atT, later, bat, noisy := batteryNoiseRun(t, true)
	want := []string{"firing battery_falling " + bat, "firing noise_floor_rising " + noisy}
	if !slices.Equal(atT, want) {
		t.Fatalf("at T: %v, want %v", atT, want)
	}
	want = []string{"resolved battery_falling " + bat, "resolved noise_floor_rising " + noisy}
	if !slices.Equal(later, want) {
		t.Fatalf("three days later: %v, want %v", later, want)
	}
}

// TestBatteryNoiseAlerts_NoneOnTheNormalMesh: the same days without injections raise none.
func TestBatteryNoiseAlerts_NoneOnTheNormalMesh(t *testing.T) {
	atT, later, _, _ := batteryNoiseRun(t, false)
	if len(atT) != 0 || len(later) != 0 {
		t.Fatalf("normal mesh raised %v then %v", atT, later)
	}
}
