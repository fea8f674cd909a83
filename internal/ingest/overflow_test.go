package ingest_test

import (
	"sync/atomic"
	"testing"
	"time"

	"github.com/corescope/corescope/internal/ingest"
	"github.com/corescope/corescope/internal/testutil"
)

func TestIngester_QueueOverflowIsCountedNotSilent(t *testing.T) {
	db, _ := testutil.OpenTestDB(t)
	in := openIngester(t, db, func(o *ingest.Options) { o.QueueSize = 2; o.BatchSize = 1 })
	topics, bodies := benchMessages(t, 2000)
	var acks atomic.Int64
	for i := range topics {
		in.Submit("local", topics[i], bodies[i], time.Now(), func() { acks.Add(1) })
	}
	closeIngester(t, in)
	st := in.Stats(time.Now())
	if st.QueueDrops == 0 {
		t.Fatal("no drops with a 2-slot queue; test proves nothing")
	}
	if st.ObsInserted+st.QueueDrops != int64(len(topics)) {
		t.Errorf("inserted %d + dropped %d != submitted %d", st.ObsInserted, st.QueueDrops, len(topics))
	}
	if got := countRows(t, db, `SELECT COUNT(*) FROM observations`); int64(got) != st.ObsInserted {
		t.Errorf("observations %d, counter %d", got, st.ObsInserted)
	}
	if acks.Load() != int64(len(topics)) {
		t.Errorf("acks: got %d, want %d", acks.Load(), len(topics))
	}
	if st.BadInput["queue_full"] != st.QueueDrops {
		t.Errorf("bad_input queue_full %d, drops %d", st.BadInput["queue_full"], st.QueueDrops)
	}
}
