package main

import (
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"math"
	"net/http"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/corescope/corescope/internal/api"
	"github.com/corescope/corescope/internal/meshsim"
	"github.com/corescope/corescope/internal/schema"
	"github.com/corescope/corescope/internal/testutil"
)

// simReachDB writes a simulated mesh with roaming mobile clients through the real
// ingest path: 2- and 3-byte hop hashes without forced collisions, so hops resolve.
func simReachDB(t *testing.T) (*meshsim.Generator, string, time.Time) {
	t.Helper()
	ctx := context.Background()
	o := meshsim.DefaultOptions()
	o.Seed, o.HashSizeShares, o.Collisions = 11, [3]float64{0, 0.6, 0.4}, 0
	o.MobileClients, o.ClientRxInterval = 3, 20*time.Minute
	w, err := meshsim.NewWorld(o)
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "reach.db")
	now := time.Now().UTC().Truncate(time.Second)
	start := now.Add(-12 * time.Hour)
	s, err := openDBSink(ctx, path, w, start, slog.New(slog.DiscardHandler))
	if err != nil {
		t.Fatal(err)
	}
	g := meshsim.NewGenerator(w)
	if _, err := meshsim.Run(ctx, g, s, meshsim.RunOptions{Limit: 4000, Start: start, Span: 11 * time.Hour}); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Close(ctx); err != nil {
		t.Fatal(err)
	}
	return g, path, now
}

// getJSON fetches url and decodes a 200 answer into out; it returns the status and body.
func getJSONStatus(t *testing.T, url string, out any) (int, string) {
	t.Helper()
	resp, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	if resp.StatusCode == http.StatusOK && out != nil {
		if err := json.Unmarshal(b, out); err != nil {
			t.Fatalf("decode %s: %v", url, err)
		}
	}
	return resp.StatusCode, string(b)
}

type coverageFC struct {
	Features []struct {
		Geometry struct {
			Coordinates [][][2]float64 `json:"coordinates"`
		} `json:"geometry"`
		Properties struct {
			Cell    string   `json:"cell"`
			Count   int      `json:"count"`
			BestSNR *float64 `json:"best_snr"`
			Nodes   []struct {
				Pubkey string `json:"pubkey"`
				Count  int    `json:"count"`
			} `json:"nodes"`
		} `json:"properties"`
	} `json:"features"`
	MobileReceptions *int `json:"mobile_receptions"`
	MobileClients    *int `json:"mobile_clients"`
}

// inRing is a ray-casting point-in-polygon test on [lon, lat] pairs, independent of
// the server's hex arithmetic.
func inRing(ring [][2]float64, lon, lat float64) bool {
	in := false
	for i, j := 0, len(ring)-1; i < len(ring); j, i = i, i+1 {
		a, b := ring[i], ring[j]
		if (a[1] > lat) != (b[1] > lat) && lon < (b[0]-a[0])*(lat-a[1])/(b[1]-a[1])+a[0] {
			in = !in
		}
	}
	return in
}

// TestRxCoverage_MatchesSimulatorGroundTruth serves the simulated receptions and checks
// every coverage route against what the simulator published (Generator.ClientRxLog)
// and against SQL over client_receptions.
func TestRxCoverage_MatchesSimulatorGroundTruth(t *testing.T) {
	g, path, now := simReachDB(t)
	truth := g.ClientRxLog()
	if len(truth) < 50 {
		t.Fatalf("simulator published %d client receptions, want a useful sample", len(truth))
	}
	srv := testutil.NewTestServerAt(t, path, func(o *api.Options) {
		o.Now = func() time.Time { return now }
		o.UI.ClientRxCoverage = true
	})

	// Leaderboard: receptions and distinct heard nodes per receiver equal the truth.
	type agg struct {
		n     int
		nodes map[string]bool
	}
	per := map[string]*agg{}
	perNode := map[string]*agg{}
	for _, r := range truth {
		rx, heard := hexKey(r.Rx), hexKey(r.Heard)
		if per[rx] == nil {
			per[rx] = &agg{nodes: map[string]bool{}}
		}
		per[rx].n++
		per[rx].nodes[heard] = true
		if perNode[heard] == nil {
			perNode[heard] = &agg{nodes: map[string]bool{}}
		}
		perNode[heard].n++
		perNode[heard].nodes[rx] = true
	}
	var lb struct {
		Days      int
		Observers []struct {
			Pubkey     string
			Name       string
			Receptions int
			Nodes      int
			Cells      int
			Score      float64
		}
	}
	if code, body := getJSONStatus(t, srv.URL+"/api/rx-leaderboard?days=1", &lb); code != 200 {
		t.Fatalf("leaderboard: %d %s", code, body)
	}
	if len(lb.Observers) != len(per) {
		t.Fatalf("leaderboard has %d receivers, simulator had %d", len(lb.Observers), len(per))
	}
	db, err := schema.OpenReadOnly(context.Background(), path, 1)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	for i, o := range lb.Observers {
		w := per[o.Pubkey]
		if w == nil || o.Receptions != w.n || o.Nodes != len(w.nodes) {
			t.Errorf("receiver %s: %d receptions of %d nodes, simulator %+v", o.Pubkey[:8], o.Receptions, o.Nodes, w)
		}
		var sqlN int
		db.QueryRow(`SELECT COUNT(*) FROM client_receptions WHERE rx_pubkey = ?`, o.Pubkey).Scan(&sqlN)
		if sqlN != o.Receptions {
			t.Errorf("receiver %s: %d receptions, SQL %d", o.Pubkey[:8], o.Receptions, sqlN)
		}
		if o.Name == "" || o.Cells < 1 || o.Score <= 0 || o.Score > float64(o.Cells) {
			t.Errorf("receiver %s: name %q, %d cells, score %v", o.Pubkey[:8], o.Name, o.Cells, o.Score)
		}
		if i > 0 && lb.Observers[i-1].Score < o.Score {
			t.Errorf("leaderboard not ordered by score at %d", i)
		}
	}

	// Coverage: cell counts add up to the truth, and every reception lies inside a cell
	// polygon that lists the node heard, with a best SNR at least the reception's.
	var fc coverageFC
	if code, body := getJSONStatus(t, srv.URL+"/api/rx-coverage?days=1&z=12", &fc); code != 200 {
		t.Fatalf("coverage: %d %s", code, body)
	}
	total := 0
	for _, f := range fc.Features {
		total += f.Properties.Count
	}
	if total != len(truth) {
		t.Errorf("coverage cells count %d receptions, simulator published %d", total, len(truth))
	}
	for _, r := range truth {
		found := 0
		for _, f := range fc.Features {
			if !inRing(f.Geometry.Coordinates[0], r.Lon, r.Lat) {
				continue
			}
			found++
			listed := false
			for _, n := range f.Properties.Nodes {
				listed = listed || n.Pubkey == hexKey(r.Heard)
			}
			if !listed || f.Properties.BestSNR == nil || *f.Properties.BestSNR < r.SNR {
				t.Errorf("cell %s holding a reception of %s: listed %v, best %v < %v", f.Properties.Cell, hexKey(r.Heard)[:8], listed, f.Properties.BestSNR, r.SNR)
			}
		}
		if found != 1 {
			t.Errorf("reception at %.5f,%.5f lies in %d cells, want 1", r.Lat, r.Lon, found)
		}
	}

	// Per node: totals equal the truth, for the busiest heard node.
	var busiest string
	for k, a := range perNode {
		if busiest == "" || a.n > perNode[busiest].n || (a.n == perNode[busiest].n && k < busiest) {
			busiest = k
		}
	}
	var nfc coverageFC
	if code, body := getJSONStatus(t, srv.URL+"/api/nodes/"+busiest+"/rx-coverage?days=1", &nfc); code != 200 {
		t.Fatalf("node coverage: %d %s", code, body)
	}
	if nfc.MobileReceptions == nil || *nfc.MobileReceptions != perNode[busiest].n || *nfc.MobileClients != len(perNode[busiest].nodes) {
		t.Errorf("node %s: %v receptions by %v clients, simulator %d by %d", busiest[:8], nfc.MobileReceptions, nfc.MobileClients, perNode[busiest].n, len(perNode[busiest].nodes))
	}
	// rx= filters to one receiver.
	one := lb.Observers[0].Pubkey
	var rfc coverageFC
	getJSONStatus(t, srv.URL+"/api/rx-coverage?days=1&rx="+one, &rfc)
	got := 0
	for _, f := range rfc.Features {
		got += f.Properties.Count
	}
	if got != per[one].n {
		t.Errorf("rx=%s covers %d receptions, simulator %d", one[:8], got, per[one].n)
	}
	// A bbox around one reception keeps it and drops the far ones.
	r0 := truth[0]
	var bfc coverageFC
	getJSONStatus(t, srv.URL+"/api/rx-coverage?days=1&bbox="+bbox(r0.Lat, r0.Lon, 0.0005), &bfc)
	got = 0
	for _, f := range bfc.Features {
		got += f.Properties.Count
	}
	want := 0
	for _, r := range truth {
		if math.Abs(r.Lat-r0.Lat) <= 0.0005 && math.Abs(r.Lon-r0.Lon) <= 0.0005 {
			want++
		}
	}
	if got != want || want == 0 {
		t.Errorf("bbox around %v,%v: %d receptions, truth %d", r0.Lat, r0.Lon, got, want)
	}
	t.Logf("%d receptions by %d receivers of %d nodes in %d cells; busiest node %s heard %d times",
		len(truth), len(per), len(perNode), len(fc.Features), busiest[:8], perNode[busiest].n)
}

func bbox(lat, lon, d float64) string {
	f := func(v float64) string { return strings.TrimRight(strings.TrimRight(jsonNum(v), "0"), ".") }
	return f(lat-d) + "," + f(lon-d) + "," + f(lat+d) + "," + f(lon+d)
}

func jsonNum(v float64) string { b, _ := json.Marshal(v); return string(b) }
