package store

import (
	"slices"
	"time"
)

// ReplayBound limits one EventsAfter call: at most MaxEvents kept events, none whose
// observation is older than Since (zero: no age limit).
type ReplayBound struct {
	MaxEvents int
	Since     time.Time
}

// EventsAfter returns the Events of the in-memory observations with id > afterID that
// keep accepts, in ascending observation id (the order the follower publishes them),
// for a WebSocket client resuming after afterID. The walk goes from the newest id down,
// so when the bound cuts the backlog the newest events are the ones kept; complete is
// false then (some matching observation newer than afterID was not returned). keep runs
// under the store's read lock and must be cheap.
func (s *Store) EventsAfter(afterID int64, b ReplayBound, keep func(*Event) bool) (evs []Event, complete bool) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	since := int64(0)
	if !b.Since.IsZero() {
		since = b.Since.Unix()
	}
	copies := map[int]Transmission{}
	complete = true
	for i := len(s.obsByID) - 1; i >= 0 && s.obsByID[i].id > afterID; i-- {
		k := s.obsByID[i]
		if k.seq < s.obsBase {
			continue // evicted
		}
		o := &s.obs[k.seq-s.obsBase]
		if o.flags&obsDead != 0 {
			continue
		}
		if since != 0 && o.ts < since {
			complete = false
			break
		}
		pos, ok := s.txPos(o.txID)
		if !ok {
			continue
		}
		t, ok := copies[pos]
		if !ok {
			t = s.txOutLocked(pos)
			copies[pos] = t
		}
		e := Event{Tx: t, Obs: s.obsOutLocked(k.seq)}
		if keep != nil && !keep(&e) {
			continue
		}
		if b.MaxEvents > 0 && len(evs) == b.MaxEvents {
			complete = false
			break
		}
		evs = append(evs, e)
	}
	slices.Reverse(evs)
	return evs, complete
}
