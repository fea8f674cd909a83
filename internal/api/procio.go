package api

import (
	"sync"
	"time"

	"github.com/corescope/corescope/internal/statsfile"
)

// procIOSampler turns successive /proc/self/io readings into per-second rates; the
// baseline is the previous call's reading (api.md §8.3).
type procIOSampler struct {
	now  func() time.Time
	read func(time.Time) (statsfile.ProcIO, error)
	mu   sync.Mutex
	prev *statsfile.ProcIO
}

func newProcIOSampler(now func() time.Time) *procIOSampler {
	return &procIOSampler{now: now, read: statsfile.ReadProcIO}
}

// sample returns the rate since the previous call (zeros on the first call or when
// /proc/self/io is unavailable, without poisoning the baseline).
func (p *procIOSampler) sample() statsfile.PerfIOSample {
	cur, err := p.read(p.now())
	if err != nil {
		return statsfile.PerfIOSample{}
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	prev := p.prev
	p.prev = &cur
	if prev == nil {
		return statsfile.PerfIOSample{}
	}
	r := statsfile.Rate(*prev, cur)
	r.SampledAt = ""
	return r
}
