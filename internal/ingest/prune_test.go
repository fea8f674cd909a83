package ingest_test

import (
	"encoding/json"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/corescope/corescope/internal/ingest"
	"github.com/corescope/corescope/internal/sidechannel"
	"github.com/corescope/corescope/internal/testutil"
)

func TestIngester_GeoPruneRequestFiles(t *testing.T) {
	db, path := testutil.OpenTestDB(t)
	good, _ := adverts(t)
	in := openIngester(t, db, nil)
	in.Submit("local", "meshcore/SFO/"+observerKeys[0]+"/packets", packetJSON(good.raw, 1), time.Now(), nil)
	closeIngester(t, in)
	dir := filepath.Join(filepath.Dir(path), "prune-requests")
	os.MkdirAll(dir, 0o755)
	os.WriteFile(filepath.Join(dir, "request-ab12.json"),
		[]byte(`{"id":"ab12","requestedAt":"2026-01-01T00:00:00Z","reason":"geo","pubkeys":["`+good.pubkey+`","00ff"]}`), 0o644)
	os.WriteFile(filepath.Join(dir, "request-zz.json"), []byte(`{}`), 0o644) // not a valid id: ignored
	planted := filepath.Join(dir, "request-cd.json")                         // writable by others: never acted on
	os.WriteFile(planted, []byte(`{"id":"cd","pubkeys":["`+good.pubkey+`"]}`), 0o666)
	os.Chmod(planted, 0o666)

	in = openIngester(t, db, func(o *ingest.Options) {
		o.PruneDir = dir
		o.PruneInterval = 20 * time.Millisecond
	})
	result := filepath.Join(dir, "result-ab12.json")
	deadline := time.Now().Add(10 * time.Second)
	for time.Now().Before(deadline) {
		if _, err := os.Stat(result); err == nil {
			break
		}
		time.Sleep(20 * time.Millisecond)
	}
	closeIngester(t, in)
	b, err := os.ReadFile(result)
	if err != nil {
		t.Fatalf("result file: %v", err)
	}
	var r struct {
		ID          string
		Deleted     int
		CompletedAt string
	}
	json.Unmarshal(b, &r)
	if r.ID != "ab12" || r.Deleted != 1 || r.CompletedAt == "" {
		t.Errorf("result: %s", b)
	}
	if countRows(t, db, `SELECT COUNT(*) FROM nodes`) != 0 {
		t.Error("node not deleted")
	}
	if _, err := os.Stat(filepath.Join(dir, "request-ab12.json")); !os.IsNotExist(err) {
		t.Error("request file not removed")
	}
	if _, err := os.Stat(filepath.Join(dir, "request-zz.json")); err != nil {
		t.Error("invalid request name should be left alone")
	}
	if _, err := os.Stat(filepath.Join(dir, "result-cd.json")); !os.IsNotExist(err) {
		t.Error("a world-writable request file was handled")
	}
}

// TestIngester_GeoFilterOverrideFile: the server's geo-filter.json replaces the configured
// filter (a polygon excluding the advert drops it in drop mode; an empty polygon clears a
// configured filter that would have dropped it).
func TestIngester_GeoFilterOverrideFile(t *testing.T) {
	good, _ := adverts(t)
	topic := "meshcore/SFO/" + observerKeys[0] + "/packets"
	outside := [][2]float64{{0, 0}, {0, 1}, {1, 1}} // the test advert lies outside this triangle
	run := func(t *testing.T, configured *ingest.GeoFilter, override *sidechannel.GeoFilter) int {
		db, path := testutil.OpenTestDB(t)
		file := sidechannel.GeoFilterPath(path)
		if override != nil {
			if err := sidechannel.WriteGeoFilter(file, *override); err != nil {
				t.Fatal(err)
			}
		}
		in := openIngester(t, db, func(o *ingest.Options) {
			o.GeoFilter, o.ForeignDrop, o.GeoFilterFile = configured, true, file
		})
		in.Submit("local", topic, packetJSON(good.raw, 1), time.Now(), nil)
		closeIngester(t, in)
		return countRows(t, db, `SELECT COUNT(*) FROM nodes WHERE public_key = ?`, good.pubkey)
	}
	if n := run(t, nil, &sidechannel.GeoFilter{Polygon: outside}); n != 0 {
		t.Errorf("override polygon excluding the advert: %d nodes stored, want 0", n)
	}
	if n := run(t, &ingest.GeoFilter{Polygon: outside}, &sidechannel.GeoFilter{}); n != 1 {
		t.Errorf("override clearing the configured filter: %d nodes stored, want 1", n)
	}
	if n := run(t, &ingest.GeoFilter{Polygon: outside}, nil); n != 0 {
		t.Errorf("no override, configured filter: %d nodes stored, want 0", n)
	}
}
