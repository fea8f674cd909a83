package ingest

import (
	"context"
	"database/sql"
	"encoding/json"
	"sort"
	"strings"
	"sync"
)

// resolver maps hop prefixes to node public keys (storage spec §2.4). It is the
// ingest-side minimum: a sorted key list searched by prefix, plus the persisted
// neighbour graph to break ties next to an anchor.
type resolver struct {
	mu   sync.RWMutex
	keys []string // sorted, lower-case hex
	adj  map[string]map[string]bool
}

func newResolver() *resolver { return &resolver{adj: map[string]map[string]bool{}} }

// load replaces the index with nodes and neighbor_edges from the database.
func (r *resolver) load(ctx context.Context, db *sql.DB) error {
	keys, err := queryStrings(ctx, db, `SELECT lower(public_key) FROM nodes WHERE public_key <> ''`)
	if err != nil {
		return err
	}
	sort.Strings(keys)
	adj := map[string]map[string]bool{}
	rows, err := db.QueryContext(ctx, `SELECT node_a, node_b FROM neighbor_edges WHERE node_a <> '' AND node_b <> ''`)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var a, b string
		if err := rows.Scan(&a, &b); err != nil {
			return err
		}
		link(adj, strings.ToLower(a), strings.ToLower(b))
	}
	if err := rows.Err(); err != nil {
		return err
	}
	r.mu.Lock()
	r.keys, r.adj = keys, adj
	r.mu.Unlock()
	return nil
}

func link(adj map[string]map[string]bool, a, b string) {
	if adj[a] == nil {
		adj[a] = map[string]bool{}
	}
	if adj[b] == nil {
		adj[b] = map[string]bool{}
	}
	adj[a][b], adj[b][a] = true, true
}

// addMany inserts new node keys keeping the list sorted.
func (r *resolver) addMany(keys []string) {
	if len(keys) == 0 {
		return
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	for _, k := range keys {
		i := sort.SearchStrings(r.keys, k)
		if i < len(r.keys) && r.keys[i] == k {
			continue
		}
		r.keys = append(r.keys, "")
		copy(r.keys[i+1:], r.keys[i:])
		r.keys[i] = k
	}
}

func (r *resolver) addEdges(es []edge) {
	r.mu.Lock()
	for _, e := range es {
		link(r.adj, e.a, e.b)
	}
	r.mu.Unlock()
}

// candidates returns every key starting with prefix (lower-case hex), at most limit.
func (r *resolver) candidates(prefix string, limit int) []string {
	i := sort.SearchStrings(r.keys, prefix)
	var out []string
	for ; i < len(r.keys) && strings.HasPrefix(r.keys[i], prefix) && len(out) < limit; i++ {
		out = append(out, r.keys[i])
	}
	return out
}

// unique returns the only node matching hop, or "".
func (r *resolver) unique(hop string) string {
	if hop == "" {
		return ""
	}
	r.mu.RLock()
	defer r.mu.RUnlock()
	c := r.candidates(strings.ToLower(hop), 2)
	if len(c) == 1 {
		return c[0]
	}
	return ""
}

// resolvePath walks hops left to right (§2.4): a unique unused candidate is taken;
// among several, the single one adjacent to the anchor wins; otherwise null. A resolved
// hop becomes the next anchor, an unresolved one clears it. It returns the JSON array,
// or "" when no hop resolved.
func (r *resolver) resolvePath(hops []string, anchor string) string {
	if len(hops) == 0 {
		return ""
	}
	r.mu.RLock()
	defer r.mu.RUnlock()
	out := make([]*string, len(hops))
	used := map[string]bool{}
	found := false
	for i, h := range hops {
		c := r.candidates(strings.ToLower(h), 16)
		pick := ""
		switch {
		case len(c) == 1 && !used[c[0]]:
			pick = c[0]
		case len(c) > 1 && anchor != "":
			for _, k := range c {
				if r.adj[anchor][k] && !used[k] {
					if pick != "" {
						pick = ""
						break
					}
					pick = k
				}
			}
		}
		anchor = pick
		if pick != "" {
			used[pick] = true
			p := pick
			out[i] = &p
			found = true
		}
	}
	if !found {
		return ""
	}
	b, _ := json.Marshal(out)
	return string(b)
}

func queryStrings(ctx context.Context, db *sql.DB, q string) ([]string, error) {
	rows, err := db.QueryContext(ctx, q)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var s string
		if err := rows.Scan(&s); err != nil {
			return nil, err
		}
		out = append(out, s)
	}
	return out, rows.Err()
}
