package ingest_test

import (
	"encoding/json"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/corescope/corescope/internal/ingest"
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
}

func TestIngester_MultibyteSnapshotApplied(t *testing.T) {
	db, path := testutil.OpenTestDB(t)
	good, _ := adverts(t)
	in := openIngester(t, db, nil)
	in.Submit("local", "meshcore/SFO/"+observerKeys[0]+"/packets", packetJSON(good.raw, 1), time.Now(), nil)
	closeIngester(t, in)
	snap := filepath.Join(filepath.Dir(path), "mbcap-snapshot", "snapshot.json")
	os.MkdirAll(filepath.Dir(snap), 0o755)
	os.WriteFile(snap, []byte(`{"writtenAt":"2026-01-01T00:00:00Z","entries":[
		{"public_key":"`+good.pubkey+`","status":"confirmed","evidence":{"hops":3}},
		{"public_key":"ffff","status":"unknown"}]}`), 0o644)
	in = openIngester(t, db, func(o *ingest.Options) {
		o.MultibyteSnapshot = snap
		o.MultibyteInterval = 20 * time.Millisecond
	})
	deadline := time.Now().Add(10 * time.Second)
	for countRows(t, db, `SELECT COUNT(*) FROM nodes WHERE multibyte_sup = 2`) == 0 && time.Now().Before(deadline) {
		time.Sleep(20 * time.Millisecond)
	}
	closeIngester(t, in)
	if got := countRows(t, db, `SELECT COUNT(*) FROM nodes WHERE multibyte_sup = 2 AND multibyte_evidence = '{"hops":3}'`); got != 1 {
		t.Errorf("multibyte verdict: got %d nodes, want 1", got)
	}
}
