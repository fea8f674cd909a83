package ingest

import (
	"sort"
	"sync"
	"time"

	"github.com/corescope/corescope/internal/statsfile"
)

// sampleRing keeps the last n durations for percentile summaries.
type sampleRing struct {
	mu    sync.Mutex
	buf   []float64 // milliseconds
	next  int
	full  bool
	count int64
}

func newSampleRing(n int) *sampleRing { return &sampleRing{buf: make([]float64, n)} }

func (r *sampleRing) add(d time.Duration) {
	r.mu.Lock()
	r.buf[r.next] = float64(d.Microseconds()) / 1000
	r.next = (r.next + 1) % len(r.buf)
	r.full = r.full || r.next == 0
	r.count++
	r.mu.Unlock()
}

func (r *sampleRing) percentiles() statsfile.Percentiles {
	r.mu.Lock()
	n := r.next
	if r.full {
		n = len(r.buf)
	}
	s := append([]float64(nil), r.buf[:n]...)
	r.mu.Unlock()
	if len(s) == 0 {
		return statsfile.Percentiles{}
	}
	sort.Float64s(s)
	return statsfile.Percentiles{Count: len(s), P50: pct(s, 0.50), P95: pct(s, 0.95), P99: pct(s, 0.99), Max: s[len(s)-1]}
}

func pct(sorted []float64, p float64) float64 {
	i := int(p * float64(len(sorted)-1))
	return sorted[i]
}

// perfSet tracks writer wait (queued → writer start) and hold (writer busy) per
// component, like the reference's writer_perf (rolling 1024 samples, contention > 100 ms).
type perfSet struct {
	mu      sync.Mutex
	comps   map[string]*compPerf
	observe func(comp string, wait, hold time.Duration)
}

type compPerf struct {
	wait, hold *sampleRing
	contention int64
}

func newPerfSet(observe func(string, time.Duration, time.Duration)) *perfSet {
	return &perfSet{comps: map[string]*compPerf{}, observe: observe}
}

func (p *perfSet) record(comp string, wait, hold time.Duration) {
	if p.observe != nil {
		p.observe(comp, wait, hold)
	}
	p.mu.Lock()
	c := p.comps[comp]
	if c == nil {
		c = &compPerf{wait: newSampleRing(1024), hold: newSampleRing(1024)}
		p.comps[comp] = c
	}
	if wait > 100*time.Millisecond {
		c.contention++
	}
	p.mu.Unlock()
	c.wait.add(wait)
	c.hold.add(hold)
}

func (p *perfSet) snapshot() map[string]statsfile.WriterStats {
	p.mu.Lock()
	comps := make(map[string]*compPerf, len(p.comps))
	cont := map[string]int64{}
	for k, v := range p.comps {
		comps[k] = v
		cont[k] = v.contention
	}
	p.mu.Unlock()
	out := make(map[string]statsfile.WriterStats, len(comps))
	for k, c := range comps {
		w, h := c.wait.percentiles(), c.hold.percentiles()
		c.wait.mu.Lock()
		n := c.wait.count
		c.wait.mu.Unlock()
		out[k] = statsfile.WriterStats{Count: n, ContentionTotal: cont[k],
			WaitMsP50: w.P50, WaitMsP95: w.P95, WaitMsP99: w.P99, WaitMsMax: w.Max,
			HoldMsP50: h.P50, HoldMsP95: h.P95, HoldMsP99: h.P99, HoldMsMax: h.Max}
	}
	return out
}
