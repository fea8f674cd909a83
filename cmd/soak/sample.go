package main

import (
	"bufio"
	"context"
	"database/sql"
	"fmt"
	"os"
	"strconv"
	"strings"
	"time"

	"github.com/corescope/corescope/internal/schema"
	"github.com/corescope/corescope/internal/statsfile"
)

// rssRange is the server's resident memory over the run, in KiB.
type rssRange struct{ min, max, last int64 }

// sample reads the server's VmRSS and the ingestor's queue depth once a second.
func sample(ctx context.Context, o options) (rssRange, int64) {
	var r rssRange
	var queueMax int64
	t := time.NewTicker(time.Second)
	defer t.Stop()
	for {
		if o.pid > 0 {
			if kb, err := vmRSS(o.pid); err == nil {
				if r.min == 0 || kb < r.min {
					r.min = kb
				}
				r.max = max(r.max, kb)
				r.last = kb
			}
		}
		if o.stats != "" {
			if s, _, err := statsfile.Read(o.stats); err == nil {
				queueMax = max(queueMax, s.QueueDepth)
			}
		}
		select {
		case <-ctx.Done():
			return r, queueMax
		case <-t.C:
		}
	}
}

func vmRSS(pid int) (int64, error) {
	f, err := os.Open(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		return 0, err
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if v, ok := strings.CutPrefix(sc.Text(), "VmRSS:"); ok {
			return strconv.ParseInt(strings.TrimSuffix(strings.TrimSpace(v), " kB"), 10, 64)
		}
	}
	return 0, fmt.Errorf("read rss: no VmRSS for pid %d", pid)
}

// storedRows counts observations in the database (0 without -db).
func storedRows(path string) (int64, error) {
	if path == "" {
		return 0, nil
	}
	db, err := schema.OpenReadOnly(context.Background(), path, 1)
	if err != nil {
		return 0, fmt.Errorf("open %s: %w", path, err)
	}
	defer db.Close()
	return countObs(db)
}

func countObs(db *sql.DB) (int64, error) {
	var n int64
	if err := db.QueryRow(`SELECT COUNT(*) FROM observations`).Scan(&n); err != nil {
		return 0, fmt.Errorf("count observations: %w", err)
	}
	return n, nil
}

// drain waits (up to o.drain) until the database holds every published observation and
// returns how many were stored during the run and how long catching up took.
func drain(ctx context.Context, o options, before, published int64) (int64, time.Duration) {
	if o.db == "" {
		return -1, 0
	}
	start := time.Now()
	var stored int64
	for {
		n, err := storedRows(o.db)
		if err == nil {
			stored = n - before
		}
		if stored >= published || time.Since(start) > o.drain || ctx.Err() != nil {
			return stored, time.Since(start)
		}
		time.Sleep(250 * time.Millisecond)
	}
}

// schedDelay measures how late a 100 ms ticker fires in this process until ctx ends:
// the load driver's own stalls (CPU starvation, GC), to tell them from the server's.
func schedDelay(ctx context.Context) time.Duration {
	const step = 100 * time.Millisecond
	var worst time.Duration
	last := time.Now()
	t := time.NewTicker(step)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return worst
		case now := <-t.C:
			worst = max(worst, time.Since(last)-step)
			last = now
		}
	}
}
