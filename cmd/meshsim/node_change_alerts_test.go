package main

import (
	"context"
	"encoding/json"
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

// nodeChangeRun simulates two days of one world through the real ingest path. With
// inject, day two brings a rename, an 11 km move (0.1° of latitude) and a repeater that
// was silent all of day one and shares its first key byte with an older repeater. An
// alert manager with only the node-change rules (24 h, 2 km) evaluates a server on the
// day-one database (its baseline), one on the two-day database, and the same a day later.
// It returns the events and the injected ground truth.
func nodeChangeRun(t *testing.T, inject bool) (events []string, want []string) {
	t.Helper()
	w, err := meshsim.NewWorld(meshsim.DefaultOptions())
	if err != nil {
		t.Fatal(err)
	}
	now := time.Now().UTC().Truncate(time.Second)
	path := filepath.Join(t.TempDir(), "changes.db")
	gen := meshsim.NewGenerator(w)
	if inject {
		var renamed, moved, joiner *meshsim.Node
		byFirst := map[byte][]*meshsim.Node{}
		for _, n := range w.Nodes {
			if n.Role == meshcore.RoleRepeater || n.Role == meshcore.RoleRoom {
				byFirst[n.Pub[0]] = append(byFirst[n.Pub[0]], n)
			}
		}
		for _, n := range w.Nodes {
			if g := byFirst[n.Pub[0]]; joiner == nil && len(g) == 2 && n == g[1] && n.Observer == nil {
				joiner = n
			}
		}
		for _, n := range w.Nodes {
			if n.Role != meshcore.RoleRepeater || n == joiner || len(byFirst[n.Pub[0]]) > 1 {
				continue
			}
			if renamed == nil {
				renamed = n
			} else if moved == nil && n.ShareLocation {
				moved = n
			}
		}
		if renamed == nil || moved == nil || joiner == nil {
			t.Fatalf("world lacks a rename/move/joiner candidate: %v %v %v", renamed, moved, joiner)
		}
		gen.Rename(renamed, `Renamed <img src=x onerror=alert(1)>`, now.Add(-12*time.Hour))
		gen.Move(moved, moved.Lat+0.1, moved.Lon, now.Add(-12*time.Hour))
		gen.Silence(joiner, now.Add(-48*time.Hour), now.Add(-20*time.Hour))
		want = []string{"firing node_moved " + hexKey(moved), "firing node_renamed " + hexKey(renamed),
			"firing prefix_collision " + strings.ToUpper(hexKey(joiner)[:2])}
		t.Logf("renamed %s, moved %s (to %.6f), joiner %s", renamed.Name, moved.Name, moved.Lat+0.1, joiner.Name)
	}
	simPhase(t, path, gen, now.Add(-48*time.Hour), 24*time.Hour, 8000)
	clock := now.Add(-24 * time.Hour)
	srv := testutil.NewTestServerAt(t, path, func(ao *api.Options) { ao.Now = func() time.Time { return clock } })
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
	m := alerts.New(alerts.Options{Webhooks: []string{rcv.URL}, NodeChangeHold: 24 * time.Hour, NodeMovedKm: 2,
		Now: func() time.Time { return clock },
		NodeFacts: func() ([]alerts.NodeFact, error) {
			rows, err := srv.Server.NodeFacts()
			out := make([]alerts.NodeFact, len(rows))
			for i, r := range rows {
				out[i] = alerts.NodeFact(r)
			}
			return out, err
		}})
	m.Tick(context.Background())
	if got := log.all(); len(got) != 0 {
		t.Fatalf("day one (baseline) raised %v", got)
	}
	simPhase(t, path, gen, now.Add(-24*time.Hour), 24*time.Hour, 8000)
	clock = now
	srv = testutil.NewTestServerAt(t, path, func(ao *api.Options) { ao.Now = func() time.Time { return clock } })
	for range 3 {
		m.Tick(context.Background())
		clock = clock.Add(time.Minute)
	}
	got := log.all()
	sort.Strings(got)
	if !slices.Equal(got, want) {
		t.Fatalf("day two: got %v, want %v", got, want)
	}
	clock = now.Add(25 * time.Hour)
	m.Tick(context.Background())
	return log.all(), want
}

// TestNodeChangeAlerts_SimulatedRenameMoveAndNewCollision: exactly the injected rename,
// move and new collision fire once on day two and all resolve a day later.
func TestNodeChangeAlerts_SimulatedRenameMoveAndNewCollision(t *testing.T) {
	all, want := nodeChangeRun(t, true)
	if len(all) != 2*len(want) {
		t.Fatalf("events %v, want each of %v fired once and resolved", all, want)
	}
	resolved := slices.Clone(all[len(want):])
	sort.Strings(resolved)
	for i, w := range want {
		if r := strings.Replace(w, "firing", "resolved", 1); resolved[i] != r {
			t.Errorf("resolved %v, want %s", resolved, r)
		}
	}
}

// TestNodeChangeAlerts_NoneOnNormalSimulatedDays: two normal simulated days raise none.
func TestNodeChangeAlerts_NoneOnNormalSimulatedDays(t *testing.T) {
	if all, _ := nodeChangeRun(t, false); len(all) != 0 {
		t.Fatalf("normal days raised %v", all)
	}
}
