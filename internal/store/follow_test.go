package store

import (
	"context"
	"fmt"
	"testing"
	"time"
)

func TestFollow_TxBeforeObservations(t *testing.T) {
	w, path := newTestWriter(t)
	early := w.tx(4, "AA11") // committed before the store opens, observations later
	s := openStore(t, path, Options{PollInterval: time.Hour})
	events, cancel := s.Subscribe(100)
	defer cancel()
	if got, ok := s.TransmissionByID(early); !ok || len(got.Observations) != 0 {
		t.Fatalf("early transmission: ok=%v obs=%d", ok, len(got.Observations))
	}
	ctx := context.Background()
	w.obs(early, 1, 1700000100, `["AA"]`, `["aa11"]`)
	late := w.tx(5, "")
	if err := s.Poll(ctx); err != nil {
		t.Fatal(err)
	}
	w.obs(late, 2, 1700000200, `[]`, "")          // transmission read one poll before
	w.obs(late, 1, 1700000201, `["AA","BB"]`, "") // longest path: best
	w.obs(late, 2, 1700000202, `["CC","DD"]`, "") // same length, later: not best
	if err := s.Poll(ctx); err != nil {
		t.Fatal(err)
	}
	got, _ := s.TransmissionByID(early)
	if len(got.Observations) != 1 || str(got.Observations[0].ObserverID) != "OBS1" || str(got.Observations[0].ObserverIATA) != "SJC" {
		t.Fatalf("early transmission after follow: %+v", got.Observations)
	}
	tx, _ := s.TransmissionByID(late)
	if len(tx.Observations) != 3 || tx.Best < 0 || str(tx.Observations[tx.Best].PathJSON) != `["AA","BB"]` {
		t.Fatalf("late transmission: %d observations, best %d", len(tx.Observations), tx.Best)
	}
	// The node index includes resolved hops and the originator, case-insensitively.
	if txs, n := s.Transmissions(Filter{Nodes: []string{"AA11"}}, 0, 10); n != 1 || txs[0].ID != early {
		t.Fatalf("node filter: %d", n)
	}
	var evs []Event
	for len(evs) < 4 {
		select {
		case e := <-events:
			evs = append(evs, e)
		case <-time.After(5 * time.Second):
			t.Fatalf("got %d events, want 4", len(evs))
		}
	}
	if evs[0].Tx.ID != early || !evs[0].NewTx || evs[1].Tx.ID != late || !evs[1].NewTx || evs[2].NewTx {
		t.Fatalf("events: %+v", evs[:2])
	}
	if evs[3].Obs.Timestamp != formatTS(1700000202) || len(evs[3].Tx.Observations) != 3 {
		t.Fatalf("last event: %+v", evs[3].Obs)
	}
	if c := s.Counts(); c.Inserts != 4 || c.Observations != 4 || c.Transmissions != 2 {
		t.Fatalf("counts %+v", c)
	}
}

func TestFollow_NoPerTickCap(t *testing.T) {
	w, path := newTestWriter(t)
	s := openStore(t, path, Options{PollInterval: time.Hour})
	s.followBatch = 100
	const n = 1200 // many follow batches, in one poll
	tx, err := w.db.Begin()
	if err != nil {
		t.Fatal(err)
	}
	for i := range n / 4 {
		r, err := tx.Exec(`INSERT INTO transmissions (raw_hex, hash, first_seen, route_type, payload_type)
			VALUES ('00', ?, '2026-01-01T00:00:00.000Z', 1, 4)`, fmt.Sprintf("%016x", i+1))
		if err != nil {
			t.Fatal(err)
		}
		id, _ := r.LastInsertId()
		for k := range 4 {
			if _, err := tx.Exec(`INSERT INTO observations (transmission_id, observer_idx, path_json, timestamp)
				VALUES (?, ?, ?, ?)`, id, 1+k%2, fmt.Sprintf(`["%02X"]`, k), 1700000000+i); err != nil {
				t.Fatal(err)
			}
		}
	}
	if err := tx.Commit(); err != nil {
		t.Fatal(err)
	}
	if err := s.Poll(context.Background()); err != nil {
		t.Fatal(err)
	}
	if c := s.Counts(); c.Observations != n || c.Transmissions != n/4 {
		t.Fatalf("after one poll: %+v", c)
	}
	if _, total := s.Transmissions(Filter{Observers: []string{"OBS2"}, PayloadType: intp(4)}, 0, 1); total != n/4 {
		t.Fatalf("observer+type total %d", total)
	}
}

func TestFollow_Background(t *testing.T) {
	w, path := newTestWriter(t)
	s := openStore(t, path, Options{PollInterval: 10 * time.Millisecond})
	id := w.tx(2, "")
	w.obs(id, 1, 1700000000, `[]`, "")
	waitFor(t, "followed observation", func() bool {
		tx, ok := s.TransmissionByID(id)
		return ok && len(tx.Observations) == 1
	})
}

// TestStore_NeverTakesWriteLock keeps the store loading and following while a separate
// read-write connection takes the write lock with no busy timeout, many times over.
func TestStore_NeverTakesWriteLock(t *testing.T) {
	w, path := newTestWriter(t)
	for range 50 {
		id := w.tx(4, "aa11")
		w.obs(id, 1, 1700000000, `["AA"]`, `["aa11"]`)
	}
	s := openNoWait(t, path, Options{ChunkSize: 3, PollInterval: time.Millisecond, TablesInterval: time.Millisecond})
	ctx := context.Background()
	conn, err := w.db.Conn(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	if _, err := conn.ExecContext(ctx, `PRAGMA busy_timeout = 0`); err != nil {
		t.Fatal(err)
	}
	for i := range 200 {
		if _, err := conn.ExecContext(ctx, `BEGIN IMMEDIATE`); err != nil {
			t.Fatalf("iteration %d: BEGIN IMMEDIATE while the store runs: %v", i, err)
		}
		if _, err := conn.ExecContext(ctx, `INSERT INTO transmissions (raw_hex, hash, first_seen) VALUES ('00', ?, '2026-01-01T00:00:00Z')`,
			fmt.Sprintf("ffff%012x", i)); err != nil {
			t.Fatal(err)
		}
		if _, err := conn.ExecContext(ctx, `COMMIT`); err != nil {
			t.Fatalf("iteration %d: commit: %v", i, err)
		}
	}
	waitFor(t, "all rows followed", func() bool { return s.Counts().Transmissions == 250 })
	// The store's handle itself refuses writes.
	if _, err := s.db.Exec(`INSERT INTO observers (id) VALUES ('x')`); err == nil {
		t.Fatal("store handle accepted a write")
	}
}
