package api

import (
	"slices"
	"sync"
	"time"
)

// tableCacheAge bounds how stale the node and observer tables may be. They are small and
// read by almost every handler, so one SQL read per second serves them all.
const tableCacheAge = time.Second

// tableCache holds one recently read table; fills are serialised by mu.
type tableCache[T any] struct {
	mu   sync.Mutex
	rows []T
	at   time.Time
}

// get returns a fresh copy (callers sort and filter it) of the cached table.
func (c *tableCache[T]) get(read func() ([]T, error)) ([]T, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.rows == nil || time.Since(c.at) >= tableCacheAge {
		rows, err := read()
		if err != nil {
			return nil, err
		}
		c.rows, c.at = rows, time.Now()
	}
	return slices.Clone(c.rows), nil
}

// Nodes implements Store from a table cached for at most a second.
func (m *MemStore) Nodes() ([]NodeRow, error) { return m.nodesC.get(m.DBStore.Nodes) }

// Observers implements Store from a table cached for at most a second.
func (m *MemStore) Observers() ([]ObserverRow, error) { return m.observersC.get(m.DBStore.Observers) }
