package api

import (
	"context"
	"database/sql"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"sync"
	"testing"
	"time"

	"github.com/corescope/corescope/internal/schema"
)

// BenchmarkAnalytics_FollowLag measures whether a background analytics recompute stalls
// the store's follow. A writer commits one transmission with one observation every
// 20 ms into a copy of CORESCOPE_BENCH_DB (the fixture when unset) while the store
// follows it at the server's default 250 ms poll; the follow lag of a row is the time
// from its commit to its Event on the store's subscription (what the WebSocket feed
// broadcasts). The lag is measured for a phase with no recompute ("idle") and a phase
// with back-to-back recomputes of every analytics snapshot and the neighbour graph
// ("recompute"), and reported as p50/p95/max per phase. It is a measurement, not a
// pass/fail test:
//
//	CORESCOPE_BENCH_DB=$PWD/data/bench/bench-1m.db flock /tmp/lead/bench.lock \
//	  go test ./internal/api -run '^$' -bench FollowLag -benchtime 1x -timeout 30m
//
// CORESCOPE_FOLLOWLAG_SECONDS sets each phase's length (default 20).
func BenchmarkAnalytics_FollowLag(b *testing.B) {
	path := filepath.Join(b.TempDir(), "followlag.db")
	if src := os.Getenv("CORESCOPE_BENCH_DB"); src != "" {
		copyFile(b, src, path)
	} else {
		copyFile(b, migratedFixture(b), path)
	}
	phase := 20 * time.Second
	if v, err := strconv.Atoi(os.Getenv("CORESCOPE_FOLLOWLAG_SECONDS")); err == nil && v > 0 {
		phase = time.Duration(v) * time.Second
	}
	w, err := schema.Open(context.Background(), path)
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { w.Close() })
	var observer string
	if err := w.QueryRow(`SELECT id FROM observers ORDER BY rowid LIMIT 1`).Scan(&observer); err != nil {
		b.Fatalf("pick an observer: %v", err)
	}
	s, st, graph := benchAnalyticsStack(b, path, 250*time.Millisecond)
	events, unsubscribe := st.Subscribe(4096)
	defer unsubscribe()

	lag := &lagRecorder{committed: map[int64]time.Time{}}
	go func() {
		for e := range events {
			lag.seen(e.Obs.ID)
		}
	}()
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	writerDone := make(chan struct{})
	go func() {
		defer close(writerDone)
		followLagWriter(ctx, b, w, observer, lag)
	}()

	for b.Loop() {
		lag.start("idle")
		time.Sleep(phase)
		lag.start("recompute")
		passes := 0
		var passTime time.Duration
		for end := time.Now().Add(phase); time.Now().Before(end); passes++ {
			t0 := time.Now()
			s.RecomputeAnalytics()
			if err := graph.Rebuild(); err != nil {
				b.Fatal(err)
			}
			passTime += time.Since(t0)
		}
		time.Sleep(time.Second) // let the last rows of the phase arrive
		lag.start("")
		for _, name := range []string{"idle", "recompute"} {
			p50, p95, mx, n := lag.stats(name)
			b.ReportMetric(p50, name+"-p50-ms")
			b.ReportMetric(p95, name+"-p95-ms")
			b.ReportMetric(mx, name+"-max-ms")
			b.Logf("%s: %d rows, follow lag p50 %.1f ms, p95 %.1f ms, max %.1f ms", name, n, p50, p95, mx)
		}
		b.Logf("recompute: %d passes (analytics + neighbour graph), %.0f ms each", passes, float64(passTime.Milliseconds())/float64(max(1, passes)))
	}
	cancel()
	<-writerDone
}

// followLagWriter commits one transmission and one observation every 20 ms until ctx
// ends, recording each observation's commit time.
func followLagWriter(ctx context.Context, b *testing.B, w *sql.DB, observer string, lag *lagRecorder) {
	tick := time.NewTicker(20 * time.Millisecond)
	defer tick.Stop()
	for i := 0; ; i++ {
		select {
		case <-ctx.Done():
			return
		case <-tick.C:
		}
		now := time.Now().UTC()
		tx, err := w.BeginTx(ctx, nil)
		if err != nil {
			return
		}
		res, err := tx.Exec(`INSERT INTO transmissions (raw_hex, hash, first_seen, route_type, payload_type, decoded_json)
			VALUES ('0A00', ?, ?, 1, 2, '{}')`, fmt.Sprintf("f011%012x", now.UnixNano()), now.Format("2006-01-02T15:04:05.000Z"))
		if err != nil {
			tx.Rollback()
			b.Errorf("insert transmission: %v", err)
			return
		}
		txID, _ := res.LastInsertId()
		res, err = tx.Exec(`INSERT INTO observations (transmission_id, observer_idx, snr, rssi, path_json, timestamp)
			VALUES (?, (SELECT rowid FROM observers WHERE id = ?), 1.5, -100, '[]', ?)`, txID, observer, now.Unix())
		if err != nil {
			tx.Rollback()
			b.Errorf("insert observation: %v", err)
			return
		}
		obsID, _ := res.LastInsertId()
		lag.mu.Lock() // held across the commit so the event cannot be seen before it is recorded
		if err := tx.Commit(); err != nil {
			lag.mu.Unlock()
			b.Errorf("commit: %v", err)
			return
		}
		lag.committed[obsID] = time.Now()
		lag.mu.Unlock()
	}
}

// lagRecorder pairs commit times with follow events, per named phase.
type lagRecorder struct {
	mu        sync.Mutex
	committed map[int64]time.Time
	phase     string
	lags      map[string][]time.Duration
}

func (l *lagRecorder) start(phase string) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.phase = phase
	if l.lags == nil {
		l.lags = map[string][]time.Duration{}
	}
}

func (l *lagRecorder) seen(obsID int64) {
	now := time.Now()
	l.mu.Lock()
	defer l.mu.Unlock()
	at, ok := l.committed[obsID]
	if !ok {
		return
	}
	delete(l.committed, obsID)
	if l.phase != "" {
		l.lags[l.phase] = append(l.lags[l.phase], now.Sub(at))
	}
}

// stats returns p50, p95 and max in milliseconds and the sample count.
func (l *lagRecorder) stats(phase string) (p50, p95, mx float64, n int) {
	l.mu.Lock()
	d := slices.Clone(l.lags[phase])
	l.mu.Unlock()
	if len(d) == 0 {
		return 0, 0, 0, 0
	}
	slices.Sort(d)
	ms := func(x time.Duration) float64 { return float64(x.Microseconds()) / 1000 }
	return ms(d[len(d)/2]), ms(d[len(d)*95/100]), ms(d[len(d)-1]), len(d)
}

func copyFile(b *testing.B, src, dst string) {
	b.Helper()
	in, err := os.Open(src)
	if err != nil {
		b.Fatal(err)
	}
	defer in.Close()
	out, err := os.Create(dst)
	if err != nil {
		b.Fatal(err)
	}
	if _, err := io.Copy(out, in); err != nil {
		b.Fatal(err)
	}
	if err := out.Close(); err != nil {
		b.Fatal(err)
	}
}
