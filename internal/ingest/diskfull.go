package ingest

import (
	"context"
	"errors"
	"sync"
	"time"

	"github.com/corescope/corescope/internal/schema"
	"github.com/corescope/corescope/internal/statsfile"
)

// errStopping ends a disk-full wait when Close is called while the disk is still full.
var errStopping = errors.New("ingester closing while the disk is full")

// diskFullState is the current disk-full episode, read by Stats from other goroutines.
type diskFullState struct {
	mu      sync.Mutex
	since   time.Time // zero while the disk has room
	retries int64     // retries in the current episode
	lastErr string
}

func (d *diskFullState) set(since time.Time, retries int64, err error) {
	d.mu.Lock()
	d.since, d.retries, d.lastErr = since, retries, clip(err.Error(), 200)
	d.mu.Unlock()
}

func (d *diskFullState) clear() {
	d.mu.Lock()
	d.since, d.retries, d.lastErr = time.Time{}, 0, ""
	d.mu.Unlock()
}

// active reports whether an episode is under way.
func (d *diskFullState) active() bool {
	d.mu.Lock()
	defer d.mu.Unlock()
	return !d.since.IsZero()
}

// snapshot returns the episode for the stats file, nil when the disk has room.
func (d *diskFullState) snapshot() *statsfile.DiskFull {
	d.mu.Lock()
	defer d.mu.Unlock()
	if d.since.IsZero() {
		return nil
	}
	return &statsfile.DiskFull{Since: d.since.UTC().Format(time.RFC3339), Retries: d.retries, Error: d.lastErr}
}

// retryWhileDiskFull holds batch while the database's disk is full: nothing in it is
// acknowledged, so the broker keeps every message of the persistent session (and a crash
// now loses nothing). It retries the same batch with exponential backoff (DiskFullRetryMin
// doubling to DiskFullRetryMax) until it commits, fails for another reason, or Close is
// called (errStopping). The episode is logged once when it starts and once when it ends.
func (in *Ingester) retryWhileDiskFull(ctx context.Context, batch []*item, err error) ([]result, *batchDelta, error) {
	start := in.opts.Now()
	in.log.Error("disk full: ingest paused, nothing is acknowledged until space returns; retrying with backoff",
		"items", len(batch), "err", err)
	in.diskFull.set(start, 0, err)
	wait := in.opts.DiskFullRetryMin
	var retries int64
	for {
		t := time.NewTimer(wait)
		select {
		case <-t.C:
		case <-in.stopping:
			t.Stop()
			in.log.Warn("disk still full at shutdown; the held messages stay unacknowledged for redelivery",
				"items", len(batch), "retries", retries)
			return nil, nil, errStopping
		}
		retries++
		in.counters.diskFullRetries.Add(1)
		res, delta, err := in.writeWithRetries(ctx, batch)
		if !schema.IsDiskFull(err) {
			in.diskFull.clear()
			in.log.Info("disk space available again; ingest resumed",
				"pausedSec", int(in.opts.Now().Sub(start).Seconds()), "retries", retries, "items", len(batch))
			return res, delta, err
		}
		in.diskFull.set(start, retries, err)
		wait = min(2*wait, in.opts.DiskFullRetryMax)
	}
}

// abandon gives up on batch at shutdown without acknowledging it: the broker redelivers
// it to the next run. Injected items learn the reason.
func (in *Ingester) abandon(batch []*item, err error) {
	for _, it := range batch {
		if it.done != nil {
			it.done <- result{err: err}
		}
	}
}
