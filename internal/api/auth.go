package api

import (
	"crypto/subtle"
	"net/http"

	"github.com/corescope/corescope/internal/apikey"
)

// requireKey guards write/admin routes with X-API-Key compared in constant time.
func (s *Server) requireKey(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		key := s.opts.APIKey
		if key == "" {
			s.writeError(w, r, errorf(ErrForbidden, "write endpoints disabled — set apiKey in config.json"))
			return
		}
		got := r.Header.Get("X-API-Key")
		if subtle.ConstantTimeCompare([]byte(got), []byte(key)) != 1 {
			s.writeError(w, r, errorf(ErrUnauthorized, "unauthorized"))
			return
		}
		if apikey.Weak(key) {
			s.writeError(w, r, errorf(ErrForbidden, "forbidden"))
			return
		}
		next.ServeHTTP(w, r)
	})
}
