package store

import (
	"context"
	"database/sql"
	"testing"
	"time"
)

// Databases written by other tools hold transmission and observation ids of 0, negative
// and far apart (the reference's own test seed does); the fixture numbers rows
// newest-first. These tests renumber rows of a fixture copy with plain SQL and check the
// store against SQL on the same file (issue #16 item 1).

// renumberTx moves transmission from to id to, with its observations.
func renumberTx(t *testing.T, db *sql.DB, from, to int64) {
	t.Helper()
	tx, err := db.Begin()
	if err != nil {
		t.Fatal(err)
	}
	defer tx.Rollback()
	for _, q := range []string{
		`PRAGMA defer_foreign_keys = ON`,
		`UPDATE transmissions SET id = ? WHERE id = ?`,
		`UPDATE observations SET transmission_id = ? WHERE transmission_id = ?`,
	} {
		args := []any{to, from}
		if q[0] == 'P' {
			args = nil
		}
		if _, err := tx.Exec(q, args...); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
	if err := tx.Commit(); err != nil {
		t.Fatal(err)
	}
}

// renumberedFixture returns a migrated fixture copy whose transmissions and observations
// with the given ids were moved to their new ids, its writer handle and a store over it.
func renumberedFixture(t *testing.T, txIDs, obsIDs map[int64]int64, opts Options) (*sql.DB, *Store) {
	t.Helper()
	path := copyFixture(t)
	w := openMigrated(t, path)
	for from, to := range txIDs {
		renumberTx(t, w, from, to)
	}
	for from, to := range obsIDs {
		if _, err := w.Exec(`UPDATE observations SET id = ? WHERE id = ?`, to, from); err != nil {
			t.Fatal(err)
		}
	}
	return w, openStore(t, path, opts)
}

// checkMatchesSQL compares the store's sizes and the observation count of each of ids
// with the database.
func checkMatchesSQL(t *testing.T, s *Store, db *sql.DB, ids ...int64) {
	t.Helper()
	c := s.Counts()
	wantTx, wantObs := sqlInt(t, db, `SELECT count(*) FROM transmissions`), sqlInt(t, db, `SELECT count(*) FROM observations`)
	if c.Transmissions != int64(wantTx) || c.Observations != int64(wantObs) {
		t.Fatalf("store has %d transmissions / %d observations, SQL %d / %d", c.Transmissions, c.Observations, wantTx, wantObs)
	}
	for _, id := range ids {
		got, ok := s.TransmissionByID(id)
		want := sqlInt(t, db, `SELECT count(*) FROM observations WHERE transmission_id = ?`, id)
		if !ok || len(got.Observations) != want {
			t.Fatalf("transmission %d: found=%v with %d observations, SQL has %d", id, ok, len(got.Observations), want)
		}
	}
}

func TestIDs_ZeroIsARowNotAnEmptyTable(t *testing.T) {
	w, s := renumberedFixture(t, map[int64]int64{1: 0}, map[int64]int64{1: 0}, Options{PollInterval: time.Hour})
	checkMatchesSQL(t, s, w, 0, 2)
	for range 3 { // the eviction ticker's pass, several times: nothing was pruned
		if err := s.evictStale(context.Background()); err != nil {
			t.Fatal(err)
		}
	}
	checkMatchesSQL(t, s, w, 0, 2)
	if _, _, ok := s.ObservationByID(0); !ok {
		t.Fatal("observation 0 not found")
	}
}

func TestIDs_NegativeAndSparseLoadEvictFollow(t *testing.T) {
	const far = -5_000_000_000 // billions of ids below the rest: chunking by id range would never finish
	txIDs := map[int64]int64{1: 0, 2: -2, 3: -3, 4: -4, 5: far}
	obsIDs := map[int64]int64{1: 0, 2: -2, 3: -3, 4: far}
	w, s := renumberedFixture(t, txIDs, obsIDs, Options{PollInterval: time.Hour, ChunkSize: 50})
	ctx := context.Background()
	checkMatchesSQL(t, s, w, 0, -2, -4, far, 6, 500)
	if err := s.evictStale(ctx); err != nil {
		t.Fatal(err)
	}
	checkMatchesSQL(t, s, w, 0, -2, -4, far, 6, 500)

	// The ingestor prunes by first_seen; in the fixture the oldest rows have the highest
	// ids, so the smallest remaining id does not move. They must go all the same.
	var oldest []int64
	rows, err := w.Query(`SELECT id FROM transmissions ORDER BY first_seen, id LIMIT 3`)
	if err != nil {
		t.Fatal(err)
	}
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			t.Fatal(err)
		}
		oldest = append(oldest, id)
	}
	rows.Close()
	for _, id := range oldest {
		if _, err := w.Exec(`DELETE FROM observations WHERE transmission_id = ?`, id); err != nil {
			t.Fatal(err)
		}
		if _, err := w.Exec(`DELETE FROM transmissions WHERE id = ?`, id); err != nil {
			t.Fatal(err)
		}
	}
	if err := s.evictStale(ctx); err != nil {
		t.Fatal(err)
	}
	checkMatchesSQL(t, s, w, 0, far)
	for _, id := range oldest {
		if _, ok := s.TransmissionByID(id); ok {
			t.Fatalf("pruned transmission %d still in memory", id)
		}
	}

	// New rows: above every id (AUTOINCREMENT), below every id (explicit), and inside the
	// range already read (explicit id, found through its new observation).
	events, cancel := s.Subscribe(100)
	defer cancel()
	ins := func(id any, hash string) int64 {
		r, err := w.Exec(`INSERT INTO transmissions (id, raw_hex, hash, first_seen, route_type, payload_type)
			VALUES (?, '1100', ?, '2026-05-17T19:00:00Z', 1, 4)`, id, hash)
		if err != nil {
			t.Fatal(err)
		}
		n, _ := r.LastInsertId()
		return n
	}
	obs := func(id any, txID int64) {
		if _, err := w.Exec(`INSERT INTO observations (id, transmission_id, observer_idx, path_json, timestamp)
			VALUES (?, ?, 1, '[]', 1779044000)`, id, txID); err != nil {
			t.Fatal(err)
		}
	}
	above := ins(nil, "00000000000000a1")
	obs(nil, above)
	below := ins(int64(far-1), "00000000000000b1")
	obs(int64(far-7), below)
	inside := ins(int64(-20), "00000000000000c1")
	obs(nil, inside)
	obs(int64(far-8), 0) // a late observation of transmission 0, below every observation id
	if err := s.Poll(ctx); err != nil {
		t.Fatal(err)
	}
	checkMatchesSQL(t, s, w, above, below, inside, 0)
	inserts := s.Counts().Inserts
	if inserts != 4 {
		t.Fatalf("inserts after first poll = %d, want 4", inserts)
	}
	for range 4 {
		select {
		case <-events:
		case <-time.After(5 * time.Second):
			t.Fatal("fewer than 4 events")
		}
	}
	// Nothing is read twice.
	if err := s.Poll(ctx); err != nil {
		t.Fatal(err)
	}
	if c := s.Counts(); c.Inserts != inserts {
		t.Fatalf("second poll applied %d more observations", c.Inserts-inserts)
	}
	select {
	case e := <-events:
		t.Fatalf("unexpected event for observation %d", e.Obs.ID)
	default:
	}
	checkMatchesSQL(t, s, w, above, below, inside, 0)
}

// An empty database: the first rows may have any id, 0 and negative included.
func TestIDs_EmptyDatabaseFollowsAnyID(t *testing.T) {
	w, path := newTestWriter(t)
	s := openStore(t, path, Options{PollInterval: time.Hour})
	for _, id := range []int64{0, -3} {
		w.exec(`INSERT INTO transmissions (id, raw_hex, hash, first_seen) VALUES (?, '00', ?, '2026-01-01T00:00:00Z')`, id, "ab"+string(rune('0'-id)))
		w.exec(`INSERT INTO observations (id, transmission_id, observer_idx, timestamp) VALUES (?, ?, 1, 1700000000)`, id, id)
	}
	if err := s.Poll(context.Background()); err != nil {
		t.Fatal(err)
	}
	checkMatchesSQL(t, s, w.db, 0, -3)
}
