package api

import (
	"net/http"
	"sort"
	"strings"
)

// PathHop is one hop of a relay path.
type PathHop struct {
	Prefix string   `json:"prefix"`
	Name   string   `json:"name"`
	Pubkey *string  `json:"pubkey"`
	Lat    *float64 `json:"lat"`
	Lon    *float64 `json:"lon"`
}

// NodePath is one distinct relay path through a node.
type NodePath struct {
	Hops       []PathHop `json:"hops"`
	Count      int       `json:"count"`
	LastSeen   *string   `json:"lastSeen"`
	SampleHash string    `json:"sampleHash"`
}

// getNodePaths groups observations whose persisted resolved_path includes the node by
// their resolved-hop signature (api.md §3.4 #35).
func (s *Server) getNodePaths(w http.ResponseWriter, r *http.Request) {
	n, err := s.findNode(r.PathValue("pubkey"))
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	pk := strings.ToLower(n.PublicKey)
	nodes, err := s.store.Nodes()
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	byKey := map[string]*NodeRow{}
	for i := range nodes {
		byKey[strings.ToLower(nodes[i].PublicKey)] = &nodes[i]
	}
	groups := map[string]*NodePath{}
	txs := 0
	// Scanned in batches: a busy repeater is in a large share of all transmissions.
	err = s.store.ScanTransmissions(TxFilter{Nodes: []string{pk}}, untilDone(r.Context(), func(t *TxRow) bool {
		counted := false
		for j := range t.Observations {
			o := &t.Observations[j]
			prefixes := parsePath(o.PathJSON)
			if !containsKey(o.ResolvedPath, pk) || len(prefixes) == 0 {
				continue
			}
			hops := make([]PathHop, len(prefixes))
			sig := make([]string, len(prefixes))
			for k, p := range prefixes {
				hops[k] = PathHop{Prefix: p, Name: p}
				sig[k] = p
				if k < len(o.ResolvedPath) && o.ResolvedPath[k] != nil {
					key := strings.ToLower(*o.ResolvedPath[k])
					sig[k] = key
					hops[k].Pubkey = o.ResolvedPath[k]
					if nd := byKey[key]; nd != nil {
						hops[k].Name, hops[k].Lat, hops[k].Lon = deref(nd.Name), nd.Lat, nd.Lon
					}
				}
			}
			key := strings.Join(sig, ">")
			g := groups[key]
			if g == nil {
				g = &NodePath{Hops: hops, SampleHash: t.Hash}
				groups[key] = g
			}
			g.Count++
			if g.LastSeen == nil || o.Timestamp > *g.LastSeen {
				ts := o.Timestamp
				g.LastSeen = &ts
			}
			counted = true
		}
		if counted {
			txs++
		}
		return true
	}))
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	paths := make([]NodePath, 0, len(groups))
	for _, g := range groups {
		paths = append(paths, *g)
	}
	sort.Slice(paths, func(i, j int) bool {
		if a, b := deref(paths[i].LastSeen), deref(paths[j].LastSeen); a != b {
			return a > b
		}
		if paths[i].Count != paths[j].Count {
			return paths[i].Count > paths[j].Count
		}
		return paths[i].SampleHash < paths[j].SampleHash
	})
	total := len(paths)
	if len(paths) > 50 {
		paths = paths[:50]
	}
	writeJSON(w, http.StatusOK, map[string]any{
		"node":  map[string]any{"public_key": n.PublicKey, "name": n.Name, "lat": n.Lat, "lon": n.Lon},
		"paths": paths, "totalPaths": total, "totalTransmissions": txs,
	})
}

func containsKey(list []*string, pk string) bool {
	for _, p := range list {
		if p != nil && strings.EqualFold(*p, pk) {
			return true
		}
	}
	return false
}
