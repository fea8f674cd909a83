package api

import (
	"net/http"
	"sort"
	"strconv"
	"strings"
)

// Neighbor is one first-hop neighbour of a node.
type Neighbor struct {
	Pubkey     *string  `json:"pubkey"`
	Prefix     string   `json:"prefix"`
	Name       *string  `json:"name"`
	Role       *string  `json:"role"`
	Count      int      `json:"count"`
	Score      float64  `json:"score"`
	FirstSeen  *string  `json:"first_seen"`
	LastSeen   *string  `json:"last_seen"`
	AvgSNR     *float64 `json:"avg_snr"`
	Observers  []string `json:"observers"`
	Ambiguous  bool     `json:"ambiguous"`
	Unresolved bool     `json:"unresolved,omitempty"`
}

func (s *Server) getNodeNeighbors(w http.ResponseWriter, r *http.Request) {
	pk := strings.ToLower(r.PathValue("pubkey"))
	if s.hide.pubkey(pk) {
		s.writeError(w, r, errorf(ErrNotFound, "Not found"))
		return
	}
	q := r.URL.Query()
	minCount, _ := strconv.Atoi(q.Get("min_count"))
	minScore, _ := strconv.ParseFloat(q.Get("min_score"), 64)
	dropAmbiguous := q.Get("include_ambiguous") == "false"
	g, err := s.store.NeighborGraph()
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	nodes, err := s.store.Nodes()
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	byKey := map[string]*NodeRow{}
	for i := range nodes {
		if strings.ToLower(nodes[i].PublicKey) == pk && s.hide.node(&nodes[i]) {
			s.writeError(w, r, errorf(ErrNotFound, "Not found"))
			return
		}
		byKey[strings.ToLower(nodes[i].PublicKey)] = &nodes[i]
	}
	out := []Neighbor{}
	total := 0
	if g != nil {
		for _, e := range g.Edges {
			var other string
			switch {
			case strings.EqualFold(e.A, pk):
				other = e.B
			case strings.EqualFold(e.B, pk):
				other = e.A
			default:
				continue
			}
			total += e.Count
			if minCount > 0 && e.Count < minCount || e.Score < minScore || dropAmbiguous && e.Ambiguous {
				continue
			}
			nb := Neighbor{Count: e.Count, Score: round2(e.Score), AvgSNR: e.AvgSNR, Observers: e.Observers, Ambiguous: e.Ambiguous,
				FirstSeen: strp(e.FirstSeen), LastSeen: strp(e.LastSeen)}
			if nb.Observers == nil {
				nb.Observers = []string{}
			}
			if p, ok := strings.CutPrefix(other, "prefix:"); ok {
				nb.Prefix, nb.Unresolved = p, true
			} else {
				o := strings.ToLower(other)
				if s.hide.pubkey(o) || byKey[o] != nil && s.hide.node(byKey[o]) {
					continue
				}
				nb.Pubkey = &o
				nb.Prefix = o[:min(2, len(o))]
				if n := byKey[o]; n != nil {
					nb.Name, nb.Role = n.Name, n.Role
				}
			}
			out = append(out, nb)
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].Score > out[j].Score })
	writeJSON(w, http.StatusOK, map[string]any{"node": pk, "total_observations": total, "neighbors": out})
}
