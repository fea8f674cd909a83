package api

import (
	"net/http"
	"sort"
	"strings"
	"time"
)

// Bounds of /api/debug/affinity: edges listed, and prefixes resolved when none is named.
const (
	affinityDefaultLimit = 200
	affinityMaxLimit     = 2000
	affinityMaxPrefixes  = 200
)

type affinityEdgeJSON struct {
	NodeA     string   `json:"nodeA"`
	NodeAName string   `json:"nodeAName,omitempty"`
	NodeB     string   `json:"nodeB"`
	NodeBName string   `json:"nodeBName,omitempty"`
	Prefix    string   `json:"prefix,omitempty"`
	Weight    int      `json:"weight"`
	Score     float64  `json:"score"`
	AvgSNR    *float64 `json:"avgSnr,omitempty"`
	Observers []string `json:"observers"`
	Ambiguous bool     `json:"ambiguous"`
	FirstSeen string   `json:"firstSeen"`
	LastSeen  string   `json:"lastSeen"`
}

type affinityCandidateJSON struct {
	Pubkey   string  `json:"pubkey"`
	Name     string  `json:"name,omitempty"`
	Affinity float64 `json:"affinity"`
}

type affinityResolutionJSON struct {
	Prefix     string                  `json:"prefix"`
	Context    []string                `json:"context"`
	Chosen     string                  `json:"chosen,omitempty"`
	ChosenName string                  `json:"chosenName,omitempty"`
	Confidence string                  `json:"confidence"`
	Score      float64                 `json:"score"`
	Candidates []affinityCandidateJSON `json:"candidates"`
}

// getDebugAffinity shows the hop-disambiguation inputs and verdicts, for operators
// debugging a wrong hop name: the neighbour edges (filtered by ?prefix= — an end starting
// with it — and ?node= — an end equal to it) and, per unresolved hop prefix (or the one
// named), the candidates with their affinity and the rule that decided.
func (s *Server) getDebugAffinity(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	prefix := strings.ToLower(strings.TrimSpace(q.Get("prefix")))
	node := strings.ToLower(strings.TrimSpace(q.Get("node")))
	if prefix != "" && !isHex(prefix) {
		s.writeError(w, r, errorf(ErrBadRequest, "prefix must be hex"))
		return
	}
	limit := clampLimit(q.Get("limit"), affinityDefaultLimit, affinityMaxLimit)
	t, err := s.affinityTable(s.analyticsSource(r.Context()))
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	edges := []affinityEdgeJSON{}
	contexts := map[string][]string{} // unresolved prefix → the ends it was heard next to
	var total, ambiguous, unresolved int
	for _, e := range t.Edges() {
		a, b := strings.ToLower(e.A), strings.ToLower(e.B)
		pa, pb := strings.TrimPrefix(a, "prefix:"), strings.TrimPrefix(b, "prefix:")
		if prefix != "" && !strings.HasPrefix(pa, prefix) && !strings.HasPrefix(pb, prefix) {
			continue
		}
		if node != "" && a != node && b != node {
			continue
		}
		total++
		out := affinityEdgeJSON{NodeA: a, NodeB: b, Weight: e.Count, Score: round3(e.Score), AvgSNR: e.AvgSNR,
			Observers: e.Observers, Ambiguous: e.Ambiguous, FirstSeen: e.FirstSeen, LastSeen: e.LastSeen,
			NodeAName: t.NodeName(a), NodeBName: t.NodeName(b)}
		if out.Observers == nil {
			out.Observers = []string{}
		}
		for _, end := range [][2]string{{a, b}, {b, a}} {
			if p, ok := strings.CutPrefix(end[0], "prefix:"); ok {
				out.Prefix = p
				unresolved++
				if !strings.HasPrefix(end[1], "prefix:") && len(contexts[p]) < 8 {
					contexts[p] = append(contexts[p], end[1])
				} else if contexts[p] == nil {
					contexts[p] = []string{}
				}
			}
		}
		if e.Ambiguous {
			ambiguous++
		}
		if len(edges) < limit {
			edges = append(edges, out)
		}
	}
	if prefix != "" {
		if node != "" {
			contexts = map[string][]string{prefix: {node}}
		} else if _, ok := contexts[prefix]; !ok {
			contexts[prefix] = []string{}
		}
	}
	keys := make([]string, 0, len(contexts))
	for p := range contexts {
		keys = append(keys, p)
	}
	sort.Strings(keys)
	keys = keys[:min(len(keys), affinityMaxPrefixes)]
	resolutions := make([]affinityResolutionJSON, 0, len(keys))
	for _, p := range keys {
		if r.Context().Err() != nil { // each prefix walks every node; the client has gone
			return
		}
		res := t.Resolve(p, contexts[p])
		rj := affinityResolutionJSON{Prefix: p, Context: contexts[p], Chosen: res.Chosen, ChosenName: t.NodeName(res.Chosen),
			Confidence: res.Confidence, Score: res.Score, Candidates: []affinityCandidateJSON{}}
		for _, c := range res.Candidates {
			rj.Candidates = append(rj.Candidates, affinityCandidateJSON{Pubkey: c.Pubkey, Name: c.Name, Affinity: round3(c.Affinity)})
		}
		resolutions = append(resolutions, rj)
	}
	lastRebuild := ""
	if at := t.BuiltAt(); !at.IsZero() {
		lastRebuild = at.Format(time.RFC3339)
	}
	writeJSON(w, http.StatusOK, map[string]any{"edges": edges, "resolutions": resolutions,
		"stats": map[string]any{"totalEdges": total, "ambiguousCount": ambiguous, "unresolvedCount": unresolved,
			"prefixesResolved": len(resolutions), "lastRebuild": lastRebuild}})
}

func round3(v float64) float64 { return float64(int64(v*1000+0.5)) / 1000 }
