package store

import (
	"context"
	"strings"
	"testing"
	"time"
)

// waitLoaded waits on the store's load signal, bounded so a broken signal fails the
// test instead of hanging it.
func waitLoaded(t testing.TB, s *Store) {
	t.Helper()
	select {
	case <-s.Loaded():
	case <-time.After(30 * time.Second):
		t.Fatal("Loaded() was not closed")
	}
}

// A complete load closes Loaded with LoadErr nil, and every transmission counted by
// SQL on the fixture is in memory by then.
func TestLoaded_SignalsCompleteLoad(t *testing.T) {
	path, ro := fixtureDB(t)
	want := sqlInt(t, ro, `SELECT count(*) FROM transmissions`)
	s := New(openRO(t, path), DefaultOptions())
	if err := s.LoadErr(); err != nil {
		t.Fatalf("LoadErr before Open = %v, want nil", err)
	}
	if err := s.Open(context.Background()); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = s.Close(context.Background()) })
	waitLoaded(t, s)
	if err := s.LoadErr(); err != nil {
		t.Fatalf("LoadErr = %v, want nil", err)
	}
	if got := s.Counts().Transmissions; got != int64(want) {
		t.Errorf("transmissions in memory when Loaded closed = %d, want %d (SQL)", got, want)
	}
	if st, p := s.LoadStatus(); st != "ready" || p != 100 {
		t.Errorf("LoadStatus = %s %d, want ready 100", st, p)
	}
}

// A load that fails on a row it cannot scan closes Loaded and reports that error,
// and LoadStatus (the API's header) says "failed".
func TestLoaded_SignalsFailedLoad(t *testing.T) {
	path := copyFixture(t)
	rw := openMigrated(t, path)
	if _, err := rw.Exec(`UPDATE transmissions SET route_type = 'not-a-number' WHERE id = (SELECT max(id) FROM transmissions)`); err != nil {
		t.Fatal(err)
	}
	rw.Close()
	s := New(openRO(t, path), DefaultOptions())
	if err := s.Open(context.Background()); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = s.Close(context.Background()) })
	waitLoaded(t, s)
	err := s.LoadErr()
	if err == nil || !strings.Contains(err.Error(), "scan transmission") {
		t.Fatalf("LoadErr = %v, want the scan error", err)
	}
	if st, _ := s.LoadStatus(); st != "failed" {
		t.Errorf("LoadStatus = %s, want failed", st)
	}
}

// Close before the load ends still closes Loaded, with an error saying so, so a waiter
// never hangs on a store that was shut down.
func TestLoaded_ClosedByCloseBeforeLoad(t *testing.T) {
	path, _ := fixtureDB(t)
	s := New(openRO(t, path), DefaultOptions())
	s.opts.ChunkSize = 1 // many chunks: Close lands mid-load or after it
	if err := s.Open(context.Background()); err != nil {
		t.Fatal(err)
	}
	if err := s.Close(context.Background()); err != nil {
		t.Fatal(err)
	}
	waitLoaded(t, s)
	if err := s.LoadErr(); err != nil && err != ErrLoadStopped {
		t.Errorf("LoadErr after Close = %v, want nil (load finished first) or ErrLoadStopped", err)
	}
}
