package api

import (
	"crypto/subtle"
	"net/http"
	"strings"

	"github.com/corescope/corescope/internal/apikey"
)

// operatorGate guards the operator-only surfaces (the GET /api/perf family, /api/mqtt/status and
// /metrics): they reveal internals (timings, broker addresses, process figures) that the public
// needs no access to. A request passes when public is set (operator.publicPerf or
// operator.publicMetrics), or when it carries the server's apiKey as X-API-Key or
// "Authorization: Bearer <apiKey>", or one of the extra bearer tokens (prometheus.token).
type operatorGate struct {
	public  bool
	flag    string   // the config key that opens the surface, named in refusals
	secrets []string // accepted secrets; empty means nothing can pass
}

// newOperatorGate builds a gate accepting the API key (unless weak) and the extra bearer tokens.
func (s *Server) newOperatorGate(public bool, flag string, extra ...string) operatorGate {
	g := operatorGate{public: public, flag: flag}
	if k := s.opts.APIKey; k != "" && !apikey.Weak(k) {
		g.secrets = append(g.secrets, k)
	}
	for _, e := range extra {
		if e != "" {
			g.secrets = append(g.secrets, e)
		}
	}
	return g
}

// operatorOnly returns next behind the gate: 403 with a JSON reason when no secret is configured, 401 with
// a JSON reason when the request does not carry one.
func (s *Server) operatorOnly(g operatorGate, next http.Handler) http.Handler {
	if g.public {
		return next
	}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if len(g.secrets) == 0 {
			s.writeError(w, r, errorf(ErrForbidden, "operator-only endpoint: set a strong apiKey in config.json and send it as X-API-Key, or set "+g.flag+" to make it public"))
			return
		}
		if !carriesSecret(r, g.secrets) {
			w.Header().Set("WWW-Authenticate", `Bearer realm="corescope-operator"`)
			s.writeError(w, r, errorf(ErrUnauthorized, "operator-only endpoint: send the API key as X-API-Key or Authorization: Bearer <key>"))
			return
		}
		next.ServeHTTP(w, r)
	})
}

// carriesSecret reports whether X-API-Key or the Bearer token equals one of secrets (constant time).
func carriesSecret(r *http.Request, secrets []string) bool {
	var got []string
	if k := r.Header.Get("X-API-Key"); k != "" {
		got = append(got, k)
	}
	if b, ok := strings.CutPrefix(r.Header.Get("Authorization"), "Bearer "); ok && b != "" {
		got = append(got, strings.TrimSpace(b))
	}
	match := false
	for _, g := range got {
		for _, s := range secrets {
			if subtle.ConstantTimeCompare([]byte(g), []byte(s)) == 1 {
				match = true
			}
		}
	}
	return match
}
