package store

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"
)

func TestEvict_OldestCleanly(t *testing.T) {
	w, path := newTestWriter(t)
	var txIDs, obsIDs []int64
	for i := range 100 {
		id := w.tx(4, "aa11")
		txIDs = append(txIDs, id)
		obsIDs = append(obsIDs, w.obs(id, 1+i%2, 1700000000+int64(i), `["AA"]`, `["aa11"]`))
	}
	s := openStore(t, path, Options{PollInterval: time.Hour})
	// A late observation of an old transmission sits after newer ones in memory.
	straggler := w.obs(txIDs[5], 2, 1700000500, `["BB"]`, `["bb22"]`)
	if err := s.Poll(context.Background()); err != nil {
		t.Fatal(err)
	}
	s.EvictOldest(30)
	c := s.Counts()
	if c.Transmissions != 70 || c.Observations != 70 || c.Evicted != 30 {
		t.Fatalf("counts after eviction: %+v", c)
	}
	old, _ := s.TransmissionByID(txIDs[5])
	if _, ok := s.TransmissionByHash(old.Hash); ok || old.ID != 0 {
		t.Fatal("evicted transmission still found")
	}
	for _, id := range []int64{obsIDs[0], obsIDs[29], straggler} {
		if _, _, ok := s.ObservationByID(id); ok {
			t.Fatalf("evicted observation %d still found", id)
		}
	}
	if _, _, ok := s.ObservationByID(obsIDs[30]); !ok {
		t.Fatal("kept observation lost")
	}
	if _, n := s.Transmissions(Filter{Nodes: []string{"bb22"}}, 0, 0); n != 0 {
		t.Fatalf("node index still lists evicted transmissions: %d", n)
	}
	if _, n := s.Transmissions(Filter{Observers: []string{"OBS1"}, PayloadType: intp(4)}, 0, 0); n != 35 {
		t.Fatalf("observer+type after eviction = %d, want 35", n)
	}
	if got := s.ObserverActivity("OBS2", 0); len(got) != 35 {
		t.Fatalf("observer activity after eviction = %d, want 35", len(got))
	}
	// Observations of evicted transmissions are not re-added by following.
	w.obs(txIDs[1], 2, 1700000600, `["CC"]`, "")
	if err := s.Poll(context.Background()); err != nil {
		t.Fatal(err)
	}
	if c := s.Counts(); c.Observations != 70 || c.Transmissions != 70 {
		t.Fatalf("after following an evicted transmission's observation: %+v", c)
	}
}

func TestEvict_MemoryBudget(t *testing.T) {
	w, path := newTestWriter(t)
	big := strings.Repeat("AB", 2000)
	for i := range 1000 {
		r := w.exec(`INSERT INTO transmissions (raw_hex, hash, first_seen, payload_type) VALUES (?, ?, '2026-01-01T00:00:00Z', 4)`,
			big, fmt.Sprintf("%016x", i))
		id, _ := r.LastInsertId()
		w.obs(id, 1, 1700000000+int64(i), `[]`, "")
	}
	s := openStore(t, path, Options{MaxMemoryMB: 1, ChunkSize: 100})
	c := s.Counts()
	if c.TrackedBytes > 1<<20 || c.Evicted == 0 || c.Transmissions == 0 {
		t.Fatalf("budget not enforced: %+v", c)
	}
	if _, ok := s.TransmissionByHash(fmt.Sprintf("%016x", 999)); !ok {
		t.Fatal("newest transmission evicted")
	}
	if _, ok := s.TransmissionByHash(fmt.Sprintf("%016x", 0)); ok {
		t.Fatal("oldest transmission kept")
	}
	if c.Transmissions+c.Evicted != 1000 {
		t.Fatalf("kept %d + evicted %d != 1000", c.Transmissions, c.Evicted)
	}
}

func TestEvict_PrunedByIngestorAndRetention(t *testing.T) {
	w, path := newTestWriter(t)
	var ids []int64
	for range 10 {
		ids = append(ids, w.tx(4, ""))
	}
	now := time.Unix(1700000000+8, 0) // first_seen of tx n (1..10) is 1700000000+n
	s := openStore(t, path, Options{Retention: 5 * time.Second, Now: func() time.Time { return now }, PollInterval: time.Hour})
	if c := s.Counts(); c.Transmissions != 8 { // first seen at 1700000003 .. 1700000010
		t.Fatalf("retention at load kept %d", c.Transmissions)
	}
	w.exec(`DELETE FROM transmissions WHERE id <= ?`, ids[5])
	if err := s.evictStale(context.Background()); err != nil {
		t.Fatal(err)
	}
	if c := s.Counts(); c.Transmissions != 4 || c.OldestLoaded == "" {
		t.Fatalf("after ingestor prune: %+v", c)
	}
	now = now.Add(5 * time.Second) // window starts at 1700000008: tx 7 goes
	if err := s.evictStale(context.Background()); err != nil {
		t.Fatal(err)
	}
	if c := s.Counts(); c.Transmissions != 3 {
		t.Fatalf("after retention window moved: %+v", c)
	}
}
