package ingest

import (
	"sync"

	"github.com/corescope/corescope/internal/meshcore"
)

// sigCacheMax bounds the advert signature verdict cache; it is cleared when full.
const sigCacheMax = 32_768

// sigCache remembers Ed25519 verdicts by advert payload. One advert is typically heard by
// many observers (and re-flooded), and each copy carries the same payload bytes, so only
// the first copy pays for the verification. The verdict is a pure function of the payload,
// so the cache never needs invalidating. Submit may run on several goroutines (one per
// MQTT source), hence the mutex.
type sigCache struct {
	mu sync.Mutex
	m  map[string]bool
}

func newSigCache() *sigCache { return &sigCache{m: map[string]bool{}} }

// verify is a meshcore.DecodeOptions.AdvertVerifier.
func (c *sigCache) verify(payload []byte) bool {
	c.mu.Lock()
	ok, hit := c.m[string(payload)]
	c.mu.Unlock()
	if hit {
		return ok
	}
	ok = meshcore.VerifyAdvert(payload)
	c.mu.Lock()
	if len(c.m) >= sigCacheMax {
		clear(c.m)
	}
	c.m[string(payload)] = ok
	c.mu.Unlock()
	return ok
}
