package api

import (
	"crypto/subtle"
	"net/http"
	"strings"
)

var weakKeys = map[string]bool{
	"your-secret-api-key-here": true, "change-me": true, "example": true, "test": true, "password": true,
	"admin": true, "apikey": true, "api-key": true, "secret": true, "default": true,
}

// WeakKey reports whether key is too short or a well-known placeholder (api.md §1.4).
func WeakKey(key string) bool {
	return len(key) < 16 || weakKeys[strings.ToLower(key)]
}

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
		if WeakKey(key) {
			s.writeError(w, r, errorf(ErrForbidden, "forbidden"))
			return
		}
		next.ServeHTTP(w, r)
	})
}
