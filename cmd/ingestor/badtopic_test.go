package main

import (
	"testing"

	"github.com/corescope/corescope/internal/testutil"
)

// TestIngestor_BadTopicRegionOnMetrics runs the real binaries: every message published
// under an invalid topic region is refused and shows up on /metrics as
// ingest_bad_input_total{reason="bad_region_chars"}; a valid region published afterwards
// is stored as usual.
func TestIngestor_BadTopicRegionOnMetrics(t *testing.T) {
	e := newEnv(t)
	p, url := e.startWithMetrics()
	e.waitStats("subscribed", subscribed)
	vectors := testutil.SharedPath(t, "testdata/vectors.json")
	if out, err := e.publish("-vectors", vectors, "-iata", "S<F>").CombinedOutput(); err != nil {
		t.Fatalf("publish bad region: %v\n%s", err, out)
	}
	if out, err := e.publish("-vectors", vectors, "-iata", "SJC").CombinedOutput(); err != nil {
		t.Fatalf("publish good region: %v\n%s", err, out)
	}
	total, good, _ := fixtureCounts(t)
	wantBad := float64(total + 1) // every fixture packet plus the observer's status message
	const badSeries = `corescope_ingest_bad_input_total{reason="bad_region_chars"}`
	s := waitSeries(t, url, "bad regions counted and good ones stored", func(s map[string]float64) bool {
		return s[badSeries] >= wantBad && s["corescope_ingest_observations_inserted_total"] >= float64(good)
	})
	p.stop(t)
	if s[badSeries] != wantBad {
		t.Errorf("%s = %v, want %v", badSeries, s[badSeries], wantBad)
	}
	db := e.readDB()
	defer db.Close()
	var observers, badIATA int
	if err := db.QueryRow(`SELECT COUNT(*), COUNT(*) FILTER (WHERE iata <> 'SJC') FROM observers`).Scan(&observers, &badIATA); err != nil {
		t.Fatal(err)
	}
	if observers != 1 || badIATA != 0 {
		t.Errorf("observers: got %d (%d outside SJC), want 1 (0)", observers, badIATA)
	}
}
