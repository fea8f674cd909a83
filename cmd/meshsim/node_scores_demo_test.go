package main

import (
	"context"
	"encoding/json"
	"log/slog"
	"net/http"
	"path/filepath"
	"testing"
	"time"

	"github.com/corescope/corescope/internal/api"
	"github.com/corescope/corescope/internal/meshsim"
	"github.com/corescope/corescope/internal/testutil"
)

// TestDemo_FillsNodeScoresAndFleetTabs runs the simulator with the options `manage.sh
// demo` uses through the real ingest path and checks that what the Nodes page, the
// node detail and the Nodes / My Repeaters / Prefix Tool tabs read is not empty:
// grades over several bands, multi-byte evidence, 7-day hash sizes, flood adverts,
// relays in the last 24 h, SNR for the Best-SNR board, measured links for Longest reach.
func TestDemo_FillsNodeScoresAndFleetTabs(t *testing.T) {
	ctx := context.Background()
	w, err := meshsim.NewWorld(meshsim.DefaultOptions())
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "demo.db")
	now := time.Now().UTC()
	start := now.Add(-6 * time.Hour)
	s, err := openDBSink(ctx, path, w, start, slog.New(slog.DiscardHandler))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := meshsim.Run(ctx, meshsim.NewGenerator(w), s, meshsim.RunOptions{Limit: 4000, Start: start, Span: 5 * time.Hour}); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Close(ctx); err != nil {
		t.Fatal(err)
	}
	srv := testutil.NewTestServerAt(t, path, func(o *api.Options) { o.Now = func() time.Time { return now } })
	get := func(u string, v any) {
		t.Helper()
		resp, err := http.Get(srv.URL + u)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		if resp.StatusCode != http.StatusOK {
			t.Fatalf("GET %s: %d", u, resp.StatusCode)
		}
		if err := json.NewDecoder(resp.Body).Decode(v); err != nil {
			t.Fatal(err)
		}
	}
	var list struct {
		Nodes []struct {
			PublicKey string   `json:"public_key"`
			Role      *string  `json:"role"`
			HashSize  *int     `json:"hash_size"`
			MultiByte string   `json:"multi_byte_status"`
			Grade     string   `json:"usefulness_grade"`
			Bridge    *float64 `json:"bridge_score"`
			Relays24h *int     `json:"relay_count_24h"`
		}
	}
	get("/api/nodes?limit=2000", &list)
	grades, mb := map[string]int{}, map[string]int{}
	sized, relaying, relays := 0, 0, 0
	var flooder string
	for _, n := range list.Nodes {
		mb[n.MultiByte]++
		if n.HashSize != nil {
			sized++
			flooder = n.PublicKey
		}
		if n.Role == nil || (*n.Role != "repeater" && *n.Role != "room") {
			continue
		}
		relays++
		grades[n.Grade]++
		if n.Relays24h != nil && *n.Relays24h > 0 {
			relaying++
		}
	}
	if relays == 0 || grades[""] > 0 || len(grades) < 3 {
		t.Errorf("grades over %d relays: %v (want every relay graded, at least 3 bands)", relays, grades)
	}
	if mb["confirmed"] == 0 || mb["unknown"] == 0 {
		t.Errorf("multi-byte statuses %v", mb)
	}
	if sized == 0 || relaying == 0 {
		t.Errorf("%d nodes with a 7-day hash size, %d relays relaying in 24 h", sized, relaying)
	}
	var detail struct {
		Node struct {
			Flood *int `json:"flood_advert_count_7d"`
		}
	}
	get("/api/nodes/"+flooder, &detail)
	if detail.Node.Flood == nil || *detail.Node.Flood == 0 {
		t.Errorf("flood_advert_count_7d of an advertising node = %v", detail.Node.Flood)
	}
	var health []struct {
		Stats struct {
			AvgSnr *float64 `json:"avgSnr"`
		} `json:"stats"`
	}
	get("/api/nodes/bulk-health?limit=200", &health)
	withSNR := 0
	for _, h := range health {
		if h.Stats.AvgSnr != nil {
			withSNR++
		}
	}
	if withSNR == 0 {
		t.Error("no SNR for the Best SNR board")
	}
	var dist struct {
		TopHops []json.RawMessage `json:"topHops"`
	}
	get("/api/analytics/distance", &dist)
	if len(dist.TopHops) == 0 {
		t.Error("no measured link for the Longest reach board")
	}
}
