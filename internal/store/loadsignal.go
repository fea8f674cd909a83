package store

import (
	"errors"
	"sync"
)

// ErrLoadStopped is LoadErr's answer when Close stopped the load before it finished.
var ErrLoadStopped = errors.New("load packet store: stopped by Close before it finished")

// loadSignal is the end of the startup load as an event: a channel closed once, and
// the outcome readable after it. Callers select on it instead of polling a state string.
type loadSignal struct {
	once sync.Once
	ch   chan struct{}
	err  error // written before ch is closed, read only after
}

func (l *loadSignal) finish(err error) {
	l.once.Do(func() {
		l.err = err
		close(l.ch)
	})
}

// Loaded is closed when the startup load has ended: complete, failed, or stopped by
// Close. LoadErr then tells which.
func (s *Store) Loaded() <-chan struct{} { return s.loadEnd.ch }

// LoadErr is nil while the load runs and after it completed; after Loaded is closed it
// is the load's error, or an error saying Close stopped it first.
func (s *Store) LoadErr() error {
	select {
	case <-s.loadEnd.ch:
		return s.loadEnd.err
	default:
		return nil
	}
}
