package main

import (
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"github.com/corescope/corescope/internal/alerts"
	"github.com/corescope/corescope/internal/api"
	"github.com/corescope/corescope/internal/meshsim"
	"github.com/corescope/corescope/internal/testutil"
)

// observerDegradedRun simulates the hour before T two weeks ago, one week ago and now,
// then the hour after T (each hour its own ingest run, so every row is stamped inside
// its hour), and evaluates an alert manager with only the degradation rule (25 %, 2 of
// 2 weeks, 20 packets) at T and at T+1 h. With degrade, the busiest observer uploads a
// tenth of its receptions in the hour before T. It returns the webhook events per
// evaluation and the degraded observer's id.
func observerDegradedRun(t *testing.T, degrade bool) (atT, atT1 []string, victim string) {
	t.Helper()
	w, err := meshsim.NewWorld(meshsim.DefaultOptions())
	if err != nil {
		t.Fatal(err)
	}
	T := time.Now().UTC().Truncate(time.Hour)
	path := filepath.Join(t.TempDir(), "degraded.db")
	gen := meshsim.NewGenerator(w)
	if degrade {
		o := w.Observers[0]
		for _, c := range w.Observers {
			if c.Node.Neighbours() > o.Node.Neighbours() {
				o = c
			}
		}
		victim = o.ID
		gen.Degrade(o, 0.1, T.Add(-time.Hour), T)
	}
	week := 7 * 24 * time.Hour
	for _, end := range []time.Time{T.Add(-2 * week), T.Add(-week), T, T.Add(time.Hour)} {
		simPhase(t, path, gen, end.Add(-time.Hour), time.Hour-time.Second, 600)
	}
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
	m := alerts.New(alerts.Options{Webhooks: []string{rcv.URL}, DegradedRatio: 0.25, DegradedWeeks: 2, DegradedMinWeeks: 2,
		DegradedMinPackets: 20, Now: func() time.Time { return clock },
		ObserverRates: func(now time.Time, weeks int) ([]alerts.ObserverRate, error) {
			rows, err := srv.Server.ObserverRates(now, weeks)
			out := make([]alerts.ObserverRate, len(rows))
			for i, r := range rows {
				out[i] = alerts.ObserverRate(r)
			}
			return out, err
		}})
	for range 3 {
		m.Tick(context.Background())
	}
	atT = log.all()
	clock = T.Add(time.Hour)
	m.Tick(context.Background())
	return atT, log.all()[len(atT):], victim
}

// TestObserverDegraded_SimulatedObserverLosesUploads: exactly the degraded observer is
// reported, once, and resolved when its next hour is normal again.
func TestObserverDegraded_SimulatedObserverLosesUploads(t *testing.T) {
	atT, atT1, victim := observerDegradedRun(t, true)
	if want := []string{"firing observer_degraded " + victim}; !slices.Equal(atT, want) {
		t.Fatalf("at T: %v, want %v", atT, want)
	}
	if want := []string{"resolved observer_degraded " + victim}; !slices.Equal(atT1, want) {
		t.Fatalf("an hour later: %v, want %v", atT1, want)
	}
}

// TestObserverDegraded_NoneOnTheNormalMesh: the same weeks without the injection raise none.
func TestObserverDegraded_NoneOnTheNormalMesh(t *testing.T) {
	atT, atT1, _ := observerDegradedRun(t, false)
	if len(atT) != 0 || len(atT1) != 0 {
		t.Fatalf("normal mesh raised %v then %v", atT, atT1)
	}
}
