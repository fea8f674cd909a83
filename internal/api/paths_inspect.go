package api

import (
	"encoding/json"
	"net/http"
	"strings"
	"time"

	"github.com/corescope/corescope/internal/analytics"
)

// inspectRequest is the POST /api/paths/inspect body (api.md §3.8 #71).
type inspectRequest struct {
	Prefixes []string `json:"prefixes"`
	Context  *struct {
		ObserverID string `json:"observerId"`
		Since      string `json:"since"`
		Until      string `json:"until"`
	} `json:"context"`
	Limit int `json:"limit"`
}

// inspectError writes a 400 {error}. The reference sends this JSON as text/plain
// (api.md §12 #7); we send application/json like every other endpoint.
func inspectError(w http.ResponseWriter, msg string) {
	writeJSON(w, http.StatusBadRequest, map[string]string{"error": msg})
}

// validPrefixes checks the prefix list and returns it lower-cased, or an error text.
func validPrefixes(in []string) ([]string, string) {
	if len(in) == 0 {
		return nil, "prefixes required"
	}
	if err := checkListLen("prefixes", len(in), maxHops); err != nil {
		return nil, err.Error()
	}
	out := make([]string, len(in))
	for i, p := range in {
		p = strings.ToLower(strings.TrimSpace(p))
		switch {
		case len(p) == 0 || len(p)%2 != 0:
			return nil, "prefixes must be even-length hex"
		case !isHex(p):
			return nil, "prefixes must be valid hex"
		case len(p) > 6:
			return nil, "prefix exceeds 3 bytes"
		case len(p) != len(out[0]) && i > 0:
			return nil, "mixed prefix lengths not allowed"
		}
		out[i] = p
	}
	return out, ""
}

// inspectPaths scores the most plausible node sequences for a prefix path with a beam
// search over the neighbour graph (api.md §3.8 #71; internal/analytics).
func (s *Server) inspectPaths(w http.ResponseWriter, r *http.Request) {
	var req inspectRequest
	r.Body = http.MaxBytesReader(w, r.Body, 4096)
	if err := json.NewDecoder(r.Body).Decode(&req); err != nil {
		inspectError(w, "invalid JSON")
		return
	}
	prefixes, msg := validPrefixes(req.Prefixes)
	if msg != "" {
		inspectError(w, msg)
		return
	}
	limit := req.Limit
	if limit <= 0 {
		limit = 10
	}
	limit = min(limit, 50)
	g, err := s.store.NeighborGraph()
	if err != nil || g == nil {
		writeJSON(w, http.StatusServiceUnavailable, map[string]bool{"retry": true})
		return
	}
	nodes, err := s.analyticsSource(r.Context()).Nodes()
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	start := time.Now()
	observer := ""
	if req.Context != nil {
		observer = strings.ToLower(req.Context.ObserverID)
	}
	out := analytics.NewHopContext(g.Edges, nodes, s.opts.Now()).InspectPaths(prefixes, observer, limit)
	out.Stats.ElapsedMs = time.Since(start).Milliseconds()
	writeJSON(w, http.StatusOK, out)
}
