package ingest

import (
	"sync"
	"sync/atomic"
)

// counters are the write-side figures published in the stats file. Each is an
// independent atomic (eventually consistent, monotonic).
type counters struct {
	txInserted, txDupes, obsInserted, obsDupes atomic.Int64
	nodeUpserts, observerUpserts               atomic.Int64
	writeErrors, sigDrops, walCommits          atomic.Int64
	groupFlushes, queueDrops, droppedRows      atomic.Int64
	diskFullRetries                            atomic.Int64

	mu        sync.Mutex
	backfills map[string]int64
	filters   map[string]int64
}

func (c *counters) backfill(name string, n int64) {
	c.mu.Lock()
	if c.backfills == nil {
		c.backfills = map[string]int64{}
	}
	c.backfills[name] += n
	c.mu.Unlock()
}

func (c *counters) filtered(reason string) {
	c.mu.Lock()
	if c.filters == nil {
		c.filters = map[string]int64{}
	}
	c.filters[reason]++
	c.mu.Unlock()
}

func copyMap(mu *sync.Mutex, m map[string]int64) map[string]int64 {
	mu.Lock()
	defer mu.Unlock()
	out := make(map[string]int64, len(m))
	for k, v := range m {
		out[k] = v
	}
	return out
}
