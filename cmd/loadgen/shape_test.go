package main

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/corescope/corescope/internal/meshcore"
	"github.com/corescope/corescope/internal/meshsim"
	"github.com/corescope/corescope/internal/meshsim/loadtest"
	"github.com/corescope/corescope/internal/testutil"
)

// The fixture's shape as stated for it (499 transmissions, 500 observations, 200 nodes,
// 31 observers), and its size on disk.
func TestDatasetShape_Fixture(t *testing.T) {
	path := testutil.CopyFixture(t)
	s, err := datasetShape(context.Background(), path)
	if err != nil {
		t.Fatalf("shape: %v", err)
	}
	if s.Transmissions != 499 || s.Observations != 500 || s.Nodes != 200 || s.Observers != 31 {
		t.Errorf("shape %+v, want 499 tx, 500 obs, 200 nodes, 31 observers", s)
	}
	st, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	if s.DBBytes < st.Size() {
		t.Errorf("DB bytes %d, want at least the file's %d", s.DBBytes, st.Size())
	}
	if _, err := datasetShape(context.Background(), filepath.Join(t.TempDir(), "missing.db")); err == nil {
		t.Error("missing dataset: got nil error")
	}
}

func TestFirstAnalyticsPass_TextAndJSONLogs(t *testing.T) {
	dir := t.TempDir()
	write := func(name, body string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	text := write("text.log", `time=2026-12-07T21:00:00Z level=INFO msg="store loaded" rows=100
time=2026-12-07T21:00:01Z level=DEBUG msg="recompute analytics" component=api path=/api/analytics/rf ms=99
time=2026-12-07T21:00:06Z level=INFO msg="recomputed analytics" component=api ms=5670
time=2026-12-07T21:01:06Z level=INFO msg="recomputed analytics" component=api ms=4000
`)
	if d, ok := firstAnalyticsPass(text); !ok || d != 5670*time.Millisecond {
		t.Errorf("text log: got %v, %v; want 5.67s", d, ok)
	}
	js := write("json.log", `{"time":"x","level":"INFO","msg":"recomputed analytics","component":"api","ms":103719}`+"\n")
	if d, ok := firstAnalyticsPass(js); !ok || d != 103719*time.Millisecond {
		t.Errorf("json log: got %v, %v; want 1m43.719s", d, ok)
	}
	none := write("none.log", "level=INFO msg=\"recompute analytics\" err=boom\n")
	if _, ok := firstAnalyticsPass(none); ok {
		t.Error("a log without a finished pass reported one")
	}
	if _, ok := firstAnalyticsPass(filepath.Join(dir, "missing.log")); ok {
		t.Error("a missing log reported a pass")
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if d := waitAnalyticsPass(ctx, none, time.Hour); d != 0 {
		t.Errorf("cancelled wait: got %v, want 0", d)
	}
}

// The ingest phase's packets are new: none has the hash of a packet the dataset's own
// traffic (same world, the dataset's seed) produced, and each is published by several
// distinct observers of that world, about five on average for the realistic profile.
func TestPacketSource_NewPacketsFromTheDatasetsObservers(t *testing.T) {
	f := worldFlags{seed: 1, trafficSeed: 0x5eed, profile: "realistic"}
	src, err := newPacketSource(f)
	if err != nil {
		t.Fatalf("source: %v", err)
	}
	o := meshsim.DefaultOptions()
	if err := meshsim.ApplyProfile(&o, "realistic"); err != nil {
		t.Fatal(err)
	}
	w, err := meshsim.NewWorld(o)
	if err != nil {
		t.Fatal(err)
	}
	topics := map[string]bool{}
	for _, ob := range w.Observers {
		topics["meshcore/"+ob.IATA+"/"+ob.ID+"/packets"] = true
	}
	observersOf := map[string]map[string]bool{}
	const n = 3000
	for i := 0; i < n; i++ {
		topic, _, hash, err := src.next()
		if err != nil {
			t.Fatalf("message %d: %v", i, err)
		}
		if !topics[topic] {
			t.Fatalf("topic %s is not one of the world's observers", topic)
		}
		if observersOf[hash] == nil {
			observersOf[hash] = map[string]bool{}
		}
		if observersOf[hash][topic] {
			t.Fatalf("packet %s published twice by %s", hash, topic)
		}
		observersOf[hash][topic] = true
	}
	if ratio := float64(n) / float64(len(observersOf)); ratio < 4 || ratio > 6 {
		t.Errorf("%.2f messages per packet, want about 5", ratio)
	}
	// The dataset: the same world's own traffic over the 72 h before now, as meshsim -db builds it.
	g := meshsim.NewGenerator(w)
	at := time.Now().Add(-72 * time.Hour)
	for i := 0; i < 5000; i++ {
		msgs, err := g.Step(at.Add(time.Duration(i) * 50 * time.Second))
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range msgs {
			var b struct{ Raw string }
			if m.Info == nil || json.Unmarshal(m.Payload, &b) != nil {
				continue
			}
			if hash, _ := meshcore.ContentHashHex(b.Raw); observersOf[hash] != nil {
				t.Fatalf("packet %s also appears in the dataset's traffic", hash)
			}
		}
	}
}

func TestShape_RoundTripsThroughJSON(t *testing.T) {
	path := filepath.Join(t.TempDir(), "shape.json")
	in := loadtest.Shape{Transmissions: 200499, Observations: 969609, Nodes: 200, Observers: 31, DBBytes: 895 << 20}
	if err := writeShape(path, in); err != nil {
		t.Fatalf("write: %v", err)
	}
	if out, err := readShape(path); err != nil || out != in {
		t.Errorf("read back %+v, %v; want %+v", out, err, in)
	}
	if _, err := readShape(filepath.Join(t.TempDir(), "none.json")); err == nil {
		t.Error("missing file: got nil error")
	}
}
