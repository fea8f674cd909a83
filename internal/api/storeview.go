package api

import (
	"context"
	"strings"
	"sync"
	"time"

	"github.com/corescope/corescope/internal/analytics"
	"github.com/corescope/corescope/internal/store"
)

// StoreView implements Store over the server's in-memory packet store and the
// neighbour-graph snapshot built from it. It also implements Readiness.
type StoreView struct {
	st    *store.Store
	graph *analytics.NeighborGraph

	mu   sync.Mutex
	conv *Graph // the last converted graph snapshot
	src  *analytics.Graph
}

// NewStoreView wraps st; graph may be nil (no neighbour edges are served then).
func NewStoreView(st *store.Store, graph *analytics.NeighborGraph) *StoreView {
	return &StoreView{st: st, graph: graph}
}

// LoadProgress implements Readiness.
func (v *StoreView) LoadProgress() (rows int64, firstChunk, done bool) {
	state, _ := v.st.LoadStatus()
	if !v.st.Ready() {
		return 0, false, false
	}
	return v.st.Counts().Transmissions, true, state == "ready"
}

// LoadPercent is the startup load progress, 0..100.
func (v *StoreView) LoadPercent() int {
	_, p := v.st.LoadStatus()
	return p
}

// Transmissions implements Store.
func (v *StoreView) Transmissions(f TxFilter, offset, limit int) ([]TxRow, int, error) {
	txs, total := v.st.Transmissions(storeFilter(f), offset, limit)
	return txs, total, nil
}

// ScanTransmissions implements Store.
func (v *StoreView) ScanTransmissions(f TxFilter, fn func(t *TxRow) bool) error {
	v.st.Scan(storeFilter(f), fn)
	return nil
}

// Summaries implements Store.
func (v *StoreView) Summaries(f TxFilter) ([]store.TxSummary, error) {
	return v.st.Summaries(storeFilter(f)), nil
}

// TransmissionByHash implements Store.
func (v *StoreView) TransmissionByHash(hash string) (TxRow, bool, error) {
	t, ok := v.st.TransmissionByHash(hash)
	return t, ok, nil
}

// TransmissionByID implements Store.
func (v *StoreView) TransmissionByID(id int64) (TxRow, bool, error) {
	t, ok := v.st.TransmissionByID(id)
	return t, ok, nil
}

// ObservationByID implements Store.
func (v *StoreView) ObservationByID(id int64) (TxRow, ObsRow, bool, error) {
	t, o, ok := v.st.ObservationByID(id)
	return t, o, ok, nil
}

// FirstSeenAfter implements Store.
func (v *StoreView) FirstSeenAfter(since string) ([]string, error) {
	return v.st.FirstSeenAfter(since), nil
}

// Nodes implements Store.
func (v *StoreView) Nodes() ([]NodeRow, error) {
	ns := v.st.Nodes()
	out := make([]NodeRow, len(ns))
	for i, n := range ns {
		out[i] = NodeRow{PublicKey: strings.ToLower(n.PublicKey), Name: n.Name, Role: n.Role, Lat: n.Lat, Lon: n.Lon,
			LastSeen: n.LastSeen, FirstSeen: n.FirstSeen, AdvertCount: n.AdvertCount, BatteryMv: n.BatteryMv,
			TemperatureC: n.TemperatureC, Foreign: n.Foreign, DefaultScope: n.DefaultScope}
	}
	return out, nil
}

// Observers implements Store.
func (v *StoreView) Observers() ([]ObserverRow, error) {
	os := v.st.Observers()
	out := make([]ObserverRow, len(os))
	for i, o := range os {
		out[i] = ObserverRow(o)
	}
	return out, nil
}

// Counts implements Store.
func (v *StoreView) Counts() StoreCounts {
	c := v.st.Counts()
	return StoreCounts{Transmissions: c.Transmissions, Observations: c.Observations, Nodes: c.Nodes, Observers: c.Observers,
		Evicted: c.Evicted, Inserts: c.Inserts, TrackedBytes: c.TrackedBytes, ByHash: c.ByHash, ByObserver: c.ByObserver,
		ByNode: c.ByNode, OldestLoaded: c.OldestLoaded, LoadComplete: c.LoadComplete}
}

// ObserverIATAs implements Store: distinct upper-case codes, sorted.
func (v *StoreView) ObserverIATAs() []string {
	codes := v.st.ObserverIATAs()
	for i, c := range codes {
		codes[i] = strings.ToUpper(c)
	}
	return sortedUnique(codes)
}

// ScanObserver implements Store.
func (v *StoreView) ScanObserver(id string, sinceUnix int64, fn func(p *store.ObsPoint) bool) {
	v.st.ScanObserver(id, sinceUnix, fn)
}

// ScanObservations implements Store.
func (v *StoreView) ScanObservations(sinceUnix int64, fn func(p *store.ObsPoint) bool) {
	v.st.ScanObservations(sinceUnix, fn)
}

// RecentObservations implements Store.
func (v *StoreView) RecentObservations(id string, limit int) []store.EnrichedObservation {
	return v.st.RecentObservations(id, limit)
}

// ObserverCounts implements Store (counted by SQL over observation time; see
// store/counts.go for why not from memory).
func (v *StoreView) ObserverCounts(since time.Time) (map[string]int, error) {
	return v.st.ObserverCounts(context.Background(), since)
}

// ObserverCountsBetween implements Store.
func (v *StoreView) ObserverCountsBetween(from, to time.Time) (map[string]int, error) {
	return v.st.ObserverCountsBetween(context.Background(), from, to)
}

// CountObservationsSince implements Store.
func (v *StoreView) CountObservationsSince(since time.Time) (int, error) {
	n, err := v.st.CountObservationsSince(context.Background(), since)
	return int(n), err
}

// NeighborGraph implements Store: the current analytics snapshot, converted once per build.
func (v *StoreView) NeighborGraph() (*Graph, error) {
	if v.graph == nil {
		return nil, nil
	}
	src := v.graph.Snapshot()
	if src == nil {
		return nil, nil
	}
	v.mu.Lock()
	defer v.mu.Unlock()
	if v.src != src {
		g := &Graph{Edges: make([]GraphEdge, len(src.Edges)), BuiltAtUnixMs: src.BuiltAt.UnixMilli(),
			RejectedGeoFar: src.RejectedGeoFar, ObserverNames: src.ObserverNames}
		for i, e := range src.Edges {
			g.Edges[i] = GraphEdge(e)
		}
		v.conv, v.src = g, src
	}
	return v.conv, nil
}

var _ Store = (*StoreView)(nil)
