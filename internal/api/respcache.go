package api

import (
	"context"
	"encoding/json"
	"net/http"
)

// cachedJSON writes r's answer from the response cache (caches.go), keyed by the path
// and the route's documented query parameters (cacheKey). A key never built is built
// on this request (once for all concurrent requests); after that, requests get the held
// answer while one background build replaces an out-of-date one. build receives r with
// the context the build runs under (a background build's is never cancelled), and must
// read the request only through it.
func (s *Server) cachedJSON(w http.ResponseWriter, r *http.Request, build func(r *http.Request) (any, error)) {
	res, err := s.caches.resp.Get(r.Context(), s.cacheKey(r), func(ctx context.Context) ([]byte, error) {
		v, err := build(r.WithContext(ctx))
		if err != nil {
			return nil, err
		}
		b, err := json.Marshal(v)
		return append(b, '\n'), err
	})
	if err != nil {
		if r.Context().Err() != nil {
			return // the client hung up
		}
		s.writeError(w, r, err)
		return
	}
	writeRaw(w, http.StatusOK, res.Value)
}
