package api

import (
	"encoding/json"
	"math"
	"net/http"
	"sort"
	"strings"
	"time"
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

// Beam-search parameters: beam width and the per-hop weights of edge affinity,
// geography, recency and prefix selectivity.
const (
	beamWidth   = 20
	wEdge       = 0.35
	wGeo        = 0.20
	wRecency    = 0.15
	wSelect     = 0.30
	speculative = 0.7
)

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
// search over the neighbour graph (api.md §3.8 #71).
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
	nodes, err := s.visibleNodes()
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	start := time.Now()
	observer := ""
	if req.Context != nil {
		observer = strings.ToLower(req.Context.ObserverID)
	}
	ctx := newHopContext(g, nodes, s.opts.Now())
	cands, expansions := ctx.beam(prefixes, observer, limit)
	writeJSON(w, http.StatusOK, map[string]any{"candidates": cands, "input": map[string]any{"prefixes": prefixes, "hops": len(prefixes)},
		"stats": map[string]any{"beamWidth": beamWidth, "expansionsRun": expansions, "elapsedMs": time.Since(start).Milliseconds()}})
}

// beamState is one partial path.
type beamState struct {
	keys    []string
	logSum  float64
	perHop  []float64
	weights []float64
}

// beam extends paths hop by hop, keeping the beamWidth best by mean log score.
func (c *hopContext) beam(prefixes []string, observer string, limit int) ([]map[string]any, int) {
	states := []beamState{{}}
	expansions := 0
	hopCands := make([][]*NodeRow, len(prefixes))
	for i, p := range prefixes {
		hopCands[i] = c.candidates(p)
	}
	for i := range prefixes {
		var next []beamState
		for _, st := range states {
			prev := ""
			if len(st.keys) > 0 {
				prev = st.keys[len(st.keys)-1]
			}
			for _, n := range hopCands[i] {
				k := strings.ToLower(n.PublicKey)
				if hasKey(st.keys, k) {
					continue
				}
				expansions++
				sc, edge := c.hopScore(prev, n, len(hopCands[i]))
				if i == len(prefixes)-1 && observer != "" {
					sc = (sc + c.edge(k, observer)) / 2
				}
				ns := beamState{keys: append(append([]string(nil), st.keys...), k), logSum: st.logSum + math.Log(max(sc, 1e-6)),
					perHop: append(append([]float64(nil), st.perHop...), sc), weights: append(append([]float64(nil), st.weights...), edge)}
				next = append(next, ns)
			}
		}
		sort.SliceStable(next, func(a, b int) bool { return next[a].logSum > next[b].logSum })
		if len(next) > beamWidth {
			next = next[:beamWidth]
		}
		states = next
		if len(states) == 0 {
			break
		}
	}
	out := []map[string]any{}
	for _, st := range states {
		if len(out) >= limit || len(st.keys) != len(prefixes) {
			break
		}
		score := math.Round(math.Exp(st.logSum/float64(len(st.keys)))*1000) / 1000
		names := make([]string, len(st.keys))
		per := make([]map[string]any, len(st.keys))
		for i, k := range st.keys {
			names[i] = deref(c.byKey[k].Name)
			per[i] = map[string]any{"prefix": prefixes[i], "candidatesConsidered": len(hopCands[i]), "chosen": k, "edgeWeight": round2(st.weights[i]),
				"alternatives": c.alternatives(hopCands[i], k, st.keys, i)}
		}
		out = append(out, map[string]any{"path": st.keys, "names": names, "score": score, "speculative": score < speculative,
			"evidence": map[string]any{"perHop": per}})
	}
	return out, expansions
}

// alternatives lists up to 5 other candidates for hop i with their hop score.
func (c *hopContext) alternatives(cands []*NodeRow, chosen string, keys []string, i int) []map[string]any {
	prev := ""
	if i > 0 {
		prev = keys[i-1]
	}
	out := []map[string]any{}
	for _, n := range cands {
		if k := strings.ToLower(n.PublicKey); k != chosen && len(out) < 5 {
			sc, _ := c.hopScore(prev, n, len(cands))
			out = append(out, map[string]any{"publicKey": k, "name": deref(n.Name), "score": math.Round(sc*1000) / 1000})
		}
	}
	return out
}

func hasKey(keys []string, k string) bool {
	for _, x := range keys {
		if x == k {
			return true
		}
	}
	return false
}
