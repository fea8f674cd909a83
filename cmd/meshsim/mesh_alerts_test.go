package main

import (
	"context"
	"encoding/json"
	"fmt"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/corescope/corescope/internal/alerts"
	"github.com/corescope/corescope/internal/api"
	"github.com/corescope/corescope/internal/meshcore"
	"github.com/corescope/corescope/internal/meshsim"
	"github.com/corescope/corescope/internal/testutil"
)

// simPhase runs g into the database at path (created or appended to) from start over
// span with limit packet messages, through the real ingest path.
func simPhase(t *testing.T, path string, g *meshsim.Generator, start time.Time, span time.Duration, limit int64) {
	t.Helper()
	ctx := context.Background()
	s, err := openDBSink(ctx, path, g.World(), start, slog.New(slog.DiscardHandler))
	if err != nil {
		t.Fatal(err)
	}
	// The ingester stamps some columns (a node's last_seen) with the sink's clock, the time
	// of the newest message handed to it; with 50,000 messages in flight a slow writer
	// (-race, a busy machine) stamped rows up to half a simulated day late, so a silenced
	// relay looked active. 256 in flight bound that lag to well under an hour of traffic.
	s.sem = make(chan struct{}, 256)
	if _, err := meshsim.Run(ctx, g, s, meshsim.RunOptions{Limit: limit, Start: start, Span: span}); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Close(ctx); err != nil {
		t.Fatal(err)
	}
}

// meshSource is an alert manager's graph reader that can be pointed at a new server.
type meshSource struct{ srv *testutil.TestServer }

func (m *meshSource) read() (alerts.MeshGraph, error) {
	g, err := m.srv.Server.MeshGraph()
	out := alerts.MeshGraph{Edges: g.Edges}
	for _, n := range g.Nodes {
		out.Nodes = append(out.Nodes, alerts.MeshNode(n))
	}
	return out, err
}

// bruteCutOff is the oracle: for every relay, the nodes that lose the largest remaining
// part of its component when it is deleted, found by union-find with the vertex removed
// (the definition, not Tarjan). Relays whose deletion cuts nothing are absent.
func bruteCutOff(g api.MeshGraph) map[string][]string {
	var ids []string
	for _, n := range g.Nodes {
		ids = append(ids, n.ID)
	}
	groups := func(skip string) map[string][]string {
		parent := map[string]string{}
		find := func(x string) string {
			for parent[x] != x {
				x = parent[x]
			}
			return x
		}
		for _, v := range ids {
			parent[v] = v
		}
		for _, e := range g.Edges {
			if e[0] != skip && e[1] != skip {
				parent[find(e[0])] = find(e[1])
			}
		}
		out := map[string][]string{}
		for _, v := range ids {
			if v != skip {
				out[find(v)] = append(out[find(v)], v)
			}
		}
		return out
	}
	before := groups("")
	out := map[string][]string{}
	for _, n := range g.Nodes {
		if !n.Relay {
			continue
		}
		after := groups(n.ID)
		if len(after) <= len(before) { // not a cut vertex: no more pieces than before
			continue
		}
		// The component that held n: its pieces now are the groups containing its other members.
		var home []string
		for _, members := range before {
			if slices.Contains(members, n.ID) {
				home = members
			}
		}
		var pieces [][]string
		for _, members := range after {
			if slices.Contains(home, members[0]) {
				pieces = append(pieces, members)
			}
		}
		sort.Slice(pieces, func(i, j int) bool {
			if len(pieces[i]) != len(pieces[j]) {
				return len(pieces[i]) > len(pieces[j])
			}
			return slices.Min(pieces[i]) < slices.Min(pieces[j])
		})
		var lost []string
		for _, p := range pieces[1:] {
			lost = append(lost, p...)
		}
		sort.Strings(lost)
		out[n.ID] = lost
	}
	return out
}

// meshHooks starts a webhook receiver on 127.0.0.1 and an alert manager with only the
// mesh rule (4 h, the default) on the test clock.
func meshHooks(t *testing.T, src *meshSource, clock *time.Time) (*alerts.Manager, *hookLog) {
	log := &hookLog{}
	rcv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		var ev alerts.Event
		if err := json.NewDecoder(r.Body).Decode(&ev); err != nil {
			t.Errorf("webhook body: %v", err)
		}
		log.mu.Lock()
		log.evs = append(log.evs, ev)
		log.mu.Unlock()
	}))
	t.Cleanup(rcv.Close)
	m := alerts.New(alerts.Options{Webhooks: []string{rcv.URL}, BridgeSilent: 4 * time.Hour, MeshGraph: src.read,
		Now: func() time.Time { return *clock }})
	return m, log
}

func (h *hookLog) all() []string {
	h.mu.Lock()
	defer h.mu.Unlock()
	var out []string
	for _, e := range h.evs {
		out = append(out, e.Status+" "+e.Kind+" "+e.Subject)
	}
	return out
}

// TestMeshAlerts_SimulatedBridgeRepeaterGoesSilent: over a normal simulated day the mesh
// rule raises nothing; then a relay the oracle finds to be a cut vertex (not an observer)
// is silenced for the last 12 h of a second day: exactly one bridge_silent for it (naming
// the nodes the oracle says it cuts off) and one mesh_split fire, nothing else, once
// across repeated ticks; two hours after it is back, both resolve.
func TestMeshAlerts_SimulatedBridgeRepeaterGoesSilent(t *testing.T) {
	o := meshsim.DefaultOptions()
	w, err := meshsim.NewWorld(o)
	if err != nil {
		t.Fatal(err)
	}
	now := time.Now().UTC().Truncate(time.Second)
	dir := t.TempDir()
	normal := filepath.Join(dir, "normal.db")
	simPhase(t, normal, meshsim.NewGenerator(w), now.Add(-24*time.Hour), 24*time.Hour, 8000)
	src := &meshSource{srv: testutil.NewTestServerAt(t, normal, func(ao *api.Options) { ao.Now = func() time.Time { return now } })}
	clock := now
	m, log := meshHooks(t, src, &clock)
	m.Tick(context.Background())
	if got := log.all(); len(got) != 0 {
		t.Fatalf("normal simulated day raised %v", got)
	}
	g, err := src.srv.Server.MeshGraph()
	if err != nil {
		t.Fatal(err)
	}
	cuts := bruteCutOff(g)
	// A relay sharing its first key byte with another relay can be credited with that
	// twin's 1-byte hops by the hop resolver (docs/monitoring.md), so the test silences a
	// bridge with a unique first byte, which only its own silence can make quiet.
	firstByte := map[byte]int{}
	for _, n := range w.Nodes {
		if n.Role == meshcore.RoleRepeater || n.Role == meshcore.RoleRoom {
			firstByte[n.Pub[0]]++
		}
	}
	var candidates []*meshsim.Node
	for _, n := range w.Nodes {
		if len(cuts[hexKey(n)]) > 0 && n.Observer == nil && firstByte[n.Pub[0]] == 1 {
			candidates = append(candidates, n)
		}
	}
	sort.SliceStable(candidates, func(i, j int) bool { return len(cuts[hexKey(candidates[i])]) > len(cuts[hexKey(candidates[j])]) })
	if len(candidates) == 0 {
		t.Fatalf("the simulated mesh has no relay cut vertex among %d nodes, %d edges: nothing to test", len(g.Nodes), len(g.Edges))
	}

	// Day two: same world, a candidate silent for its last 12 h. The simulator's database
	// sink stamps rows with its clock when the writer catches up, up to ~3 h late, so
	// the outage is made far longer than the 4 h limit. The graph of day two may route
	// around a candidate (a node behind it heard through another relay): then it is no
	// longer a cut vertex and the next one is tried.
	var bridge *meshsim.Node
	var gen *meshsim.Generator
	var split string
	for i, c := range candidates {
		split = filepath.Join(dir, fmt.Sprintf("split%d.db", i))
		gen = meshsim.NewGenerator(w)
		gen.Silence(c, now.Add(-12*time.Hour), now.Add(time.Hour))
		simPhase(t, split, gen, now.Add(-24*time.Hour), 24*time.Hour, 8000)
		src.srv = testutil.NewTestServerAt(t, split, func(ao *api.Options) { ao.Now = func() time.Time { return now } })
		if g, err = src.srv.Server.MeshGraph(); err != nil {
			t.Fatal(err)
		}
		if cuts = bruteCutOff(g); len(cuts[hexKey(c)]) > 0 {
			bridge = c
			break
		}
		t.Logf("candidate %s is no longer a cut vertex once silent", c.Name)
		if i == 4 {
			break
		}
	}
	if bridge == nil {
		t.Fatal("no candidate stayed a cut vertex while silent")
	}
	t.Logf("bridge %s (%s) cuts off %d nodes", bridge.Name, hexKey(bridge), len(cuts[hexKey(bridge)]))
	m2, log2 := meshHooks(t, src, &clock)
	for range 3 {
		m2.Tick(context.Background())
		clock = clock.Add(time.Minute)
	}
	want := []string{"firing bridge_silent " + hexKey(bridge), "firing mesh_split mesh"}
	if got := log2.all(); !slices.Equal(got, want) {
		for _, n := range g.Nodes {
			if n.ID == hexKey(bridge) {
				t.Logf("bridge %s last active %s (now %s)", n.Name, n.LastActive.Format(time.RFC3339), now.Format(time.RFC3339))
			}
		}
		t.Fatalf("bridge silent: got %v, want %v", got, want)
	}
	msg := log2.evs[0].Message
	names := map[string]string{}
	for _, n := range g.Nodes {
		names[n.ID] = n.Name
	}
	for _, id := range cuts[hexKey(bridge)] {
		if want := `"` + names[id] + `"`; names[id] == "" && !strings.Contains(msg, id) || names[id] != "" && !strings.Contains(msg, want) {
			t.Errorf("bridge_silent message does not name cut-off node %s (%s): %s", id, names[id], msg)
		}
	}
	t.Logf("bridge_silent: %s", msg)

	// It is back: two more hours of traffic, a fresh server on the grown database.
	back := now.Add(2 * time.Hour)
	simPhase(t, split, gen, now.Add(time.Hour), time.Hour, 800)
	src.srv = testutil.NewTestServerAt(t, split, func(ao *api.Options) { ao.Now = func() time.Time { return back } })
	clock = back
	m2.Tick(context.Background())
	want = append(want, "resolved bridge_silent "+hexKey(bridge), "resolved mesh_split mesh")
	got := log2.all()
	sort.Strings(got[2:])
	sort.Strings(want[2:])
	if !slices.Equal(got, want) {
		t.Fatalf("bridge back: got %v, want %v", got, want)
	}
}
