package api

import (
	"encoding/json"
	"fmt"
	"net/http"
	"time"
)

// Response caches for read endpoints that are costly to build and polled by every
// open page: concurrent identical requests share one build (singleflight), and an
// answer is reused while the store is unchanged (the key carries its version) or
// for a short TTL.
const (
	// respCacheTTL bounds how long a keyed answer is reused.
	respCacheTTL = 2 * time.Second
	// respCacheEntries bounds the number of distinct answers kept.
	respCacheEntries = 256
)

func newRespCache() *ttlCache[[]byte] { return newTTLCache[[]byte](respCacheTTL, respCacheEntries) }

// storeVersion changes whenever the store gains or loses rows.
func (s *Server) storeVersion() string {
	c := s.store.Counts()
	return fmt.Sprintf("%d/%d/%d/%d", c.Transmissions, c.Observations, c.Inserts, c.Evicted)
}

// cachedJSON writes the answer cached under key, building and encoding it with build
// on a miss (encoded like writeJSON). With stale, an expired answer is served while
// one background build replaces it.
func (s *Server) cachedJSON(w http.ResponseWriter, r *http.Request, key string, stale bool, build func() (any, error)) {
	fill := func() ([]byte, error) {
		v, err := build()
		if err != nil {
			return nil, err
		}
		b, err := json.Marshal(v)
		return append(b, '\n'), err
	}
	get := s.respC.getOrFill
	if stale {
		get = s.respC.getOrFillStale
	}
	b, hit, err := get(key, s.opts.Now(), fill)
	if hit {
		s.cacheHits.Add(1)
	} else {
		s.cacheMisses.Add(1)
	}
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	writeRaw(w, http.StatusOK, b)
}
