package main

import (
	"context"
	"database/sql"
	"fmt"
	"sync"
	"time"

	"github.com/corescope/corescope/internal/schema"
)

// commitWatcher polls the database read-only for new transmissions and observations. It
// records when each transmission's hash first became visible (a publish → commit latency
// that includes up to one poll interval and the query time) and counts new observation
// rows, one per published message.
type commitWatcher struct {
	db      *sql.DB
	every   time.Duration
	mu      sync.Mutex
	last    int64 // transmissions watermark
	lastObs int64 // observations watermark
	seen    map[string]time.Time
	count   int // observations seen since the watcher started
	lastAt  time.Time
}

func openWatcher(ctx context.Context, path string, every time.Duration) (*commitWatcher, error) {
	db, err := schema.OpenReadOnly(ctx, path, 1)
	if err != nil {
		return nil, err
	}
	w := &commitWatcher{db: db, every: every, seen: map[string]time.Time{}}
	if err := db.QueryRowContext(ctx, "SELECT (SELECT COALESCE(MAX(id), 0) FROM transmissions), (SELECT COALESCE(MAX(id), 0) FROM observations)").
		Scan(&w.last, &w.lastObs); err != nil {
		db.Close()
		return nil, fmt.Errorf("read watermark: %w", err)
	}
	return w, nil
}

// run polls until ctx ends.
func (w *commitWatcher) run(ctx context.Context) {
	t := time.NewTicker(w.every)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
			w.poll(ctx)
		}
	}
}

func (w *commitWatcher) poll(ctx context.Context) {
	w.pollObservations(ctx)
	rows, err := w.db.QueryContext(ctx, "SELECT id, hash FROM transmissions WHERE id > ? ORDER BY id LIMIT 20000", w.last)
	if err != nil {
		return // the next tick retries (a busy WAL checkpoint, or ctx ended)
	}
	defer rows.Close()
	now := time.Now()
	w.mu.Lock()
	defer w.mu.Unlock()
	for rows.Next() {
		var id int64
		var h string
		if rows.Scan(&id, &h) != nil {
			return
		}
		w.last = id
		if _, ok := w.seen[h]; !ok {
			w.seen[h] = now
		}
	}
}

// pollObservations counts observation rows above the watermark (a rowid range scan).
func (w *commitWatcher) pollObservations(ctx context.Context) {
	var top, n int64
	err := w.db.QueryRowContext(ctx, "SELECT COALESCE(MAX(id), 0), COUNT(*) FROM observations WHERE id > ?", w.lastObs).Scan(&top, &n)
	if err != nil || n == 0 {
		return
	}
	w.mu.Lock()
	defer w.mu.Unlock()
	w.lastObs, w.count, w.lastAt = top, w.count+int(n), time.Now()
}

// state returns how many observations were seen and when the last one was.
func (w *commitWatcher) state() (int, time.Time) {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.count, w.lastAt
}

// seenAt returns when hash was first seen committed.
func (w *commitWatcher) seenAt(hash string) (time.Time, bool) {
	w.mu.Lock()
	defer w.mu.Unlock()
	t, ok := w.seen[hash]
	return t, ok
}

func (w *commitWatcher) close() { w.db.Close() }
