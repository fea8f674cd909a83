package main

import (
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"slices"
	"sort"
	"sync"
	"testing"
	"time"

	"github.com/corescope/corescope/internal/alerts"
	"github.com/corescope/corescope/internal/api"
	"github.com/corescope/corescope/internal/meshsim"
	"github.com/corescope/corescope/internal/testutil"
)

// hookLog collects the webhook events an alert manager POSTs to a receiver on 127.0.0.1.
type hookLog struct {
	mu  sync.Mutex
	evs []alerts.Event
}

func (h *hookLog) firing(kind string) []string {
	h.mu.Lock()
	defer h.mu.Unlock()
	var out []string
	for _, e := range h.evs {
		if e.Status == "firing" && e.Kind == kind {
			out = append(out, e.Subject)
		}
	}
	sort.Strings(out)
	return out
}

// scopeAlertRun serves the database at path, points an alert manager (webhook on
// 127.0.0.1, scope thresholds: mismatch held 6 h, 1 unscoped relay) at the server's
// scope facts and evaluates at start and 6 h later on a test clock.
func scopeAlertRun(t *testing.T, path string, now time.Time) (*hookLog, *testutil.TestServer, []string) {
	t.Helper()
	srv := testutil.NewTestServerAt(t, path, func(o *api.Options) { o.Now = func() time.Time { return now } })
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
	clock := now
	m := alerts.New(alerts.Options{Webhooks: []string{rcv.URL}, ScopeMismatch: 6 * time.Hour, ScopeUnscopedRelays: 1,
		Now: func() time.Time { return clock },
		ScopeRepeaters: func() ([]alerts.ScopeRepeater, error) {
			rows, err := srv.Server.ScopeRepeaters()
			out := make([]alerts.ScopeRepeater, len(rows))
			for i, r := range rows {
				out[i] = alerts.ScopeRepeater(r)
			}
			return out, err
		}})
	m.Tick(context.Background())
	early := log.firing(alerts.KindScopeMismatch)
	clock = now.Add(6 * time.Hour)
	m.Tick(context.Background())
	return log, srv, early
}

// wantUnscopedRegions derives, from /api/nodes fields only, the regions the unscoped-region
// alert must name: declared by a repeater configured with `denyf *` (state scoped or
// mismatch), with at least one unscoped relay in 24 h by the repeaters declaring it.
func wantUnscopedRegions(nodes []scopeNode) []string {
	scoped, relays := map[string]bool{}, map[string]int{}
	for _, n := range nodes {
		if n.Role == nil || (*n.Role != "repeater" && *n.Role != "room") {
			continue
		}
		for _, d := range n.DeclaredRegions {
			scoped[d] = scoped[d] || n.State == "scoped" || n.State == "mismatch"
			if n.Unscoped24h != nil {
				relays[d] += *n.Unscoped24h
			}
		}
	}
	var out []string
	for d := range scoped {
		if scoped[d] && relays[d] >= 1 {
			out = append(out, d)
		}
	}
	sort.Strings(out)
	return out
}

// TestScopeAlerts_FireExactlyForTheSimulatorsMisconfiguredRepeaters drives the alert
// manager from a simulated scoped mesh: after 6 h in mismatch the scope_mismatch webhook
// fires for exactly the simulator's misconfigured repeaters (none before), and the
// unscoped-region alert names exactly the regions /api/nodes says are scoped but relayed
// unscoped floods.
func TestScopeAlerts_FireExactlyForTheSimulatorsMisconfiguredRepeaters(t *testing.T) {
	w, path, now := simScopesDB(t)
	log, srv, early := scopeAlertRun(t, path, now)
	if len(early) != 0 {
		t.Errorf("scope_mismatch fired before 6 h: %v", early)
	}
	var want []string
	for pk := range w.Misconfigured() {
		want = append(want, pk)
	}
	sort.Strings(want)
	if got := log.firing(alerts.KindScopeMismatch); !slices.Equal(got, want) {
		t.Errorf("scope_mismatch fired for %v, simulator misconfigured %v", got, want)
	}
	wantRegions := wantUnscopedRegions(fetchScopeNodes(t, srv.URL+"/api/nodes?limit=10000"))
	if got := log.firing(alerts.KindScopeUnscopedRegion); !slices.Equal(got, wantRegions) {
		t.Errorf("scope_unscoped_region fired for %v, want %v", got, wantRegions)
	}
	if len(wantRegions) == 0 {
		t.Error("no scoped region with unscoped relays: the region alert is not exercised")
	}
	t.Logf("mismatch alerts %d, unscoped-region alerts %v", len(want), wantRegions)
}

// TestScopeAlerts_NoneOnACorrectlyConfiguredWorld: the same scoped mesh without
// misconfigured repeaters raises no scope_mismatch alert.
func TestScopeAlerts_NoneOnACorrectlyConfiguredWorld(t *testing.T) {
	o := meshsim.DefaultOptions()
	o.Seed, o.HashSizeShares, o.Collisions = 7, [3]float64{0, 0.5, 0.5}, 0
	o.ScopedShare, o.ScopedRepeaters, o.Misconfigured = 0.3, 0.6, 0
	w, path, now := simScopesDBWith(t, o)
	if len(w.Misconfigured()) != 0 {
		t.Fatalf("world has misconfigured repeaters: %v", w.Misconfigured())
	}
	log, srv, _ := scopeAlertRun(t, path, now)
	if got := log.firing(alerts.KindScopeMismatch); len(got) != 0 {
		t.Errorf("scope_mismatch fired on a correctly configured world: %v", got)
	}
	nodes := fetchScopeNodes(t, srv.URL+"/api/nodes?limit=10000")
	scoped := 0
	for _, n := range nodes {
		if n.State == "scoped" {
			scoped++
		}
	}
	if scoped == 0 {
		t.Fatal("no repeater is configured scoped: the world tests nothing")
	}
	if got, want := log.firing(alerts.KindScopeUnscopedRegion), wantUnscopedRegions(nodes); !slices.Equal(got, want) {
		t.Errorf("scope_unscoped_region fired for %v, want %v", got, want)
	}
}
