package ingest_test

import (
	"fmt"
	"sync/atomic"
	"testing"
	"time"

	"github.com/corescope/corescope/internal/testutil"
)

func TestIngester_PoisonMessageIsIsolated(t *testing.T) {
	db, _ := testutil.OpenTestDB(t)
	// A row-level failure only this one message triggers.
	if _, err := db.Exec(`CREATE TRIGGER poison BEFORE INSERT ON observations WHEN NEW.direction = 'poison'
		BEGIN SELECT RAISE(ABORT, 'poisoned row'); END`); err != nil {
		t.Fatal(err)
	}
	vs := fixtureVectors(t)[:40]
	in := openIngester(t, db, nil)
	var acks atomic.Int64
	good := 0
	for i, v := range vs {
		dir := "rx"
		if i == 17 {
			dir = "poison"
		}
		body := fmt.Appendf(nil, `{"raw":%q,"direction":%q}`, v.RawHex, dir)
		in.Submit("local", "meshcore/SFO/"+observerKeys[0]+"/packets", body, time.Now(), func() { acks.Add(1) })
		if decodable(v) && i != 17 {
			good++
		}
	}
	closeIngester(t, in)
	if got := countRows(t, db, `SELECT COUNT(*) FROM observations`); got != good {
		t.Errorf("observations: got %d, want %d (all but the poisoned one)", got, good)
	}
	if got := acks.Load(); got != int64(len(vs)) {
		t.Errorf("acks: got %d, want %d (the poisoned message is acked, not redelivered forever)", got, len(vs))
	}
	st := in.Stats(time.Now())
	if st.WriteErrors != 1 || st.BadInput["write_error"] != 1 {
		t.Errorf("write errors: got %d (bad_input %d), want 1", st.WriteErrors, st.BadInput["write_error"])
	}
}
