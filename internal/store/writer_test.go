package store

import (
	"context"
	"database/sql"
	"fmt"
	"path/filepath"
	"testing"
	"time"
)

// testWriter writes rows into a migrated temp DB through its own read-write handle,
// standing in for the ingestor.
type testWriter struct {
	t  testing.TB
	db *sql.DB
	n  int
}

func newTestWriter(t testing.TB) (*testWriter, string) {
	path := filepath.Join(t.TempDir(), "test.db")
	db := openMigrated(t, path)
	w := &testWriter{t: t, db: db}
	w.exec(`INSERT INTO observers (id, name, iata) VALUES ('OBS1', 'one', 'SJC'), ('OBS2', 'two', 'OAK')`)
	w.exec(`INSERT INTO nodes (public_key, name, role) VALUES ('aa11', 'alpha', 'repeater'), ('bb22', 'beta', 'companion')`)
	return w, path
}

func (w *testWriter) exec(q string, args ...any) sql.Result {
	w.t.Helper()
	r, err := w.db.Exec(q, args...)
	if err != nil {
		w.t.Fatalf("%s: %v", q, err)
	}
	return r
}

// tx inserts a transmission and returns its id.
func (w *testWriter) tx(ptype int, from string) int64 {
	w.t.Helper()
	w.n++
	var fromArg any
	if from != "" {
		fromArg = from
	}
	r := w.exec(`INSERT INTO transmissions (raw_hex, hash, first_seen, route_type, payload_type, decoded_json, from_pubkey)
		VALUES (?, ?, ?, 1, ?, '{"type":"X"}', ?)`,
		fmt.Sprintf("11%04X", w.n), fmt.Sprintf("%016x", 0xabc000+w.n),
		time.Unix(1700000000+int64(w.n), 0).UTC().Format("2006-01-02T15:04:05.000Z"), ptype, fromArg)
	id, _ := r.LastInsertId()
	return id
}

// obs inserts an observation by observer OBS<n> with path and resolved path JSON.
func (w *testWriter) obs(txID int64, observer int, ts int64, path, resolved string) int64 {
	w.t.Helper()
	var res any
	if resolved != "" {
		res = resolved
	}
	r := w.exec(`INSERT INTO observations (transmission_id, observer_idx, snr, rssi, path_json, timestamp, resolved_path)
		VALUES (?, (SELECT rowid FROM observers WHERE id = ?), 5.5, -90, ?, ?, ?)`,
		txID, fmt.Sprintf("OBS%d", observer), path, ts, res)
	id, _ := r.LastInsertId()
	return id
}

func openNoWait(t testing.TB, path string, opts Options) *Store {
	t.Helper()
	s := New(openRO(t, path), opts)
	if err := s.Open(context.Background()); err != nil {
		t.Fatalf("open store: %v", err)
	}
	t.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		s.Close(ctx)
	})
	return s
}
