package api

import (
	"net/http"
	"testing"
	"time"
)

func TestRecomputeSchedule_DirtyAndDebounced(t *testing.T) {
	r := recomputeSchedule{debounce: 30 * time.Second}
	t0 := time.Unix(1_700_000_000, 0)
	g0 := storeGen{transmissions: 10, observations: 20, loaded: true}
	if !r.due(t0, g0) {
		t.Fatal("the first pass is always due")
	}
	r.started(t0, g0)
	if r.due(t0.Add(time.Hour), g0) {
		t.Fatal("an unchanged store must not be recomputed")
	}
	g1 := g0
	g1.inserts++
	if r.due(t0.Add(29*time.Second), g1) {
		t.Fatal("a dirty store must wait for the debounce")
	}
	if !r.due(t0.Add(30*time.Second), g1) {
		t.Fatal("a dirty store is recomputed once the debounce has passed")
	}
	r.started(t0.Add(30*time.Second), g1)
	g2 := g1
	g2.evicted++
	if !r.due(t0.Add(61*time.Second), g2) {
		t.Fatal("an eviction makes the snapshots dirty")
	}
	// A slow pass (a large store) spaces the next one by passDutyCycle times its duration.
	r.started(t0.Add(61*time.Second), g2)
	r.finished(100 * time.Second)
	g3 := g2
	g3.inserts++
	if r.due(t0.Add((61+499)*time.Second), g3) {
		t.Fatal("a 100 s pass must not be followed by another within 500 s of its start")
	}
	if !r.due(t0.Add((61+500)*time.Second), g3) {
		t.Fatal("the next pass is due 500 s after a 100 s pass began")
	}
}

// TestRunAnalytics_RecomputesOnIngest runs the recompute loop over the real store
// following a real SQLite file: nothing is recomputed while nothing is written, one
// committed row triggers one debounced pass, and the republished snapshot counts it.
func TestRunAnalytics_RecomputesOnIngest(t *testing.T) {
	f := newFixture(t)
	a := f.api.ana
	a.debounce, a.check = 200*time.Millisecond, 10*time.Millisecond
	defer runAnalytics(t, f.api)()
	waitPasses := func(n int64) {
		t.Helper()
		deadline := time.Now().Add(20 * time.Second)
		for a.passes.Load() < n {
			if time.Now().After(deadline) {
				t.Fatalf("%d passes, want %d", a.passes.Load(), n)
			}
			time.Sleep(10 * time.Millisecond)
		}
	}
	waitPasses(1)
	time.Sleep(5 * a.debounce) // idle: several debounce periods, no new rows
	if n := a.passes.Load(); n != 1 {
		t.Fatalf("%d passes over an unchanged store, want 1", n)
	}
	rfTotal := func() int {
		var rf struct{ TotalTransmissions int }
		f.getJSON(t, "/api/analytics/rf", &rf)
		return rf.TotalTransmissions
	}
	before := rfTotal()

	w := writeFixture(t, f.dbPath)
	now := time.Now().UTC()
	// One transaction, as the ingestor commits: two separate commits could land in two store polls
	// and rightly cause two passes.
	tx, err := w.Begin()
	if err != nil {
		t.Fatal(err)
	}
	if _, err := tx.Exec(`INSERT INTO transmissions (raw_hex, hash, first_seen, route_type, payload_type, decoded_json)
		VALUES ('0A00', 'f0110000000000a1', ?, 1, 2, '{}')`, now.Format("2006-01-02T15:04:05.000Z")); err != nil {
		t.Fatal(err)
	}
	if _, err := tx.Exec(`INSERT INTO observations (transmission_id, observer_idx, snr, rssi, path_json, timestamp)
		VALUES ((SELECT id FROM transmissions WHERE hash = 'f0110000000000a1'), (SELECT min(rowid) FROM observers), 1.5, -100, '[]', ?)`, now.Unix()); err != nil {
		t.Fatal(err)
	}
	if err := tx.Commit(); err != nil {
		t.Fatal(err)
	}
	waitPasses(2)
	if got, want := rfTotal(), dbCount(t, f.dbPath, "SELECT count(*) FROM transmissions"); got != want || got != before+1 {
		t.Fatalf("rf totalTransmissions %d after the insert (before %d), SQL %d", got, before, want)
	}
	time.Sleep(5 * a.debounce)
	if n := a.passes.Load(); n != 2 {
		t.Fatalf("%d passes after one insert, want 2", n)
	}
	if code, hdr, _ := f.do(t, http.MethodGet, "/api/analytics/roles", "", nil); code != http.StatusOK || hdr.Get("X-Cache-Age-Seconds") == "" {
		t.Fatalf("roles: %d %v", code, hdr)
	}
}
