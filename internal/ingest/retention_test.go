package ingest_test

import (
	"testing"
	"time"

	"github.com/corescope/corescope/internal/ingest"
	"github.com/corescope/corescope/internal/testutil"
)

func TestIngester_RetentionPrunesInBatches(t *testing.T) {
	db, _ := testutil.OpenTestDB(t)
	good, _ := adverts(t)
	obs := observerKeys[0]
	in := openIngester(t, db, nil)
	in.Submit("local", "meshcore/SFO/"+obs+"/status", []byte(`{"stats":{"noise_floor":-100}}`), time.Now(), nil)
	in.Submit("local", "meshcore/SFO/"+obs+"/packets", packetJSON(good.raw, 1), time.Now(), nil)
	for i, v := range fixtureVectors(t)[:30] {
		in.Submit("local", "meshcore/SFO/"+obs+"/packets", packetJSON(v.RawHex, i), time.Now(), nil)
	}
	closeIngester(t, in)
	old := "2020-01-01T00:00:00Z"
	for _, q := range []string{
		`UPDATE transmissions SET first_seen = '` + old + `'`,
		`UPDATE nodes SET last_seen = '` + old + `'`,
		`UPDATE observers SET last_seen = '` + old + `'`,
		`UPDATE observer_metrics SET timestamp = '` + old + `'`,
	} {
		if _, err := db.Exec(q); err != nil {
			t.Fatal(err)
		}
	}
	nodes := countRows(t, db, `SELECT COUNT(*) FROM nodes`)
	in = openIngester(t, db, func(o *ingest.Options) {
		o.Retention = ingest.Retention{PacketDays: 1, NodeDays: 1, ObserverDays: 1, MetricsDays: 1, NeighborEdgeDays: 1}
		o.IncrementalVacuumPages = 16
		o.RetentionStartDelay = time.Millisecond
	})
	deadline := time.Now().Add(15 * time.Second)
	done := func() bool {
		return countRows(t, db, `SELECT COUNT(*) FROM transmissions`) == 0 &&
			countRows(t, db, `SELECT COUNT(*) FROM nodes`) == 0 &&
			countRows(t, db, `SELECT COUNT(*) FROM observer_metrics`) == 0 &&
			countRows(t, db, `SELECT COUNT(*) FROM observers WHERE inactive = 1`) == 1
	}
	for !done() && time.Now().Before(deadline) {
		time.Sleep(20 * time.Millisecond)
	}
	closeIngester(t, in)
	if !done() {
		t.Fatal("retention did not prune transmissions, nodes, metrics and observers")
	}
	if got := countRows(t, db, `SELECT COUNT(*) FROM observations`); got != 0 {
		t.Errorf("observations of pruned transmissions: %d left", got)
	}
	if got := countRows(t, db, `SELECT COUNT(*) FROM inactive_nodes`); got != nodes {
		t.Errorf("inactive_nodes: got %d, want %d moved", got, nodes)
	}
	if wp := in.Stats(time.Now()).WriterPerf; wp["prune_packets"].Count == 0 || wp["vacuum"].Count == 0 {
		t.Errorf("writer_perf lacks retention components: %v", wp)
	}
}
