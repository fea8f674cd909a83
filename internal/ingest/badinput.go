package ingest

import (
	"log/slog"
	"sync"
	"time"
)

// badInput counts rejected input per kind and logs each kind at most once per
// interval, with the number suppressed since the last line.
type badInput struct {
	log      *slog.Logger
	now      func() time.Time
	interval time.Duration

	mu     sync.Mutex
	counts map[string]int64
	last   map[string]time.Time
	quiet  map[string]int64
}

func newBadInput(log *slog.Logger, now func() time.Time) *badInput {
	return &badInput{log: log, now: now, interval: time.Second,
		counts: map[string]int64{}, last: map[string]time.Time{}, quiet: map[string]int64{}}
}

// note counts one event of kind and logs msg unless kind logged within the interval.
func (b *badInput) note(kind, msg string, args ...any) {
	now := b.now()
	b.mu.Lock()
	b.counts[kind]++
	if now.Sub(b.last[kind]) < b.interval {
		b.quiet[kind]++
		b.mu.Unlock()
		return
	}
	suppressed := b.quiet[kind]
	b.quiet[kind] = 0
	b.last[kind] = now
	total := b.counts[kind]
	b.mu.Unlock()
	b.log.Warn(msg, append(args, "kind", kind, "total", total, "suppressed", suppressed)...)
}

func (b *badInput) snapshot() map[string]int64 { return copyMap(&b.mu, b.counts) }
