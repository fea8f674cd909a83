package store

import (
	"path/filepath"
	"runtime"
	"testing"
	"time"
)

// loadAllocPerObs loads a freshly generated database of n observations and returns
// the bytes the process allocated during the load, per observation.
func loadAllocPerObs(t *testing.T, n int) float64 {
	t.Helper()
	path := filepath.Join(t.TempDir(), "alloc.db")
	if err := generate(t, path, n); err != nil {
		t.Fatal(err)
	}
	want := sqlInt(t, openRO(t, path), `SELECT count(*) FROM observations`)
	runtime.GC()
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	s := openStore(t, path, Options{PollInterval: time.Hour})
	runtime.ReadMemStats(&after)
	if got := s.Counts().Observations; got != int64(want) {
		t.Fatalf("loaded %d observations, the database has %d", got, want)
	}
	return float64(after.TotalAlloc-before.TotalAlloc) / float64(want)
}

// The load converts rows straight into the store's compact form: what it allocates
// per observation is the driver's column strings, the row's share of the arrays it
// lands in and a small read-ahead — not slices of row structs grown by copying.
func TestLoadAllocatesLittlePerObservation(t *testing.T) {
	const n = 40000
	const bound = 1600 // bytes per observation (2586 when rows were collected into []storage.Obs first)
	got := loadAllocPerObs(t, n)
	t.Logf("load allocated %.0f bytes per observation", got)
	if got > bound {
		t.Fatalf("load allocated %.0f bytes per observation, want at most %d", got, bound)
	}
}
