package api

import (
	"context"
	"sync"
	"sync/atomic"
	"time"

	"github.com/corescope/corescope/internal/analytics"
)

// lazySnap holds one immutable value behind an atomic pointer. A stale value keeps
// being served while a single goroutine rebuilds it; only the very first get builds on
// the caller's path (once, for all concurrent callers).
type lazySnap[T any] struct {
	cur     atomic.Pointer[lazyEntry[T]]
	mu      sync.Mutex
	running atomic.Bool
}

type lazyEntry[T any] struct {
	v  T
	at time.Time
}

func (l *lazySnap[T]) get(now time.Time, ttl time.Duration, build func() (T, error)) (T, error) {
	if e := l.cur.Load(); e != nil {
		if now.Sub(e.at) >= ttl && l.running.CompareAndSwap(false, true) {
			go func() {
				defer l.running.Store(false)
				if v, err := build(); err == nil {
					l.cur.Store(&lazyEntry[T]{v: v, at: time.Now()})
				}
			}()
		}
		return e.v, nil
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	if e := l.cur.Load(); e != nil {
		return e.v, nil
	}
	v, err := build()
	if err != nil {
		return v, err
	}
	l.cur.Store(&lazyEntry[T]{v: v, at: now})
	return v, nil
}

// clockModel returns the cached clock-skew model (rebuilt in the background after 60 s).
func (s *Server) clockModel() (*analytics.ClockModel, error) {
	a := s.analytics()
	return a.clock.get(s.opts.Now(), a.ttl, s.buildClockModel)
}

// buildClockModel computes the model over the whole store. Its scan runs under no
// request's context: the model is shared, so a client hanging up must not cut it short.
func (s *Server) buildClockModel() (*analytics.ClockModel, error) {
	return analytics.BuildClockModel(s.analyticsSource(context.Background()))
}
