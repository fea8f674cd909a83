package api

import (
	"net/http"
	"strconv"
	"strings"
)

// loadPercenter is implemented by stores that know their load progress as a percentage.
type loadPercenter interface{ LoadPercent() int }

// loadStatus sets X-CoreScope-Load-Status on every response (api.md §1.3):
// "ready; progress=100" once loaded, else "loading; progress=N" with N the load percentage
// when the store reports one, otherwise the rows loaded so far.
func (s *Server) loadStatus(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		_, done, rows := s.loadState()
		switch lp, ok := s.opts.Ready.(loadPercenter); {
		case done:
			w.Header().Set("X-CoreScope-Load-Status", "ready; progress=100")
		case ok:
			w.Header().Set("X-CoreScope-Load-Status", "loading; progress="+strconv.Itoa(lp.LoadPercent()))
		default:
			w.Header().Set("X-CoreScope-Load-Status", "loading; progress="+strconv.FormatInt(rows, 10))
		}
		next.ServeHTTP(w, r)
	})
}

func (s *Server) loadState() (first, done bool, rows int64) {
	if s.opts.Ready == nil {
		return true, true, 0
	}
	rows, first, done = s.opts.Ready.LoadProgress()
	return first, done, rows
}

// gate answers 503 {"ready":false} until the store has its first chunk (architecture §2.10).
func (s *Server) gate(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		first, _, rows := s.loadState()
		if !first || s.store == nil {
			w.Header().Set("Retry-After", "5")
			writeJSON(w, http.StatusServiceUnavailable, s.notReadyBody(map[string]any{"ready": false, "reason": "loading", "progress": rows}))
			return
		}
		next.ServeHTTP(w, r)
	})
}

// cors implements api.md §7.3: a read-only cross-origin surface for allow-listed origins.
func (s *Server) cors(next http.Handler) http.Handler {
	allowed := map[string]bool{}
	wildcard := false
	for _, o := range s.opts.CORSOrigins {
		o = strings.TrimSpace(o)
		if o == "*" {
			wildcard = true
		} else if o != "" {
			allowed[o] = true
		}
	}
	enabled := wildcard || len(allowed) > 0
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		origin := r.Header.Get("Origin")
		if !enabled || origin == "" {
			next.ServeHTTP(w, r)
			return
		}
		if !wildcard && !allowed[origin] {
			if r.Method == http.MethodOptions {
				w.WriteHeader(http.StatusForbidden)
				return
			}
			next.ServeHTTP(w, r)
			return
		}
		h := w.Header()
		if wildcard {
			h.Set("Access-Control-Allow-Origin", "*")
		} else {
			h.Set("Access-Control-Allow-Origin", origin)
			h.Add("Vary", "Origin")
		}
		h.Set("Access-Control-Allow-Methods", "GET, HEAD, OPTIONS")
		h.Set("Access-Control-Allow-Headers", "Content-Type, X-API-Key")
		if r.Method == http.MethodOptions {
			w.WriteHeader(http.StatusNoContent)
			return
		}
		next.ServeHTTP(w, r)
	})
}

// statusWriter records the status code for instrumentation.
type statusWriter struct {
	http.ResponseWriter
	code int
}

func (w *statusWriter) WriteHeader(code int) {
	if w.code == 0 {
		w.code = code
	}
	w.ResponseWriter.WriteHeader(code)
}

func (w *statusWriter) Write(b []byte) (int, error) {
	if w.code == 0 {
		w.code = http.StatusOK
	}
	return w.ResponseWriter.Write(b)
}

func (w *statusWriter) Unwrap() http.ResponseWriter { return w.ResponseWriter }

func (w *statusWriter) Flush() {
	if f, ok := w.ResponseWriter.(http.Flusher); ok {
		f.Flush()
	}
}

// instrument times /api/* requests for /api/perf and sets Cache-Control: no-store.
func (s *Server) instrument(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if !strings.HasPrefix(r.URL.Path, "/api/") {
			next.ServeHTTP(w, r)
			return
		}
		w.Header().Set("Cache-Control", "no-store")
		sw := &statusWriter{ResponseWriter: w}
		start := s.opts.Now()
		next.ServeHTTP(sw, r)
		d := s.opts.Now().Sub(start)
		s.perf.record(perfKey(r), r.URL.Path, sw.code, d)
		s.observeRequest(r, sw.code, d.Seconds())
	})
}

// perfKey is the route template with {x} rewritten to :x; unmatched paths keep the raw
// path with long hex runs replaced by :id (api.md §8.1).
func perfKey(r *http.Request) string {
	p := r.Pattern
	if _, rest, ok := strings.Cut(p, " "); ok {
		p = rest
	}
	if p == "" || p == "/api/" || !strings.HasPrefix(p, "/api") {
		return hexRuns(r.URL.Path)
	}
	return strings.NewReplacer("{", ":", "}", "").Replace(p)
}

func hexRuns(p string) string {
	segs := strings.Split(p, "/")
	for i, seg := range segs {
		if len(seg) >= 8 && isHex(seg) {
			segs[i] = ":id"
		}
	}
	return strings.Join(segs, "/")
}

func isHex(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !(c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F') {
			return false
		}
	}
	return s != ""
}
