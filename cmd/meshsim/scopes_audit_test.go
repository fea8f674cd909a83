package main

import (
	"context"
	"database/sql"
	"encoding/json"
	"log/slog"
	"net/http"
	"net/url"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/corescope/corescope/internal/api"
	"github.com/corescope/corescope/internal/meshsim"
	"github.com/corescope/corescope/internal/schema"
	"github.com/corescope/corescope/internal/testutil"
)

// scopeNode is the part of an /api/nodes row the scope audit reads.
type scopeNode struct {
	PublicKey         string    `json:"public_key"`
	Role              *string   `json:"role"`
	ConfiguredScopes  *[]string `json:"configured_scopes"`
	TransportedScopes *[]string `json:"transported_scopes"`
	Unscoped24h       *int      `json:"unscoped_relay_count_24h"`
	State             string    `json:"scope_config_state"`
	DeclaredRegions   []string  `json:"declared_regions"`
	Mismatches        []string  `json:"scope_mismatches"`
}

// simScopesDB writes a scoped simulated mesh through the real ingest path: 2- and 3-byte
// hop hashes without forced collisions, so every repeater's hop is attributable.
func simScopesDB(t *testing.T) (*meshsim.World, string, time.Time) {
	t.Helper()
	o := meshsim.DefaultOptions()
	o.Seed, o.HashSizeShares, o.Collisions = 7, [3]float64{0, 0.5, 0.5}, 0
	o.ScopedShare, o.ScopedRepeaters, o.Misconfigured = 0.3, 0.6, 4
	w, path, now := simScopesDBWith(t, o)
	if len(w.Misconfigured()) < 2 {
		t.Fatalf("world has %d misconfigured repeaters, want at least 2", len(w.Misconfigured()))
	}
	return w, path, now
}

// simScopesDBWith is simScopesDB for the given simulator options.
func simScopesDBWith(t *testing.T, o meshsim.Options) (*meshsim.World, string, time.Time) {
	t.Helper()
	ctx := context.Background()
	w, err := meshsim.NewWorld(o)
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "scopes.db")
	now := time.Now().UTC()
	start := now.Add(-12 * time.Hour)
	s, err := openDBSink(ctx, path, w, start, slog.New(slog.DiscardHandler))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := meshsim.Run(ctx, meshsim.NewGenerator(w), s, meshsim.RunOptions{Limit: 5000, Start: start, Span: 11 * time.Hour}); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Close(ctx); err != nil {
		t.Fatal(err)
	}
	return w, path, now
}

func fetchScopeNodes(t *testing.T, url string) []scopeNode {
	t.Helper()
	resp, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("GET %s: %d", url, resp.StatusCode)
	}
	var body struct{ Nodes []scopeNode }
	if err := json.NewDecoder(resp.Body).Decode(&body); err != nil {
		t.Fatal(err)
	}
	return body.Nodes
}

// TestScopeAudit_FindsExactlyTheSimulatorsMisconfiguredRepeaters serves a simulated
// scoped mesh and checks /api/nodes against the simulator's ground truth (which
// repeaters misbehave, and how; what each reported configuration says) and against SQL
// over the database (transported scopes, unscoped relays).
func TestScopeAudit_FindsExactlyTheSimulatorsMisconfiguredRepeaters(t *testing.T) {
	w, path, now := simScopesDB(t)
	srv := testutil.NewTestServerAt(t, path, func(o *api.Options) { o.Now = func() time.Time { return now } })
	nodes := fetchScopeNodes(t, srv.URL+"/api/nodes?limit=10000")

	truth := w.Misconfigured()
	got := map[string]string{}
	configured := 0
	simNodes := map[string]*meshsim.Node{}
	for _, n := range w.Nodes {
		simNodes[hexKey(n)] = n
	}
	for _, n := range nodes {
		if n.State == "mismatch" {
			got[n.PublicKey] = strings.Join(n.Mismatches, ",")
		}
		if n.ConfiguredScopes == nil {
			continue
		}
		configured++
		sn := simNodes[n.PublicKey]
		want := []string{}
		if sn != nil && sn.Scope != nil {
			want = sn.Scope.Allowed
		}
		if sn == nil || !slices.Equal(*n.ConfiguredScopes, want) {
			t.Errorf("%s configured_scopes %v, simulator configured %v", n.PublicKey[:8], *n.ConfiguredScopes, want)
		}
	}
	if configured < 5 {
		t.Errorf("only %d nodes with configured scopes", configured)
	}
	for pk, kind := range truth {
		if !strings.Contains(got[pk], kind) {
			t.Errorf("misconfigured %s (%s) reported as %q", pk[:8], kind, got[pk])
		}
	}
	for pk := range got {
		if truth[pk] == "" {
			t.Errorf("%s flagged mismatch (%s) but the simulator configured it correctly", pk[:8], got[pk])
		}
	}

	// Independent figures: SQL over the served database.
	db, err := schema.OpenReadOnly(context.Background(), path, 1)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	wantScopes, wantUnscoped := sqlRelayScopes(t, db, now.Add(-24*time.Hour).Unix())
	checked := 0
	for _, n := range nodes {
		if n.Role == nil || *n.Role != "repeater" {
			continue
		}
		checked++
		if have := *n.TransportedScopes; !slices.Equal(have, wantScopes[n.PublicKey]) {
			t.Errorf("%s transported_scopes %v, SQL %v", n.PublicKey[:8], have, wantScopes[n.PublicKey])
		}
		if *n.Unscoped24h != wantUnscoped[n.PublicKey] {
			t.Errorf("%s unscoped_relay_count_24h %d, SQL %d", n.PublicKey[:8], *n.Unscoped24h, wantUnscoped[n.PublicKey])
		}
	}
	states := map[string]int{}
	for _, n := range nodes {
		states[n.State]++
	}
	t.Logf("%d misconfigured (%v), %d nodes with configured scopes, %d repeaters checked, %d with transported scopes, %d with unscoped relays, states %v",
		len(truth), truth, configured, checked, len(wantScopes), len(wantUnscoped), states)
	if checked == 0 || len(wantScopes) == 0 {
		t.Fatalf("nothing to compare: %d repeaters, %d with transported scopes", checked, len(wantScopes))
	}

	// The filters select the same sets.
	mm := fetchScopeNodes(t, srv.URL+"/api/nodes?limit=10000&scopeState=mismatch")
	var keys []string
	for _, n := range mm {
		keys = append(keys, n.PublicKey)
	}
	var wantKeys []string
	for pk := range truth {
		wantKeys = append(wantKeys, pk)
	}
	slices.Sort(keys)
	slices.Sort(wantKeys)
	if !reflect.DeepEqual(keys, wantKeys) {
		t.Errorf("scopeState=mismatch returned %v, want %v", keys, wantKeys)
	}
	// region=#name selects nodes by declared region (default_scope from scoped adverts).
	declared := 0
	defer func() {
		if declared == 0 {
			t.Error("no node declares a region: default_scope never written")
		}
	}()
	for _, region := range w.ScopeRegions() {
		var want []string
		rows, err := db.Query(`SELECT public_key FROM nodes WHERE default_scope = ? ORDER BY public_key`, region)
		if err != nil {
			t.Fatal(err)
		}
		for rows.Next() {
			var pk string
			rows.Scan(&pk)
			want = append(want, pk)
		}
		rows.Close()
		var have []string
		for _, n := range fetchScopeNodes(t, srv.URL+"/api/nodes?limit=10000&region="+url.QueryEscape(region)) {
			have = append(have, n.PublicKey)
		}
		slices.Sort(have)
		if !slices.Equal(have, want) {
			t.Errorf("region=%s returned %d nodes, SQL on default_scope %d", region, len(have), len(want))
		}
		t.Logf("region=%s: %d nodes", region, len(have))
		declared += len(have)
	}
	// scope=#name: nodes declaring, configured with or seen forwarding it.
	for _, region := range w.ScopeRegions() {
		want := 0
		for _, n := range nodes {
			if n.ConfiguredScopes != nil && slices.Contains(*n.ConfiguredScopes, region) ||
				n.TransportedScopes != nil && slices.Contains(*n.TransportedScopes, region) ||
				slices.Contains(n.DeclaredRegions, region) {
				want++
			}
		}
		if have := len(fetchScopeNodes(t, srv.URL+"/api/nodes?limit=10000&scope="+strings.TrimPrefix(region, "#"))); have != want || want == 0 {
			t.Errorf("scope=%s returned %d nodes, want %d (> 0)", region, have, want)
		}
	}
	resp, err := http.Get(srv.URL + "/api/nodes?scopeState=bogus")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusBadRequest {
		t.Errorf("scopeState=bogus: %d, want 400", resp.StatusCode)
	}
}

func hexKey(n *meshsim.Node) string {
	const digits = "0123456789abcdef"
	out := make([]byte, 0, 64)
	for _, b := range n.Pub {
		out = append(out, digits[b>>4], digits[b&15])
	}
	return string(out)
}

// sqlRelayScopes computes per repeater, in SQL only, the scopes of transport floods it
// relayed and the unscoped floods it relayed since daySince: a hop counts when its
// resolved key starts with the hop and no other node's key does.
func sqlRelayScopes(t *testing.T, db *sql.DB, daySince int64) (map[string][]string, map[string]int) {
	t.Helper()
	const hops = `WITH hop AS (
		SELECT o.transmission_id AS tx, o.timestamp AS ts, t.route_type AS route, t.scope_name AS scope,
		       lower(r.value) AS pk, lower(p.value) AS prefix
		FROM observations o JOIN transmissions t ON t.id = o.transmission_id,
		     json_each(o.resolved_path) r, json_each(o.path_json) p
		WHERE o.resolved_path IS NOT NULL AND r.key = p.key AND r.value IS NOT NULL
		  AND substr(lower(r.value), 1, length(p.value)) = lower(p.value)
		  AND (SELECT COUNT(*) FROM nodes n WHERE substr(n.public_key, 1, length(p.value)) = lower(p.value)) = 1)`
	scopes := map[string][]string{}
	rows, err := db.Query(hops + ` SELECT pk, scope FROM hop WHERE route IN (0, 3) AND scope LIKE '#%' GROUP BY pk, scope ORDER BY pk, scope`)
	if err != nil {
		t.Fatal(err)
	}
	for rows.Next() {
		var pk, s string
		if err := rows.Scan(&pk, &s); err != nil {
			t.Fatal(err)
		}
		scopes[pk] = append(scopes[pk], s)
	}
	rows.Close()
	unscoped := map[string]int{}
	rows, err = db.Query(hops+` SELECT pk, COUNT(DISTINCT tx) FROM hop
		WHERE (route = 1 OR (route = 0 AND scope IS NULL)) AND ts >= ? GROUP BY pk`, daySince)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	for rows.Next() {
		var pk string
		var c int
		if err := rows.Scan(&pk, &c); err != nil {
			t.Fatal(err)
		}
		unscoped[pk] = c
	}
	return scopes, unscoped
}
