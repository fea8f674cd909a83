package api

import (
	"net/http"
	"net/url"
	"slices"
	"sort"
	"strings"
	"time"
)

// NodeJSON is NodeBase (api.md §4.4).
type NodeJSON struct {
	NodeRow
	LastHeard            *string `json:"last_heard"`
	HashSize             *int    `json:"hash_size"`
	HashSizeInconsistent bool    `json:"hash_size_inconsistent"`
	HashSizesSeen        []int   `json:"hash_sizes_seen,omitempty"`
	// Repeater/room relay enrichment (absent for other roles).
	LastRelayed   *string `json:"last_relayed,omitempty"`
	RelayActive   *bool   `json:"relay_active,omitempty"`
	RelayCount1h  *int    `json:"relay_count_1h,omitempty"`
	RelayCount24h *int    `json:"relay_count_24h,omitempty"`
	// Scope facts (issue #20; node_scopes.go).
	ScopeDefault          *string      `json:"default_scope,omitempty"`
	DeclaredRegions       *[]string    `json:"declared_regions,omitempty"`
	ConfiguredScopes      *[]string    `json:"configured_scopes,omitempty"` // absent: unknown; [] a real empty answer
	ScopeSource           *ScopeSource `json:"configured_scopes_source,omitempty"`
	TransportedScopes     *[]string    `json:"transported_scopes,omitempty"`
	UnscopedRelayCount24h *int         `json:"unscoped_relay_count_24h,omitempty"`
	ScopeConfigState      string       `json:"scope_config_state,omitempty"`
	ScopeMismatches       []string     `json:"scope_mismatches,omitempty"`
	// Multi-byte facts and usefulness scores (node_scores.go).
	NodeScores
}

func nodeJSON(n *NodeRow) NodeJSON {
	j := NodeJSON{NodeRow: *n, LastHeard: n.LastSeen, HashSize: n.HashSize}
	if len(n.HashSizesSeen) > 1 {
		j.HashSizeInconsistent = true
		j.HashSizesSeen = n.HashSizesSeen
	}
	return j
}

// RoleCounts are per-role node counts.
type RoleCounts struct {
	Repeaters  int `json:"repeaters"`
	Rooms      int `json:"rooms"`
	Companions int `json:"companions"`
	Sensors    int `json:"sensors"`
}

func (c *RoleCounts) add(role *string) {
	if role == nil {
		return
	}
	switch strings.ToLower(*role) {
	case "repeater":
		c.Repeaters++
	case "room":
		c.Rooms++
	case "companion":
		c.Companions++
	case "sensor":
		c.Sensors++
	}
}

// visibleNodes returns the node rows minus hidden ones.
func (s *Server) visibleNodes() ([]NodeRow, error) {
	all, err := s.store.Nodes()
	if err != nil {
		return nil, err
	}
	out := make([]NodeRow, 0, len(all))
	for i := range all {
		if !s.hide.node(&all[i]) {
			out = append(out, all[i])
		}
	}
	return out, nil
}

var lastHeardWindows = map[string]time.Duration{"1h": time.Hour, "6h": 6 * time.Hour, "24h": 24 * time.Hour, "7d": 7 * 24 * time.Hour, "30d": 30 * 24 * time.Hour}

func (s *Server) listNodes(w http.ResponseWriter, r *http.Request) {
	s.cachedJSON(w, r, func(r *http.Request) (any, error) { return s.nodeList(r.URL.Query()) })
}

// nodeList builds the /api/nodes answer for query q.
func (s *Server) nodeList(q url.Values) (any, error) {
	limit := clampLimit(q.Get("limit"), 50, s.opts.Limits.NodesMax)
	offset := parseOffset(q.Get("offset"))
	all, err := s.store.Nodes()
	if err != nil {
		return nil, err
	}
	var counts RoleCounts
	for i := range all {
		counts.add(all[i].Role)
	}
	role, search, before := strings.ToLower(q.Get("role")), strings.ToLower(q.Get("search")), q.Get("before")
	var cutoff string
	if d, ok := lastHeardWindows[q.Get("lastHeard")]; ok {
		cutoff = s.opts.Now().Add(-d).UTC().Format(time.RFC3339)
	}
	var regionNodes map[string]bool
	codes, err := parseRegion(q)
	if err != nil {
		return nil, err
	}
	// region= values starting with '#' or '$' name a declared scope region, not an IATA code.
	codes = slices.DeleteFunc(codes, func(c string) bool { return strings.HasPrefix(c, "#") || strings.HasPrefix(c, "$") })
	sf, err := parseScopeFilter(q, splitList(q.Get("region")))
	if err != nil {
		return nil, err
	}
	var e *enrichment
	if sf.active() {
		if e, err = s.nodeEnrichment(); err != nil {
			return nil, err
		}
	}
	if len(codes) > 0 {
		if regionNodes, err = s.regionNodes(codes); err != nil {
			return nil, err
		}
	}
	ar := s.areaParam(q)
	rows := []NodeJSON{}
	for i := range all {
		n := &all[i]
		switch {
		case s.hide.node(n), ar != nil && !ar.Contains(n.Lat, n.Lon),
			role != "" && (n.Role == nil || strings.ToLower(*n.Role) != role),
			search != "" && (n.Name == nil || !strings.Contains(strings.ToLower(*n.Name), search)),
			before != "" && (n.FirstSeen == nil || *n.FirstSeen > before),
			cutoff != "" && (n.LastSeen == nil || *n.LastSeen < cutoff),
			regionNodes != nil && !regionNodes[strings.ToLower(n.PublicKey)]:
			continue
		}
		j := nodeJSON(n)
		if sf.active() {
			if s.enrichScopes(&j, e.scopes); !sf.keep(&j) {
				continue
			}
		}
		rows = append(rows, j)
	}
	switch q.Get("sortBy") {
	case "name":
		sort.SliceStable(rows, func(i, j int) bool {
			return strings.ToLower(deref(rows[i].Name)) < strings.ToLower(deref(rows[j].Name))
		})
	case "packetCount":
		sort.SliceStable(rows, func(i, j int) bool { return rows[i].AdvertCount > rows[j].AdvertCount })
	default:
		sort.SliceStable(rows, func(i, j int) bool { return deref(rows[i].LastSeen) > deref(rows[j].LastSeen) })
	}
	total := len(rows)
	page := []NodeJSON{}
	if offset < total {
		page = rows[offset:min(total, offset+limit)]
	}
	if e == nil {
		if e, err = s.nodeEnrichment(); err != nil {
			return nil, err
		}
	}
	for i := range page {
		s.enrich(&page[i], e)
	}
	return map[string]any{"nodes": page, "total": total, "counts": counts}, nil
}

// regionNodes returns pubkeys whose adverts were heard by observers in the region.
func (s *Server) regionNodes(codes []string) (map[string]bool, error) {
	ids, err := s.regionObservers(codes)
	if err != nil {
		return nil, err
	}
	out := map[string]bool{}
	if len(ids) == 0 {
		return out, nil
	}
	adv := 4
	sums, err := s.store.Summaries(TxFilter{PayloadType: &adv, Observers: ids})
	if err != nil {
		return nil, err
	}
	for i := range sums {
		if sums[i].FromPubkey != "" {
			out[sums[i].FromPubkey] = true
		}
	}
	return out, nil
}

func (s *Server) searchNodes(w http.ResponseWriter, r *http.Request) {
	term := strings.ToLower(strings.TrimSpace(r.URL.Query().Get("q")))
	out := []NodeJSON{}
	if term == "" {
		writeJSON(w, http.StatusOK, map[string]any{"nodes": out})
		return
	}
	nodes, err := s.visibleNodes()
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	sort.SliceStable(nodes, func(i, j int) bool { return deref(nodes[i].LastSeen) > deref(nodes[j].LastSeen) })
	for i := range nodes {
		n := &nodes[i]
		if strings.HasPrefix(strings.ToLower(n.PublicKey), term) || n.Name != nil && strings.Contains(strings.ToLower(*n.Name), term) {
			out = append(out, nodeJSON(n))
			if len(out) == 10 {
				break
			}
		}
	}
	writeJSON(w, http.StatusOK, map[string]any{"nodes": out})
}

// findNode resolves {pubkey}: exact match, else a unique 8–63 hex prefix (409 when ambiguous).
func (s *Server) findNode(ref string) (NodeRow, error) {
	ref = strings.ToLower(strings.TrimSpace(ref))
	nodes, err := s.store.Nodes()
	if err != nil {
		return NodeRow{}, err
	}
	var match []int
	for i := range nodes {
		pk := strings.ToLower(nodes[i].PublicKey)
		if pk == ref {
			match = []int{i}
			break
		}
		if len(ref) >= 8 && len(ref) < 64 && isHex(ref) && strings.HasPrefix(pk, ref) {
			match = append(match, i)
		}
	}
	switch {
	case len(match) == 0:
		return NodeRow{}, errorf(ErrNotFound, "Not found")
	case len(match) > 1:
		return NodeRow{}, errorf(ErrConflict, "Ambiguous prefix: multiple nodes match. Use a longer prefix.")
	}
	n := nodes[match[0]]
	if s.hide.node(&n) {
		return NodeRow{}, errorf(ErrNotFound, "Not found")
	}
	return n, nil
}

func (s *Server) getNode(w http.ResponseWriter, r *http.Request) {
	// Popular nodes are polled by every open node page: identical requests share one
	// answer, rebuilt in the background after a store change.
	pk := strings.ToLower(r.PathValue("pubkey"))
	s.cachedJSON(w, r, func(*http.Request) (any, error) { return s.nodeDetail(pk) })
}

func (s *Server) nodeDetail(pubkey string) (any, error) {
	n, err := s.findNode(pubkey)
	if err != nil {
		return nil, err
	}
	adverts, err := s.recentAdverts(n.PublicKey, 20)
	if err != nil {
		return nil, err
	}
	e, err := s.nodeEnrichment()
	if err != nil {
		return nil, err
	}
	nj := nodeJSON(&n)
	s.enrich(&nj, e)
	s.enrichDetailFacts(&nj, e.scores)
	return map[string]any{"node": nj, "recentAdverts": adverts}, nil
}
