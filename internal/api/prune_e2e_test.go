package api_test

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/corescope/corescope/internal/api"
	"github.com/corescope/corescope/internal/ingest"
	"github.com/corescope/corescope/internal/sidechannel"
	"github.com/corescope/corescope/internal/testutil"
)

const pruneKey = "a-strong-prune-test-key-0123456789"

// TestPruneGeoFilter_EndToEnd runs the whole job on a fixture copy: PUT a box-shaped
// polygon, preview, confirm, then the real ingester's poller (the only writer) deletes the
// nodes and the status route reports it. Expectations are SQL on the database: the nodes
// with GPS (not 0,0) outside the box.
func TestPruneGeoFilter_EndToEnd(t *testing.T) {
	ts := testutil.NewTestServer(t, func(o *api.Options) { o.APIKey = pruneKey })
	key := map[string]string{"X-API-Key": pruneKey}
	call := func(method, path, body string, want int) []byte {
		t.Helper()
		req, _ := http.NewRequest(method, ts.URL+path, strings.NewReader(body))
		for k, v := range key {
			req.Header.Set(k, v)
		}
		res, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer res.Body.Close()
		b, _ := io.ReadAll(res.Body)
		if res.StatusCode != want {
			t.Fatalf("%s %s: status %d, want %d: %s", method, path, res.StatusCode, want, b)
		}
		return b
	}
	const box = `lat BETWEEN 37.2 AND 37.6 AND lon BETWEEN -122.4 AND -121.8`
	const hasGPS = `lat IS NOT NULL AND lon IS NOT NULL AND NOT (lat = 0 AND lon = 0)`
	want := sqlKeys(t, ts, `SELECT lower(public_key) FROM nodes WHERE `+hasGPS+` AND NOT (`+box+`)`)
	var before int
	ts.WriterDB.QueryRow(`SELECT COUNT(*) FROM nodes`).Scan(&before)
	if len(want) < 10 || len(want) >= before {
		t.Fatalf("fixture: %d of %d nodes outside the box; the test needs some on each side", len(want), before)
	}

	call("POST", "/api/admin/prune-geo-filter", "", http.StatusBadRequest) // no filter yet
	call("PUT", "/api/config/geo-filter", `{"polygon":[[37.2,-122.4],[37.6,-122.4],[37.6,-121.8],[37.2,-121.8]],"bufferKm":0}`, http.StatusOK)

	var preview struct {
		DryRun bool `json:"dryRun"`
		Count  int  `json:"count"`
		Nodes  []struct {
			Pubkey string `json:"pubkey"`
		} `json:"nodes"`
	}
	json.Unmarshal(call("POST", "/api/admin/prune-geo-filter", "", http.StatusOK), &preview)
	var got []string
	for _, n := range preview.Nodes {
		got = append(got, n.Pubkey)
	}
	if !preview.DryRun || preview.Count != len(want) || strings.Join(got, ",") != strings.Join(want, ",") {
		t.Fatalf("preview: dryRun %v count %d, nodes differ from SQL (%d): %v", preview.DryRun, preview.Count, len(want), preview.Nodes)
	}
	var after int
	ts.WriterDB.QueryRow(`SELECT COUNT(*) FROM nodes`).Scan(&after)
	if after != before {
		t.Fatal("the dry run deleted nodes")
	}

	call("POST", "/api/admin/prune-geo-filter?confirm=true", `{}`, http.StatusBadRequest)
	call("POST", "/api/admin/prune-geo-filter?confirm=true", `{"pubkeys":["00ff"]}`, http.StatusBadRequest) // not outside
	body, _ := json.Marshal(map[string]any{"pubkeys": append([]string{"00ff", strings.ToUpper(want[0])}, want[1:]...)})
	var queued struct {
		Accepted  bool   `json:"accepted"`
		RequestID string `json:"requestId"`
		Count     int    `json:"count"`
		StatusURL string `json:"statusUrl"`
	}
	json.Unmarshal(call("POST", "/api/admin/prune-geo-filter?confirm=true", string(body), http.StatusAccepted), &queued)
	if !queued.Accepted || queued.Count != len(want) || !sidechannel.ValidPruneID(queued.RequestID) ||
		queued.StatusURL != "/api/admin/prune-geo-filter/status?id="+queued.RequestID {
		t.Fatalf("confirm: %+v", queued)
	}
	var st struct {
		Status      string `json:"status"`
		Deleted     int    `json:"deleted"`
		CompletedAt string `json:"completedAt"`
	}
	json.Unmarshal(call("GET", queued.StatusURL, "", http.StatusOK), &st)
	if st.Status != "pending" {
		t.Fatalf("before the ingestor ran: status %q, want pending", st.Status)
	}

	o := ingest.DefaultOptions()
	o.Retention, o.IncrementalVacuumPages = ingest.Retention{}, 0
	o.PruneDir, o.PruneInterval = sidechannel.PruneDir(ts.DBPath), 20*time.Millisecond
	in := ingest.New(ts.WriterDB, o)
	if err := in.Open(context.Background()); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
		defer cancel()
		in.Close(ctx)
	})
	deadline := time.Now().Add(20 * time.Second)
	for st.Status == "pending" && time.Now().Before(deadline) {
		time.Sleep(20 * time.Millisecond)
		json.Unmarshal(call("GET", queued.StatusURL, "", http.StatusOK), &st)
	}
	if st.Status != "done" || st.Deleted != len(want) || st.CompletedAt == "" {
		t.Fatalf("status after the ingestor: %+v, want done with %d deleted", st, len(want))
	}
	if left := sqlKeys(t, ts, `SELECT lower(public_key) FROM nodes WHERE `+hasGPS+` AND NOT (`+box+`)`); len(left) != 0 {
		t.Errorf("%d nodes outside the polygon remain: %v", len(left), left)
	}
	ts.WriterDB.QueryRow(`SELECT COUNT(*) FROM nodes`).Scan(&after)
	if after != before-len(want) {
		t.Errorf("nodes: %d after, %d before, %d pruned", after, before, len(want))
	}
	call("GET", "/api/admin/prune-geo-filter/status?id=0123abcd", "", http.StatusNotFound)
	call("GET", "/api/admin/prune-geo-filter/status?id=../etc", "", http.StatusBadRequest)
}

func sqlKeys(t *testing.T, ts *testutil.TestServer, q string) []string {
	t.Helper()
	rows, err := ts.WriterDB.Query(q)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var k string
		rows.Scan(&k)
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}
