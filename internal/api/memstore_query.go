package api

import (
	"strings"
)

// txMatcher is a TxFilter prepared for repeated matching.
type txMatcher struct {
	f         TxFilter
	observers map[string]bool
	nodes     map[string]bool
	hash      string
}

func newTxMatcher(f TxFilter) *txMatcher {
	m := &txMatcher{f: f, hash: strings.ToLower(f.Hash)}
	if len(f.Observers) > 0 {
		m.observers = map[string]bool{}
		for _, o := range f.Observers {
			m.observers[o] = true
		}
	}
	if len(f.Nodes) > 0 {
		m.nodes = map[string]bool{}
		for _, n := range f.Nodes {
			m.nodes[strings.ToLower(n)] = true
		}
	}
	return m
}

func (m *txMatcher) match(t *TxRow) bool {
	f := &m.f
	switch {
	case t.Hash == "" || t.FirstSeen == "":
		return false
	case f.PayloadType != nil && (t.PayloadType == nil || *t.PayloadType != *f.PayloadType):
		return false
	case f.RouteType != nil && (t.RouteType == nil || *t.RouteType != *f.RouteType):
		return false
	case m.hash != "" && !strings.EqualFold(t.Hash, m.hash):
		return false
	case f.Channel != "" && (t.PayloadType == nil || *t.PayloadType != 5 || t.ChannelHash == nil || *t.ChannelHash != f.Channel):
		return false
	case f.Since != "" && t.FirstSeen <= f.Since:
		return false
	case f.Until != "" && t.FirstSeen >= f.Until:
		return false
	}
	if m.observers != nil {
		ok := false
		for i := range t.Observations {
			if o := t.Observations[i].ObserverID; o != nil && m.observers[*o] {
				ok = true
				break
			}
		}
		if !ok {
			return false
		}
	}
	if m.nodes != nil {
		return m.hasNode(t)
	}
	return true
}

func (m *txMatcher) hasNode(t *TxRow) bool {
	if t.FromPubkey != nil && m.node(*t.FromPubkey) {
		return true
	}
	for i := range t.Observations {
		for _, pk := range t.Observations[i].ResolvedPath {
			if pk != nil && m.node(*pk) {
				return true
			}
		}
	}
	return false
}

// node looks pk up; keys are stored lower-case, so only mixed-case input is converted.
func (m *txMatcher) node(pk string) bool {
	if m.nodes[pk] {
		return true
	}
	if strings.ToLower(pk) == pk {
		return false
	}
	return m.nodes[strings.ToLower(pk)]
}

// matches collects the rows matching f under the read lock, newest first unless
// f.Ascending. Rows are immutable snapshots, so the pointers stay valid after unlocking.
func (m *MemStore) matches(f TxFilter) []*TxRow {
	mt := newTxMatcher(f)
	m.mu.RLock()
	defer m.mu.RUnlock()
	var out []*TxRow
	n := len(m.txs)
	for k := 0; k < n; k++ {
		i := n - 1 - k
		if f.Ascending {
			i = k
		}
		if t := m.txs[i]; mt.match(t) {
			out = append(out, t)
		}
	}
	return out
}

// Scan calls fn for every row matching f, newest first unless f.Ascending, without
// copying rows. Rows are immutable snapshots: fn may keep the pointers but must not
// modify them. fn returns false to stop. No lock is held while fn runs.
func (m *MemStore) Scan(f TxFilter, fn func(t *TxRow) bool) error {
	for _, t := range m.matches(f) {
		if !fn(t) {
			break
		}
	}
	return nil
}

// Transmissions implements Store from memory; limit < 0 returns everything from offset.
// Only the requested page is copied. Full results (limit < 0) are shared between callers
// through a short-lived cache and must be treated as read-only.
func (m *MemStore) Transmissions(f TxFilter, offset, limit int) ([]TxRow, int, error) {
	if limit < 0 {
		rows, total := m.fullScan(f, offset)
		return rows, total, nil
	}
	rows, total := m.copyMatches(f, offset, limit)
	return rows, total, nil
}

// copyMatches copies the matching rows of the page and counts all matches.
func (m *MemStore) copyMatches(f TxFilter, offset, limit int) ([]TxRow, int) {
	mt := newTxMatcher(f)
	var page []*TxRow
	total := 0
	m.mu.RLock()
	if mt.hash != "" { // the hash index answers at once
		if t, ok := m.byHash[mt.hash]; ok && mt.match(t) && offset == 0 && limit != 0 {
			page, total = append(page, t), 1
		} else if ok && mt.match(t) {
			total = 1
		}
		m.mu.RUnlock()
		return copyRows(page), total
	}
	n := len(m.txs)
	for k := 0; k < n; k++ {
		i := n - 1 - k
		if f.Ascending {
			i = k
		}
		if t := m.txs[i]; mt.match(t) {
			if total >= offset && (limit < 0 || len(page) < limit) {
				page = append(page, t)
			}
			total++
		}
	}
	m.mu.RUnlock()
	return copyRows(page), total
}

func copyRows(page []*TxRow) []TxRow {
	out := make([]TxRow, len(page))
	for i, t := range page {
		out[i] = *t
	}
	return out
}

// TransmissionByHash implements Store from memory.
func (m *MemStore) TransmissionByHash(hash string) (TxRow, bool, error) {
	m.mu.RLock()
	defer m.mu.RUnlock()
	if t, ok := m.byHash[strings.ToLower(hash)]; ok {
		return *t, true, nil
	}
	return TxRow{}, false, nil
}

// TransmissionByID implements Store from memory.
func (m *MemStore) TransmissionByID(id int64) (TxRow, bool, error) {
	m.mu.RLock()
	defer m.mu.RUnlock()
	if t, ok := m.byID[id]; ok {
		return *t, true, nil
	}
	return TxRow{}, false, nil
}

// ObservationByID implements Store from memory.
func (m *MemStore) ObservationByID(id int64) (TxRow, ObsRow, bool, error) {
	m.mu.RLock()
	defer m.mu.RUnlock()
	t, ok := m.obsTx[id]
	if !ok {
		return TxRow{}, ObsRow{}, false, nil
	}
	for _, o := range t.Observations {
		if o.ID == id {
			return *t, o, true, nil
		}
	}
	return TxRow{}, ObsRow{}, false, nil
}

// FirstSeenAfter implements Store from memory.
func (m *MemStore) FirstSeenAfter(since string) ([]string, error) {
	m.mu.RLock()
	out := []string{}
	for _, t := range m.txs {
		if t.FirstSeen > since {
			out = append(out, t.FirstSeen)
		}
	}
	m.mu.RUnlock()
	sortStrings(out)
	return out, nil
}

// Counts implements Store: transmissions and observations from memory, the rest from SQL.
func (m *MemStore) Counts() StoreCounts {
	c := m.DBStore.Counts()
	m.mu.RLock()
	c.Transmissions, c.Observations, c.ByHash = int64(len(m.txs)), m.nObs, int64(len(m.byHash))
	if len(m.txs) > 0 {
		c.OldestLoaded = m.txs[0].FirstSeen
	}
	m.mu.RUnlock()
	c.LoadComplete, c.Evicted = m.done.Load(), m.evicted.Load()
	return c
}
