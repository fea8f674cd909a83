package api

import (
	"cmp"
	"context"
	"database/sql"
	"fmt"
	"slices"
	"sort"
	"strings"
	"time"
)

func sortStrings(s []string) { sort.Strings(s) }

// follow polls for observation rows newer than the cursor until ctx ends.
func (m *MemStore) follow(ctx context.Context) {
	t := time.NewTicker(m.opts.PollInterval)
	defer t.Stop()
	evict := time.NewTicker(m.opts.EvictInterval)
	defer evict.Stop()
	failing := false
	for {
		select {
		case <-ctx.Done():
			return
		case <-evict.C:
			if err := m.evict(ctx); err != nil && ctx.Err() == nil {
				m.opts.Logger.Warn("evict pruned rows failed", "err", err)
			}
			continue
		case <-t.C:
		}
		if err := m.poll(ctx); err != nil {
			if ctx.Err() != nil {
				return
			}
			if !failing { // log once per failure streak
				m.opts.Logger.Warn("follow new rows failed", "err", err)
			}
			failing = true
			continue
		}
		failing = false
	}
}

// poll applies one batch of new observations under one write lock, then reports them
// to OnObservation after unlocking.
func (m *MemStore) poll(ctx context.Context) error {
	txs, obs, err := m.ObservationsAfter(ctx, m.lastObs, 500)
	if err != nil || len(obs) == 0 {
		return err
	}
	type event struct {
		tx  TxRow
		obs ObsRow
	}
	var events []event
	m.mu.Lock()
	cursor := m.lastObs
	for i := range obs {
		o := obs[i]
		m.lastObs = max(m.lastObs, o.ID)
		if _, seen := m.obsTx[o.ID]; seen {
			continue // loaded with its transmission already
		}
		cur, ok := m.byID[o.TxID]
		if !ok {
			// Keep the batch's later observations out, so each one is reported as it is applied.
			fresh := txs[i]
			fresh.Observations = slices.DeleteFunc(slices.Clone(fresh.Observations), func(x ObsRow) bool {
				return x.ID > cursor && x.ID != o.ID
			})
			fresh.Best = bestIndex(fresh.Observations)
			m.addLocked(&fresh)
			cur = m.byID[o.TxID]
		} else {
			// Rows handed out are immutable snapshots: build a new row and swap pointers.
			next := *cur
			next.Observations = append(append(make([]ObsRow, 0, len(cur.Observations)+1), o), cur.Observations...)
			next.Best = bestIndex(next.Observations)
			m.replaceLocked(cur, &next)
			cur = &next
			m.nObs++
		}
		events = append(events, event{*cur, o})
	}
	m.mu.Unlock()
	m.loaded.Store(int64(len(m.byID)))
	if m.opts.OnObservation != nil {
		for i := range events {
			m.opts.OnObservation(&events[i].tx, &events[i].obs)
		}
	}
	return nil
}

// evict drops transmissions the ingestor's retention has deleted (retention removes the
// oldest rows, so everything below the smallest remaining id) and, with a Retention
// window, those first seen before it.
func (m *MemStore) evict(ctx context.Context) error {
	var minID sql.NullInt64
	if err := m.db.QueryRowContext(ctx, "SELECT min(id) FROM transmissions").Scan(&minID); err != nil {
		return fmt.Errorf("read oldest transmission: %w", err)
	}
	cutoff := m.cutoff()
	stale := func(t *TxRow) bool { return !minID.Valid || t.ID < minID.Int64 || t.FirstSeen < cutoff }
	m.mu.Lock()
	defer m.mu.Unlock()
	if !slices.ContainsFunc(m.txs, stale) {
		return nil
	}
	keep := make([]*TxRow, 0, len(m.txs))
	n := 0
	for _, t := range m.txs {
		if !stale(t) {
			keep = append(keep, t)
			continue
		}
		delete(m.byID, t.ID)
		delete(m.byHash, strings.ToLower(t.Hash))
		for _, o := range t.Observations {
			delete(m.obsTx, o.ID)
		}
		m.nObs -= int64(len(t.Observations))
		n++
	}
	if n > 0 {
		m.version.Add(1)
		m.txs = keep // a fresh array, so the evicted rows can be collected
		m.evicted.Add(int64(n))
	}
	return nil
}

// replaceLocked swaps old for next in every index; the caller holds mu.
func (m *MemStore) replaceLocked(old, next *TxRow) {
	m.version.Add(1)
	if i, ok := slices.BinarySearchFunc(m.txs, old.ID, func(t *TxRow, id int64) int { return cmp.Compare(t.ID, id) }); ok {
		m.txs[i] = next
	}
	m.byID[next.ID], m.byHash[strings.ToLower(next.Hash)] = next, next
	for _, o := range next.Observations {
		m.obsTx[o.ID] = next
	}
}
