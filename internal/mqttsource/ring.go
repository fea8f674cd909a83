package mqttsource

import "sync"

// ring5m counts events per second over the last 300 seconds.
type ring5m struct {
	mu    sync.Mutex
	slots [300]int64
	secs  [300]int64
}

func (r *ring5m) add(unix int64) {
	r.mu.Lock()
	i := unix % 300
	if r.secs[i] != unix {
		r.secs[i], r.slots[i] = unix, 0
	}
	r.slots[i]++
	r.mu.Unlock()
}

func (r *ring5m) sum(now int64) int64 {
	r.mu.Lock()
	defer r.mu.Unlock()
	var n int64
	for i := range r.slots {
		if now-r.secs[i] < 300 {
			n += r.slots[i]
		}
	}
	return n
}
