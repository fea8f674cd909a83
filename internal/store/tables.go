package store

import (
	"context"
	"database/sql"
	"strings"

	"github.com/corescope/corescope/internal/storage"
)

// tables holds the small nodes and observers tables, re-read in full on a timer and
// whenever an observation names an observer row not seen yet. Rows are immutable once
// built, so copies handed out may share their strings.
type tables struct {
	nodes     []Node
	observers []Observer
	// rowObs maps observers.rowid (observations.observer_idx) to the observer's strs id.
	rowObs map[int64]uint32
	// info maps an observer's strs id to its row in observers.
	info map[uint32]int
	// aliases maps a replaced legacy hash (lower case) to the transmission's content hash.
	aliases map[string]string
}

// refreshTables re-reads nodes and observers and swaps them in under the write lock.
func (s *Store) refreshTables(ctx context.Context) error {
	ns, err := storage.Nodes(ctx, s.db)
	if err != nil {
		return err
	}
	os, err := storage.Observers(ctx, s.db)
	if err != nil {
		return err
	}
	aliases, err := storage.HashAliases(ctx, s.db)
	if err != nil {
		return err
	}
	nodes := make([]Node, len(ns))
	for i, n := range ns {
		nodes[i] = Node{
			PublicKey: n.PublicKey, Name: nstr(n.Name), Role: nstr(n.Role), Lat: nval(n.Lat), Lon: nval(n.Lon),
			LastSeen: nstr(n.LastSeen), FirstSeen: nstr(n.FirstSeen), AdvertCount: int(n.AdvertCount),
			BatteryMv: nint(n.BatteryMv), TemperatureC: nval(n.TemperatureC), Foreign: n.Foreign,
			DefaultScope: nstr(n.DefaultScope),
		}
	}
	observers := make([]Observer, len(os))
	for i, o := range os {
		observers[i] = Observer{
			ID: o.ID, Name: nstr(o.Name), IATA: nstr(o.IATA), LastSeen: nstr(o.LastSeen), FirstSeen: nstr(o.FirstSeen),
			PacketCount: int(o.PacketCount), Model: nstr(o.Model), Firmware: nstr(o.Firmware),
			ClientVersion: nstr(o.ClientVersion), Radio: nstr(o.Radio), BatteryMv: nint(o.BatteryMv),
			UptimeSecs: nval(o.UptimeSecs), NoiseFloor: nval(o.NoiseFloor), LastPacketAt: nstr(o.LastPacketAt),
			Inactive: o.Inactive, ClockSkewSeconds: nval(o.ClockSkewSeconds), ClockSkewCount24h: int(o.ClockSkewCount24h),
			ClockLastNaiveAt: nstr(o.ClockLastNaiveAt), CanRelay: nval(o.CanRelay),
		}
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	t := tables{nodes: nodes, observers: observers, rowObs: make(map[int64]uint32, len(os)), info: make(map[uint32]int, len(os)),
		aliases: aliases}
	for i, o := range os {
		id := s.strs.id(o.ID)
		t.rowObs[o.RowID] = id
		t.info[id] = i
	}
	s.tables = t
	return nil
}

// observerOf returns the strs id for an observer_idx and whether the row is known.
func (s *Store) observerOf(idx sql.Null[int64]) (uint32, bool) {
	if !idx.Valid {
		return 0, true
	}
	id, ok := s.tables.rowObs[idx.V]
	return id, ok
}

// Nodes returns a copy of every nodes row (hiding rules are the API's business).
func (s *Store) Nodes() []Node {
	s.mu.RLock()
	defer s.mu.RUnlock()
	return append([]Node(nil), s.tables.nodes...)
}

// Node returns the nodes row of pubkey (case-insensitive).
func (s *Store) Node(pubkey string) (Node, bool) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	for _, n := range s.tables.nodes {
		if strings.EqualFold(n.PublicKey, pubkey) {
			return n, true
		}
	}
	return Node{}, false
}

// Observers returns a copy of every observers row.
func (s *Store) Observers() []Observer {
	s.mu.RLock()
	defer s.mu.RUnlock()
	return append([]Observer(nil), s.tables.observers...)
}

// Observer returns the observers row with id.
func (s *Store) Observer(id string) (Observer, bool) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	if i, ok := s.tables.info[s.strs.lookup(id)]; ok && s.strs.lookup(id) != 0 {
		return s.tables.observers[i], true
	}
	return Observer{}, false
}

// ObserverIATAs lists the distinct non-empty observer IATA codes, sorted.
func (s *Store) ObserverIATAs() []string {
	s.mu.RLock()
	seen := map[string]bool{}
	for _, o := range s.tables.observers {
		if o.IATA != nil && *o.IATA != "" {
			seen[*o.IATA] = true
		}
	}
	s.mu.RUnlock()
	return sortedKeys(seen)
}

func nstr(v sql.Null[string]) *string {
	if !v.Valid {
		return nil
	}
	return &v.V
}

func nval[T any](v sql.Null[T]) *T {
	if !v.Valid {
		return nil
	}
	return &v.V
}

func nint(v sql.Null[int64]) *int {
	if !v.Valid {
		return nil
	}
	n := int(v.V)
	return &n
}

// txIDByHashLocked resolves a content hash, or a legacy hash the ingestor replaced, to a
// transmission id. The caller holds s.mu.
func (s *Store) txIDByHashLocked(hash string) (int64, bool) {
	h := strings.ToLower(hash)
	if id, ok := s.byHash[h]; ok {
		return id, true
	}
	if canon, ok := s.tables.aliases[h]; ok {
		id, ok := s.byHash[canon]
		return id, ok
	}
	return 0, false
}
