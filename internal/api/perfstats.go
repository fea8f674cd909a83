package api

import (
	"math"
	"sort"
	"sync"
	"time"
)

const (
	perfRing      = 100
	slowRing      = 50
	slowThreshold = 100 * time.Millisecond
)

// SlowQuery is one request over the slow threshold.
type SlowQuery struct {
	Path   string  `json:"path"`
	Ms     float64 `json:"ms"`
	Time   string  `json:"time"`
	Status int     `json:"status"`
}

type endpointStat struct {
	count   int64
	totalMs float64
	maxMs   float64
	ring    [perfRing]float64
	n       int
}

// perfStats accumulates request timings for /api/perf and /api/health.
type perfStats struct {
	now     func() time.Time
	mu      sync.Mutex
	since   time.Time
	total   int64
	totalMs float64
	byKey   map[string]*endpointStat
	slow    []SlowQuery
}

func newPerfStats(now func() time.Time) *perfStats {
	return &perfStats{now: now, since: now(), byKey: map[string]*endpointStat{}}
}

func (p *perfStats) record(key, path string, status int, d time.Duration) {
	ms := float64(d.Microseconds()) / 1000
	if status == 0 {
		status = http200
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	p.total++
	p.totalMs += ms
	e := p.byKey[key]
	if e == nil {
		e = &endpointStat{}
		p.byKey[key] = e
	}
	e.count++
	e.totalMs += ms
	e.maxMs = math.Max(e.maxMs, ms)
	e.ring[e.n%perfRing] = ms
	e.n++
	if d > slowThreshold {
		p.slow = append(p.slow, SlowQuery{Path: path, Ms: round1(ms), Time: p.now().UTC().Format(time.RFC3339), Status: status})
		if len(p.slow) > slowRing {
			p.slow = p.slow[len(p.slow)-slowRing:]
		}
	}
}

const http200 = 200

func (p *perfStats) reset() {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.since = p.now()
	p.total, p.totalMs = 0, 0
	p.byKey = map[string]*endpointStat{}
	p.slow = nil
}

// EndpointPerf is one /api/perf endpoints entry.
type EndpointPerf struct {
	Count int64   `json:"count"`
	AvgMs float64 `json:"avgMs"`
	P50Ms float64 `json:"p50Ms"`
	P95Ms float64 `json:"p95Ms"`
	MaxMs float64 `json:"maxMs"`
}

type perfSnapshot struct {
	uptime    int64
	total     int64
	avgMs     float64
	endpoints map[string]EndpointPerf
	slow      []SlowQuery
}

// snapshot copies the counters; lastSlow bounds the slow list.
func (p *perfStats) snapshot(lastSlow int) perfSnapshot {
	p.mu.Lock()
	defer p.mu.Unlock()
	s := perfSnapshot{uptime: int64(p.now().Sub(p.since).Seconds()), total: p.total, endpoints: map[string]EndpointPerf{}}
	if p.total > 0 {
		s.avgMs = round1(p.totalMs / float64(p.total))
	}
	for k, e := range p.byKey {
		d := append([]float64(nil), e.ring[:min(e.n, perfRing)]...)
		sort.Float64s(d)
		s.endpoints[k] = EndpointPerf{Count: e.count, AvgMs: round1(e.totalMs / float64(e.count)),
			P50Ms: round1(pct(d, 0.50)), P95Ms: round1(pct(d, 0.95)), MaxMs: round1(e.maxMs)}
	}
	s.slow = append([]SlowQuery{}, p.slow[max(0, len(p.slow)-lastSlow):]...)
	return s
}

func pct(sorted []float64, q float64) float64 {
	if len(sorted) == 0 {
		return 0
	}
	i := int(math.Ceil(q*float64(len(sorted)))) - 1
	return sorted[max(0, min(i, len(sorted)-1))]
}

func round1(f float64) float64 { return math.Round(f*10) / 10 }
func round2(f float64) float64 { return math.Round(f*100) / 100 }

// bytesMB converts bytes to MB with one decimal.
func bytesMB(b uint64) float64 { return round1(float64(b) / (1 << 20)) }
