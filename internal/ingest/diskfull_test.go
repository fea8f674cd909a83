package ingest_test

import (
	"fmt"
	"sync/atomic"
	"testing"
	"time"

	"github.com/corescope/corescope/internal/ingest"
	"github.com/corescope/corescope/internal/testutil"
)

func TestIngester_DiskFullHoldsMessagesUnackedThenResumes(t *testing.T) {
	db, _ := testutil.OpenTestDB(t)
	vs := fixtureVectors(t)[:40]
	in := openIngester(t, db, func(o *ingest.Options) {
		o.DiskFullRetryMin, o.DiskFullRetryMax = 10*time.Millisecond, 40*time.Millisecond
	})
	defer closeIngester(t, in)
	var pages int
	if err := db.QueryRow(`PRAGMA page_count`).Scan(&pages); err != nil {
		t.Fatal(err)
	}
	if _, err := db.Exec(fmt.Sprintf(`PRAGMA max_page_count = %d`, pages)); err != nil {
		t.Fatal(err)
	}
	var acks atomic.Int64
	good := 0
	for i, v := range vs {
		in.Submit("local", "meshcore/SFO/"+observerKeys[0]+"/packets", packetJSON(v.RawHex, i), time.Now(), func() { acks.Add(1) })
		if decodable(v) {
			good++
		}
	}
	waitUntil(t, "disk full reported with retries", func() bool {
		st := in.Stats(time.Now())
		return st.DiskFull != nil && st.DiskFull.Retries >= 3
	})
	// A first row may still fit a page the database already has; everything acked so far
	// must be a stored row, and the rest must be held.
	stored := countRows(t, db, `SELECT (SELECT COUNT(*) FROM observations) + (SELECT COUNT(*) FROM dropped_packets)`)
	if got := acks.Load(); got != int64(stored) || stored >= len(vs) {
		t.Fatalf("while the disk is full: %d acks for %d stored rows of %d messages; want acks == stored < %d",
			got, stored, len(vs), len(vs))
	}
	// Space returns: the held batch commits without a restart and every message is acked.
	if _, err := db.Exec(`PRAGMA max_page_count = 1073741823`); err != nil {
		t.Fatal(err)
	}
	waitUntil(t, "all messages acked", func() bool { return acks.Load() == int64(len(vs)) })
	if got := countRows(t, db, `SELECT COUNT(*) FROM observations`); got != good {
		t.Errorf("observations after recovery: got %d, want %d", got, good)
	}
	st := in.Stats(time.Now())
	if st.DiskFull != nil || st.DiskFullRetries < 3 || st.WriteErrors != 0 || st.BadInput["write_error"] != 0 {
		t.Errorf("stats after recovery: disk_full %+v, retries %d, write errors %d/%d; want nil, >= 3, 0, 0",
			st.DiskFull, st.DiskFullRetries, st.WriteErrors, st.BadInput["write_error"])
	}
}

// Close while the disk is still full must return, and leave every message it could not
// store unacknowledged so the broker redelivers it to the next run.
func TestIngester_CloseWhileDiskFullAcksNothing(t *testing.T) {
	db, _ := testutil.OpenTestDB(t)
	vs := fixtureVectors(t)[:20]
	in := openIngester(t, db, func(o *ingest.Options) { o.DiskFullRetryMin = 10 * time.Millisecond })
	var pages int
	if err := db.QueryRow(`PRAGMA page_count`).Scan(&pages); err != nil {
		t.Fatal(err)
	}
	if _, err := db.Exec(fmt.Sprintf(`PRAGMA max_page_count = %d`, pages)); err != nil {
		t.Fatal(err)
	}
	var acks atomic.Int64
	for i, v := range vs {
		in.Submit("local", "meshcore/SFO/"+observerKeys[1]+"/packets", packetJSON(v.RawHex, i), time.Now(), func() { acks.Add(1) })
	}
	waitUntil(t, "disk full reported", func() bool { return in.Stats(time.Now()).DiskFull != nil })
	closeIngester(t, in)
	stored := countRows(t, db, `SELECT (SELECT COUNT(*) FROM observations) + (SELECT COUNT(*) FROM dropped_packets)`)
	if got := acks.Load(); got != int64(stored) || stored >= len(vs) {
		t.Errorf("after closing on a full disk: %d acks for %d stored rows of %d messages; want acks == stored < %d",
			got, stored, len(vs), len(vs))
	}
}

// waitUntil polls cond every 10 ms for up to 30 s.
func waitUntil(t *testing.T, what string, cond func() bool) {
	t.Helper()
	for end := time.Now().Add(30 * time.Second); !cond(); time.Sleep(10 * time.Millisecond) {
		if time.Now().After(end) {
			t.Fatalf("timed out waiting for %s", what)
		}
	}
}
