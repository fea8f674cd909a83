package api_test

import (
	"context"
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/corescope/corescope/internal/api"
	"github.com/corescope/corescope/internal/schema"
	"github.com/corescope/corescope/internal/testutil"
)

func openMemStore(t *testing.T, chunk int, on func(*api.TxRow, *api.ObsRow)) (*api.MemStore, *api.DBStore, *testutil.TestServer) {
	return openMemStoreOpts(t, api.MemOptions{ChunkSize: chunk, PollInterval: 20 * time.Millisecond, OnObservation: on})
}

func openMemStoreOpts(t *testing.T, opts api.MemOptions) (*api.MemStore, *api.DBStore, *testutil.TestServer) {
	t.Helper()
	path := testutil.CopyFixture(t)
	writer := testutil.OpenMigrated(t, path)
	db, err := schema.OpenReadOnly(context.Background(), path, 4)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	d := api.NewDBStore(db)
	m := api.NewMemStore(d, opts)
	if err := m.Open(context.Background()); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(m.Close)
	deadline := time.Now().Add(10 * time.Second)
	for {
		if _, _, done := m.LoadProgress(); done {
			break
		}
		if time.Now().After(deadline) {
			t.Fatal("load did not finish")
		}
		time.Sleep(5 * time.Millisecond)
	}
	return m, d, &testutil.TestServer{WriterDB: writer, DBPath: path}
}

// TestMemStore_MatchesDBStore checks every query against the SQL implementation.
func TestMemStore_MatchesDBStore(t *testing.T) {
	m, d, _ := openMemStore(t, 37, nil)
	rows, first, done := m.LoadProgress()
	if rows != 499 || !first || !done {
		t.Fatalf("progress: got %d %v %v, want 499 true true", rows, first, done)
	}
	four, one := 4, 1
	filters := map[string]api.TxFilter{
		"all": {}, "asc": {Ascending: true}, "adverts": {PayloadType: &four}, "flood": {RouteType: &one},
		"channel": {Channel: "#test"}, "since": {Since: "2026-05-17T17:00:00Z"}, "until": {Until: "2026-05-17T17:00:00Z"},
		"observer": {Observers: []string{"D5EF2ED77CEABCB22082F8794D5F9D89F2257E70533863E924DEBE6EBDDA312A"}},
		"node":     {Nodes: []string{"300ddc9e145dbe6cb4d6c2d93c74e9f862f5e247783f64ef89a4732e68dd473c"}},
		"hash":     {Hash: "06001F5D97F8ED9E"}, "hash+type": {Hash: "06001f5d97f8ed9e", PayloadType: &four},
	}
	for name, f := range filters {
		t.Run(name, func(t *testing.T) {
			for _, pg := range [][2]int{{0, 50}, {10, 7}, {0, -1}} {
				got, gn, err := m.Transmissions(f, pg[0], pg[1])
				if err != nil {
					t.Fatal(err)
				}
				want, wn, err := d.Transmissions(f, pg[0], pg[1])
				if err != nil {
					t.Fatal(err)
				}
				if gn != wn || len(got) != len(want) {
					t.Fatalf("page %v: got %d rows of %d, want %d of %d", pg, len(got), gn, len(want), wn)
				}
				for i := range got {
					if got[i].ID != want[i].ID || len(got[i].Observations) != len(want[i].Observations) || got[i].Best != want[i].Best {
						t.Fatalf("page %v row %d: got id %d (%d obs, best %d), want id %d (%d obs, best %d)", pg, i,
							got[i].ID, len(got[i].Observations), got[i].Best, want[i].ID, len(want[i].Observations), want[i].Best)
					}
				}
			}
		})
	}
	if c := m.Counts(); c.Transmissions != 499 || c.Nodes != 200 || c.Observers != 31 || !c.LoadComplete {
		t.Errorf("counts: %+v", c)
	}
	all, _, _ := d.Transmissions(api.TxFilter{}, 0, 3)
	if got, ok, _ := m.TransmissionByHash(all[2].Hash); !ok || got.ID != all[2].ID {
		t.Errorf("by hash: got %d %v", got.ID, ok)
	}
	if got, ok, _ := m.TransmissionByID(all[1].ID); !ok || got.Hash != all[1].Hash {
		t.Errorf("by id: got %q %v", got.Hash, ok)
	}
	if tx, o, ok, _ := m.ObservationByID(2); !ok || o.ID != 2 || o.TxID != tx.ID {
		t.Errorf("observation 2: got %v %+v", ok, o)
	}
	a, _ := m.FirstSeenAfter("2026-05-17T17:00:00Z")
	b, _ := d.FirstSeenAfter("2026-05-17T17:00:00Z")
	if len(a) != len(b) || len(a) == 0 {
		t.Errorf("first seen after: got %d, want %d", len(a), len(b))
	}
}

// TestMemStore_FollowsNewRows adds a late observation and a new transmission with two
// observations; each observation must be reported exactly once and be queryable.
func TestMemStore_FollowsNewRows(t *testing.T) {
	events := make(chan int64, 16)
	m, _, ts := openMemStore(t, 1000, func(tx *api.TxRow, o *api.ObsRow) { events <- o.ID })
	w := ts.WriterDB
	now := time.Now().Unix()
	if _, err := w.Exec(`INSERT INTO observations (transmission_id, observer_idx, snr, path_json, timestamp) VALUES (7, 2, 1.5, '["AA","BB","CC"]', ?)`, now); err != nil {
		t.Fatal(err)
	}
	res, err := w.Exec(`INSERT INTO transmissions (raw_hex, hash, first_seen, route_type, payload_type) VALUES ('11', 'feedfacefeedface', '2026-12-01T00:00:00Z', 1, 4)`)
	if err != nil {
		t.Fatal(err)
	}
	txID, _ := res.LastInsertId()
	for i := 0; i < 2; i++ {
		if _, err := w.Exec(`INSERT INTO observations (transmission_id, observer_idx, timestamp) VALUES (?, ?, ?)`, txID, i+1, now); err != nil {
			t.Fatal(err)
		}
	}
	seen := map[int64]int{}
	deadline := time.After(10 * time.Second)
	for len(seen) < 3 {
		select {
		case id := <-events:
			seen[id]++
		case <-deadline:
			t.Fatalf("got %d events, want 3", len(seen))
		}
	}
	select {
	case id := <-events:
		t.Fatalf("unexpected extra event for observation %d", id)
	case <-time.After(200 * time.Millisecond):
	}
	tx, ok, _ := m.TransmissionByID(7)
	if !ok || len(tx.Observations) < 2 {
		t.Fatalf("tx 7: got %d observations", len(tx.Observations))
	}
	fresh, ok, _ := m.TransmissionByHash("FEEDFACEFEEDFACE")
	if !ok || fresh.ID != txID || len(fresh.Observations) != 2 {
		t.Fatalf("new tx: ok=%v id=%d obs=%d", ok, fresh.ID, len(fresh.Observations))
	}
	if page, _, _ := m.Transmissions(api.TxFilter{}, 0, 1); page[0].ID != txID {
		t.Errorf("newest first: got %d, want %d", page[0].ID, txID)
	}
}

// TestMemStore_EvictsRetentionDeletes removes the oldest rows as the ingestor's retention
// does and expects them to leave memory.
func TestMemStore_EvictsRetentionDeletes(t *testing.T) {
	m, _, ts := openMemStoreOpts(t, api.MemOptions{PollInterval: 20 * time.Millisecond, EvictInterval: 20 * time.Millisecond})
	w := ts.WriterDB
	for _, q := range []string{"DELETE FROM observations WHERE transmission_id <= 10", "DELETE FROM transmissions WHERE id <= 10"} {
		if _, err := w.Exec(q); err != nil {
			t.Fatal(err)
		}
	}
	deadline := time.Now().Add(10 * time.Second)
	for m.Counts().Transmissions != 489 {
		if time.Now().After(deadline) {
			t.Fatalf("transmissions: got %d, want 489", m.Counts().Transmissions)
		}
		time.Sleep(10 * time.Millisecond)
	}
	if _, ok, _ := m.TransmissionByID(10); ok {
		t.Error("evicted transmission 10 still found by id")
	}
	if _, ok, _ := m.TransmissionByID(11); !ok {
		t.Error("transmission 11 evicted too")
	}
	if c := m.Counts(); c.Evicted != 10 {
		t.Errorf("evicted: got %d, want 10", c.Evicted)
	}
	if _, n, _ := m.Transmissions(api.TxFilter{}, 0, 1); n != 489 {
		t.Errorf("total: got %d, want 489", n)
	}
}

// TestMemStore_Retention loads only the retention window and evicts rows as they age out.
func TestMemStore_Retention(t *testing.T) {
	now := time.Date(2026, 5, 17, 18, 0, 0, 0, time.UTC)
	var mu sync.Mutex
	clock := func() time.Time { mu.Lock(); defer mu.Unlock(); return now }
	m, d, _ := openMemStoreOpts(t, api.MemOptions{PollInterval: 20 * time.Millisecond, EvictInterval: 20 * time.Millisecond,
		Retention: time.Hour, Now: clock})
	_, want, err := d.Transmissions(api.TxFilter{Since: "2026-05-17T16:59:59.999Z"}, 0, 1)
	if err != nil || want == 0 || want == 499 {
		t.Fatalf("fixture window: %d, %v", want, err)
	}
	if got := m.Counts().Transmissions; got != int64(want) {
		t.Fatalf("loaded %d, want the %d rows of the last hour", got, want)
	}
	mu.Lock()
	now = now.Add(24 * time.Hour)
	mu.Unlock()
	deadline := time.Now().Add(10 * time.Second)
	for m.Counts().Transmissions != 0 {
		if time.Now().After(deadline) {
			t.Fatalf("after a day: %d rows left, want 0", m.Counts().Transmissions)
		}
		time.Sleep(10 * time.Millisecond)
	}
}

func TestMemStore_ScanSharesImmutableRows(t *testing.T) {
	m, _, ts := openMemStore(t, 100, nil)
	if p := m.LoadPercent(); p != 100 {
		t.Errorf("load percent: got %d, want 100", p)
	}
	four := 4
	var kept []*api.TxRow
	if err := m.Scan(api.TxFilter{PayloadType: &four}, func(tx *api.TxRow) bool { kept = append(kept, tx); return true }); err != nil {
		t.Fatal(err)
	}
	_, want, _ := m.Transmissions(api.TxFilter{PayloadType: &four}, 0, 0)
	if len(kept) != want || want == 0 {
		t.Fatalf("scan visited %d, want %d", len(kept), want)
	}
	stopAt := 0
	m.Scan(api.TxFilter{}, func(*api.TxRow) bool { stopAt++; return stopAt < 3 })
	if stopAt != 3 {
		t.Errorf("scan did not stop: %d calls", stopAt)
	}
	// A late observation replaces the row; the pointer kept earlier is unchanged.
	var before *api.TxRow
	m.Scan(api.TxFilter{}, func(tx *api.TxRow) bool {
		if tx.ID == 7 {
			before = tx
			return false
		}
		return true
	})
	n := len(before.Observations)
	if _, err := ts.WriterDB.Exec(`INSERT INTO observations (transmission_id, observer_idx, timestamp) VALUES (7, 3, ?)`, time.Now().Unix()); err != nil {
		t.Fatal(err)
	}
	deadline := time.Now().Add(10 * time.Second)
	for {
		if now, _, _ := m.TransmissionByID(7); len(now.Observations) == n+1 {
			break
		}
		if time.Now().After(deadline) {
			t.Fatal("late observation not followed")
		}
		time.Sleep(10 * time.Millisecond)
	}
	if len(before.Observations) != n {
		t.Errorf("kept snapshot changed: %d observations, want %d", len(before.Observations), n)
	}
}

// TestMemStore_FullScansShared: identical full scans reuse one result while the store is
// unchanged; page queries are never shared.
func TestMemStore_FullScansShared(t *testing.T) {
	m, _, _ := openMemStore(t, 100, nil)
	var wg sync.WaitGroup
	results := make([][]api.TxRow, 8)
	for i := range results {
		wg.Add(1)
		go func() {
			defer wg.Done()
			results[i], _, _ = m.Transmissions(api.TxFilter{}, 0, -1)
		}()
	}
	wg.Wait()
	for i := range results {
		if len(results[i]) != 499 || &results[i][0] != &results[0][0] {
			t.Fatalf("scan %d: %d rows, shared=%v", i, len(results[i]), &results[i][0] == &results[0][0])
		}
	}
	a, _, _ := m.Transmissions(api.TxFilter{}, 0, 10)
	b, _, _ := m.Transmissions(api.TxFilter{}, 0, 10)
	if &a[0] == &b[0] {
		t.Error("page results are shared")
	}
	// More distinct scans than cache slots, concurrently (run under -race).
	for i := 0; i < 24; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			since := fmt.Sprintf("2026-05-17T%02d:00:00Z", i%12)
			rows, n, _ := m.Transmissions(api.TxFilter{Since: since}, 0, -1)
			if len(rows) != n {
				t.Errorf("since %s: %d rows of %d", since, len(rows), n)
			}
		}()
	}
	wg.Wait()
	four := 4
	adv, n, _ := m.Transmissions(api.TxFilter{PayloadType: &four}, 0, -1)
	if len(adv) != n || n == 499 {
		t.Errorf("filtered full scan: %d rows of %d", len(adv), n)
	}
}
