package ingest_test

import (
	"context"
	"database/sql"
	"os"
	"path/filepath"
	"sync/atomic"
	"testing"
	"time"

	"github.com/corescope/corescope/internal/ingest"
	"github.com/corescope/corescope/internal/schema"
	"github.com/corescope/corescope/internal/storage"
	"github.com/corescope/corescope/internal/testutil"
)

// TestHeartbeat_WriterCommitsTheRowAndTheReaderSeesIt: the ingestor commits its heartbeat
// row at start and again on every tick (the row follows the ingestor's clock), and the
// server-side read returns it; a database without the table or the row reads as absent.
func TestHeartbeat_WriterCommitsTheRowAndTheReaderSeesIt(t *testing.T) {
	db, path := testutil.OpenTestDB(t)
	var clock atomic.Int64
	t1 := time.Date(2026, 12, 7, 21, 0, 0, 0, time.UTC)
	clock.Store(t1.UnixNano())
	in := openIngester(t, db, func(o *ingest.Options) {
		o.HeartbeatInterval = 20 * time.Millisecond
		o.Now = func() time.Time { return time.Unix(0, clock.Load()) }
	})
	defer closeIngester(t, in)
	row := func() (beat, started, pid int64) {
		db.QueryRow(`SELECT beat_unix_ms, started_unix_ms, pid FROM ingestor_heartbeat WHERE id = 1`).Scan(&beat, &started, &pid)
		return
	}
	waitFor(t, "first heartbeat", func() bool { b, _, _ := row(); return b == t1.UnixMilli() })
	t2 := t1.Add(90 * time.Second)
	clock.Store(t2.UnixNano())
	waitFor(t, "next heartbeat", func() bool { b, _, _ := row(); return b == t2.UnixMilli() })
	if _, started, pid := row(); started != t1.UnixMilli() || pid != int64(os.Getpid()) {
		t.Fatalf("heartbeat row: started %d pid %d, want %d and %d", started, pid, t1.UnixMilli(), os.Getpid())
	}

	ro, err := schema.OpenReadOnly(context.Background(), path, 1)
	if err != nil {
		t.Fatal(err)
	}
	defer ro.Close()
	hb, found, err := storage.IngestorHeartbeat(context.Background(), ro)
	if err != nil || !found || hb.Beat.UnixMilli() < t2.UnixMilli() || hb.Started.UnixMilli() != t1.UnixMilli() || hb.PID != int64(os.Getpid()) {
		t.Fatalf("IngestorHeartbeat = %+v found=%v err=%v, want beat ≥ %v started %v pid %d", hb, found, err, t2, t1, os.Getpid())
	}
}

func TestHeartbeat_AbsentTableOrRowIsNotAnError(t *testing.T) {
	ctx := context.Background()
	bare := filepath.Join(t.TempDir(), "bare.db")
	raw, err := sql.Open("sqlite", bare) // an unmigrated database: no ingestor ran yet
	if err != nil {
		t.Fatal(err)
	}
	defer raw.Close()
	if _, err := raw.Exec(`CREATE TABLE other (x)`); err != nil {
		t.Fatal(err)
	}
	if _, found, err := storage.IngestorHeartbeat(ctx, raw); found || err != nil {
		t.Fatalf("no table: found=%v err=%v, want absent without error", found, err)
	}
	db, _ := testutil.OpenTestDB(t) // migrated, but no ingestor has beaten yet
	if _, found, err := storage.IngestorHeartbeat(ctx, db); found || err != nil {
		t.Fatalf("no row: found=%v err=%v, want absent without error", found, err)
	}
}

// waitFor polls cond every 10 ms until it holds, failing after a generous 30 s.
func waitFor(t *testing.T, what string, cond func() bool) {
	t.Helper()
	for end := time.Now().Add(30 * time.Second); !cond(); time.Sleep(10 * time.Millisecond) {
		if time.Now().After(end) {
			t.Fatalf("timed out waiting for %s", what)
		}
	}
}
