package api

import (
	"sync/atomic"
	"testing"
	"time"

	"github.com/corescope/corescope/internal/store"
)

// probeStore wraps the fixture's real store to count the store reads cached answers are
// built from, to stall the next one at a gate, and to announce a new store generation
// (or neighbour-graph snapshot) without writing rows.
type probeStore struct {
	Store
	reads      atomic.Int64
	genBump    atomic.Int64
	graphShift atomic.Int64 // added to the graph snapshot's BuiltAtUnixMs
	gate       atomic.Pointer[storeGate]
}

// storeGate stalls one store read: entered is closed when it starts, and it returns
// once release is closed.
type storeGate struct{ entered, release chan struct{} }

// armGate makes the next counted read wait for release; entered tells it started.
func (p *probeStore) armGate() *storeGate {
	g := &storeGate{entered: make(chan struct{}), release: make(chan struct{})}
	p.gate.Store(g)
	return g
}

func (p *probeStore) read() {
	p.reads.Add(1)
	if g := p.gate.Swap(nil); g != nil {
		close(g.entered)
		<-g.release
	}
}

func (p *probeStore) Summaries(f TxFilter) ([]store.TxSummary, error) {
	p.read()
	return p.Store.Summaries(f)
}

func (p *probeStore) ScanTransmissions(f TxFilter, fn func(t *TxRow) bool) error {
	p.read()
	return p.Store.ScanTransmissions(f, fn)
}

func (p *probeStore) Transmissions(f TxFilter, offset, limit int) ([]TxRow, int, error) {
	p.read()
	return p.Store.Transmissions(f, offset, limit)
}

func (p *probeStore) Nodes() ([]NodeRow, error) {
	p.read()
	return p.Store.Nodes()
}

func (p *probeStore) Counts() StoreCounts {
	c := p.Store.Counts()
	c.Inserts += p.genBump.Load()
	return c
}

func (p *probeStore) NeighborGraph() (*Graph, error) {
	g, err := p.Store.NeighborGraph()
	if g == nil || err != nil || p.graphShift.Load() == 0 {
		return g, err
	}
	shifted := *g
	shifted.BuiltAtUnixMs += p.graphShift.Load()
	return &shifted, nil
}

// newProbeFixture is newFixture with the API reading through a probeStore, on a
// frozen clock (so no cached answer reaches its age bound while a test runs).
func newProbeFixture(t *testing.T) (*fixture, *probeStore) {
	t.Helper()
	var p *probeStore
	f := newFixture(t, func(o *Options) {
		p = &probeStore{Store: o.Store}
		o.Store = p
		o.Now = func() time.Time { return fixtureNow }
	})
	return f, p
}

// analyticsBuilds counts the analytics answers computed and stored so far.
func analyticsBuilds(s *Server) int64 {
	return s.caches.anaDefaults.Stats().Builds + s.caches.anaShapes.Stats().Builds
}
