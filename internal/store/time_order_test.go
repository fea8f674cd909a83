package store

import (
	"context"
	"database/sql"
	"testing"
	"time"
)

// The fixture numbers rows newest-first: the highest ids are the oldest rows. Nothing
// that means "newest" or "oldest" may follow id order (issue #16 item 2).

func sqlInt64s(t *testing.T, db *sql.DB, q string, args ...any) []int64 {
	t.Helper()
	rows, err := db.Query(q, args...)
	if err != nil {
		t.Fatalf("%s: %v", q, err)
	}
	defer rows.Close()
	var out []int64
	for rows.Next() {
		var v int64
		if err := rows.Scan(&v); err != nil {
			t.Fatal(err)
		}
		out = append(out, v)
	}
	return out
}

// oldRowWithHighestID adds a transmission first seen and observed three days before the
// fixture's newest observation, under the highest id of the table.
func oldRowWithHighestID(t *testing.T, w *sql.DB) int64 {
	t.Helper()
	r, err := w.Exec(`INSERT INTO transmissions (raw_hex, hash, first_seen, route_type, payload_type)
		VALUES ('1100', '00000000000000d1', '2026-05-14T18:00:00Z', 1, 4)`)
	if err != nil {
		t.Fatal(err)
	}
	id, _ := r.LastInsertId()
	if _, err := w.Exec(`INSERT INTO observations (transmission_id, observer_idx, path_json, timestamp)
		VALUES (?, 1, '[]', (SELECT max(timestamp) - 3*86400 FROM observations))`, id); err != nil {
		t.Fatal(err)
	}
	return id
}

func TestCounts_ByObservationTime(t *testing.T) {
	path := copyFixture(t)
	w := openMigrated(t, path)
	oldRowWithHighestID(t, w)
	s := openStore(t, path, Options{PollInterval: time.Hour})
	ctx := context.Background()
	newest := int64(sqlInt(t, w, `SELECT max(timestamp) FROM observations`))
	check := func(label string) {
		t.Helper()
		for _, back := range []int64{600, 3600, 2 * 3600, 24 * 3600, 4 * 86400} {
			since := newest - back
			want := sqlInt(t, w, `SELECT count(*) FROM observations WHERE timestamp >= ?`, since)
			if got, err := s.CountObservationsSince(ctx, time.Unix(since, 0)); err != nil || got != int64(want) {
				t.Fatalf("%s: count since newest-%ds = %d (%v), SQL %d", label, back, got, err, want)
			}
			byObs, err := s.ObserverCounts(ctx, time.Unix(since, 0))
			if err != nil {
				t.Fatal(err)
			}
			rows, err := w.Query(`SELECT ob.id, count(*) FROM observations o JOIN observers ob ON ob.rowid = o.observer_idx
				WHERE o.timestamp >= ? GROUP BY ob.id`, since)
			if err != nil {
				t.Fatal(err)
			}
			n := 0
			for rows.Next() {
				var id string
				var c int
				if err := rows.Scan(&id, &c); err != nil {
					t.Fatal(err)
				}
				n++
				if byObs[id] != c {
					t.Fatalf("%s: observer %s since newest-%ds = %d, SQL %d", label, id, back, byObs[id], c)
				}
			}
			rows.Close()
			if len(byObs) != n {
				t.Fatalf("%s: %d observers counted, SQL %d", label, len(byObs), n)
			}
		}
	}
	check("with timestamp index")
	// A database whose writer never created the index: slower, same answers.
	if _, err := w.Exec(`DROP INDEX idx_observations_timestamp`); err != nil {
		t.Fatal(err)
	}
	if n := sqlInt(t, w, `SELECT count(*) FROM sqlite_master WHERE type = 'index' AND sql LIKE '%observations(timestamp)%'`); n != 0 {
		t.Fatalf("%d timestamp indexes left", n)
	}
	check("without timestamp index")
}

func TestRecentObservations_NewestByTime(t *testing.T) {
	path, db := fixtureDB(t)
	s := openStore(t, path, Options{})
	var id string
	if err := db.QueryRow(`SELECT ob.id FROM observations o JOIN observers ob ON ob.rowid = o.observer_idx
		GROUP BY ob.id ORDER BY count(*) DESC LIMIT 1`).Scan(&id); err != nil {
		t.Fatal(err)
	}
	want := sqlInt64s(t, db, `SELECT o.id FROM observations o JOIN observers ob ON ob.rowid = o.observer_idx
		WHERE ob.id = ? ORDER BY o.timestamp DESC, o.id DESC LIMIT 7`, id)
	got := s.RecentObservations(id, 7)
	if len(got) != len(want) {
		t.Fatalf("got %d observations, want %d", len(got), len(want))
	}
	for i := range want {
		if got[i].ID != want[i] {
			t.Fatalf("recent[%d] = observation %d (%s), SQL says %d", i, got[i].ID, got[i].Timestamp, want[i])
		}
	}
}

func TestEvictOldest_ByFirstSeen(t *testing.T) {
	path, db := fixtureDB(t)
	s := openStore(t, path, Options{})
	const n = 100
	gone := sqlInt64s(t, db, `SELECT id FROM transmissions ORDER BY first_seen, id LIMIT ?`, n)
	s.EvictOldest(n)
	for _, id := range gone {
		if _, ok := s.TransmissionByID(id); ok {
			t.Fatalf("transmission %d is among the %d oldest by first_seen but was kept", id, n)
		}
	}
	kept := sqlInt64s(t, db, `SELECT id FROM transmissions ORDER BY first_seen, id LIMIT -1 OFFSET ?`, n)
	for _, id := range kept {
		if _, ok := s.TransmissionByID(id); !ok {
			t.Fatalf("newer transmission %d was evicted", id)
		}
	}
	wantObs := sqlInt(t, db, `SELECT count(*) FROM observations WHERE transmission_id IN
		(SELECT id FROM transmissions ORDER BY first_seen, id LIMIT -1 OFFSET ?)`, n)
	if c := s.Counts(); c.Transmissions != int64(len(kept)) || c.Observations != int64(wantObs) || c.Evicted != n {
		t.Fatalf("counts %+v, want %d transmissions, %d observations", c, len(kept), wantObs)
	}
	seen := 0
	s.ScanObservations(0, func(*ObsPoint) bool { seen++; return true })
	if seen != wantObs {
		t.Fatalf("scan sees %d observations, want %d", seen, wantObs)
	}
}

func TestEvictStale_RetentionByFirstSeen(t *testing.T) {
	path, db := fixtureDB(t)
	var newest string
	if err := db.QueryRow(`SELECT max(first_seen) FROM transmissions`).Scan(&newest); err != nil {
		t.Fatal(err)
	}
	top, err := time.Parse(time.RFC3339, newest)
	if err != nil {
		t.Fatal(err)
	}
	now := top
	s := openStore(t, path, Options{Retention: 3 * time.Hour, Now: func() time.Time { return now }, PollInterval: time.Hour})
	if c, all := s.Counts(), sqlInt(t, db, `SELECT count(*) FROM transmissions`); c.Transmissions != int64(all) {
		t.Fatalf("loaded %d of %d", c.Transmissions, all)
	}
	now = top.Add(2 * time.Hour) // the window now starts one hour before the newest row
	cut := now.Add(-3 * time.Hour).UTC().Format(time.RFC3339)
	want := sqlInt(t, db, `SELECT count(*) FROM transmissions WHERE first_seen >= ?`, cut)
	if err := s.evictStale(context.Background()); err != nil {
		t.Fatal(err)
	}
	if c := s.Counts(); c.Transmissions != int64(want) || want == 0 || want == sqlInt(t, db, `SELECT count(*) FROM transmissions`) {
		t.Fatalf("after the window moved: %d transmissions, SQL %d first seen since %s", c.Transmissions, want, cut)
	}
}

func TestChannels_LastActivityByFirstSeen(t *testing.T) {
	path, db := fixtureDB(t)
	s := openStore(t, path, Options{})
	multi := 0
	for _, c := range s.Channels(nil) {
		var want string
		if err := db.QueryRow(`SELECT max(first_seen) FROM transmissions WHERE payload_type = 5 AND channel_hash = ?`, c.Hash).Scan(&want); err != nil {
			t.Fatal(err)
		}
		if c.LastActivity != want {
			t.Fatalf("channel %s last activity %s, SQL max(first_seen) %s", c.Hash, c.LastActivity, want)
		}
		if c.MessageCount > 1 {
			multi++
		}
	}
	if multi == 0 {
		t.Fatal("no channel with several messages: the check proves nothing")
	}
}

func TestNodeLastHeard_NewestOverAllTransmissions(t *testing.T) {
	path, db := fixtureDB(t)
	s := openStore(t, path, Options{})
	var pk string
	if err := db.QueryRow(`SELECT lower(from_pubkey) FROM transmissions WHERE from_pubkey IS NOT NULL
		GROUP BY 1 HAVING count(*) > 1 ORDER BY count(*) DESC LIMIT 1`).Scan(&pk); err != nil {
		t.Fatal(err)
	}
	want := sqlInt(t, db, `SELECT max(timestamp) FROM observations WHERE transmission_id IN (
		SELECT id FROM transmissions WHERE lower(from_pubkey) = ?1
		UNION SELECT transmission_id FROM observations WHERE resolved_path LIKE '%' || ?1 || '%')`, pk)
	if got := s.NodeLastHeard()[pk]; got != int64(want) {
		t.Fatalf("node %s last heard %d, SQL %d", pk, got, want)
	}
}

func TestCounts_OldestLoadedByFirstSeen(t *testing.T) {
	path, db := fixtureDB(t)
	s := openStore(t, path, Options{})
	oldest := func(skip int) string {
		var fs string
		if err := db.QueryRow(`SELECT first_seen FROM transmissions ORDER BY first_seen, id LIMIT 1 OFFSET ?`, skip).Scan(&fs); err != nil {
			t.Fatal(err)
		}
		return fs
	}
	if got, want := s.Counts().OldestLoaded, oldest(0); got != want {
		t.Fatalf("oldest loaded %s, SQL min(first_seen) %s", got, want)
	}
	s.EvictOldest(50)
	if got, want := s.Counts().OldestLoaded, oldest(50); got != want {
		t.Fatalf("after evicting 50: oldest loaded %s, SQL %s", got, want)
	}
}
