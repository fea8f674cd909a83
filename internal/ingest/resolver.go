package ingest

import (
	"context"
	"database/sql"
	"encoding/json"
	"strings"
	"sync"

	"github.com/corescope/corescope/internal/hops"
)

// resolver is the ingestor's view for hop resolution (storage spec §2.4): the
// hops.Index of node keys and the persisted neighbour graph as adjacency. The
// resolution itself is hops.Index.Resolve, the same rule the read side uses.
type resolver struct {
	mu  sync.RWMutex
	idx *hops.Index
	adj map[string]map[string]bool
}

func newResolver() *resolver {
	return &resolver{idx: hops.NewIndex(nil), adj: map[string]map[string]bool{}}
}

// load replaces the index with nodes and neighbor_edges from the database.
func (r *resolver) load(ctx context.Context, db *sql.DB) error {
	keys, err := queryStrings(ctx, db, `SELECT lower(public_key) FROM nodes WHERE public_key <> ''`)
	if err != nil {
		return err
	}
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
	idx := hops.NewIndex(keys)
	r.mu.Lock()
	r.idx, r.adj = idx, adj
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

// addMany adds new node keys.
func (r *resolver) addMany(keys []string) {
	if len(keys) == 0 {
		return
	}
	r.mu.Lock()
	r.idx = r.idx.With(keys)
	r.mu.Unlock()
}

func (r *resolver) addEdges(es []edge) {
	r.mu.Lock()
	for _, e := range es {
		link(r.adj, e.a, e.b)
	}
	r.mu.Unlock()
}

// unique returns the only node matching hop, or "".
func (r *resolver) unique(hop string) string {
	r.mu.RLock()
	defer r.mu.RUnlock()
	k, _ := r.idx.Unique(hop)
	return k
}

// resolvePath resolves hops with hops.Index.Resolve and returns the JSON array (null
// for an unresolved hop), or "" when no hop resolved.
func (r *resolver) resolvePath(path []string, anchor string) string {
	if len(path) == 0 {
		return ""
	}
	r.mu.RLock()
	keys := r.idx.Resolve(path, anchor, func(a, b string) bool { return r.adj[a][b] })
	r.mu.RUnlock()
	out := make([]*string, len(keys))
	found := false
	for i := range keys {
		if keys[i] != "" {
			out[i], found = &keys[i], true
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
