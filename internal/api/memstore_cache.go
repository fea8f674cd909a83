package api

import (
	"fmt"
	"strings"
	"sync"
	"time"
)

// scanCache shares full-scan results (Transmissions with limit < 0) between requests:
// identical concurrent scans are computed once, and a result is reused while the store
// is unchanged or for at most maxAge. Results are shared read-only.
type scanCache struct {
	mu      sync.Mutex
	entries map[string]*scanEntry
}

type scanEntry struct {
	fill    sync.Mutex
	ready   bool
	version uint64
	at      time.Time
	rows    []TxRow
	total   int
}

const (
	scanCacheMaxAge = time.Second
	// Each entry can hold a copy of every row, so few are kept and idle ones go quickly.
	scanCacheEntries = 8
	scanCacheIdle    = 10 * time.Second
)

func filterKey(f TxFilter, offset int) string {
	p := func(v *int) string {
		if v == nil {
			return "-"
		}
		return fmt.Sprint(*v)
	}
	return fmt.Sprintf("%v|%s|%s|%s|%s|%s|%s|%s|%s|%d", f.Ascending, p(f.PayloadType), p(f.RouteType), strings.ToLower(f.Hash),
		strings.Join(f.Observers, ","), strings.Join(f.Nodes, ","), f.Channel, f.Since, f.Until, offset)
}

func (c *scanCache) entry(key string) *scanEntry {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.entries == nil {
		c.entries = map[string]*scanEntry{}
	}
	// Entries being filled are skipped (TryLock fails); their fields are not read here.
	now := time.Now()
	var oldK string
	var oldT time.Time
	for k, v := range c.entries {
		if k == key || !v.fill.TryLock() {
			continue
		}
		if v.at.Add(scanCacheIdle).Before(now) {
			delete(c.entries, k)
		} else if oldK == "" || v.at.Before(oldT) {
			oldK, oldT = k, v.at
		}
		v.fill.Unlock()
	}
	e := c.entries[key]
	if e == nil {
		if len(c.entries) >= scanCacheEntries && oldK != "" {
			delete(c.entries, oldK)
		}
		e = &scanEntry{}
		c.entries[key] = e
	}
	return e
}

// fullScan returns the shared result for f from offset, computing it at most once per
// store version (or per maxAge while the store keeps changing).
func (m *MemStore) fullScan(f TxFilter, offset int) ([]TxRow, int) {
	e := m.scans.entry(filterKey(f, offset))
	e.fill.Lock()
	defer e.fill.Unlock()
	v := m.version.Load()
	if e.ready && (e.version == v || time.Since(e.at) < scanCacheMaxAge) {
		return e.rows, e.total
	}
	rows, total := m.copyMatches(f, offset, -1)
	e.rows, e.total, e.version, e.at, e.ready = rows, total, v, time.Now(), true
	return rows, total
}
