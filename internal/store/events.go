package store

import (
	"sync"
	"sync/atomic"
)

// subscribers fans Events out to bounded channels; a full channel drops the event for
// that subscriber (counted) rather than stalling the follower.
type subscribers struct {
	mu      sync.Mutex
	next    int
	chans   map[int]chan Event
	closed  bool
	dropped atomic.Int64
}

// Subscribe returns a channel receiving an Event per followed observation, buffered to
// buf (minimum 1), and a cancel function that unsubscribes and closes the channel.
// Events that do not fit the buffer are dropped for this subscriber. After Close the
// channel is closed.
func (s *Store) Subscribe(buf int) (<-chan Event, func()) {
	return s.subs.add(max(1, buf))
}

// DroppedEvents counts events dropped because a subscriber's buffer was full.
func (s *Store) DroppedEvents() int64 { return s.subs.dropped.Load() }

func (b *subscribers) add(buf int) (<-chan Event, func()) {
	ch := make(chan Event, buf)
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.closed {
		close(ch)
		return ch, func() {}
	}
	if b.chans == nil {
		b.chans = map[int]chan Event{}
	}
	id := b.next
	b.next++
	b.chans[id] = ch
	var once sync.Once
	return ch, func() {
		once.Do(func() {
			b.mu.Lock()
			defer b.mu.Unlock()
			if c, ok := b.chans[id]; ok {
				delete(b.chans, id)
				close(c)
			}
		})
	}
}

// active reports whether anyone listens (so the follower can skip building events).
func (b *subscribers) active() bool {
	b.mu.Lock()
	defer b.mu.Unlock()
	return len(b.chans) > 0
}

func (b *subscribers) publish(evs []Event) {
	if len(evs) == 0 {
		return
	}
	b.mu.Lock()
	defer b.mu.Unlock()
	for _, ch := range b.chans {
		for _, e := range evs {
			select {
			case ch <- e:
			default:
				b.dropped.Add(1)
			}
		}
	}
}

func (b *subscribers) closeAll() {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.closed = true
	for id, ch := range b.chans {
		close(ch)
		delete(b.chans, id)
	}
}
