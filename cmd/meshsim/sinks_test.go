package main

import (
	"context"
	"log/slog"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	paho "github.com/eclipse/paho.mqtt.golang"

	"github.com/corescope/corescope/internal/meshsim"
	"github.com/corescope/corescope/internal/mqttsource"
	"github.com/corescope/corescope/internal/schema"
	"github.com/corescope/corescope/internal/testutil"
)

func TestDBSink_WritesDecodedRowsOnSimulatedClock(t *testing.T) {
	ctx := context.Background()
	w, err := meshsim.NewWorld(meshsim.DefaultOptions())
	if err != nil {
		t.Fatalf("new world: %v", err)
	}
	path := filepath.Join(t.TempDir(), "sim.db")
	start := time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC)
	s, err := openDBSink(ctx, path, w, start, slog.New(slog.DiscardHandler))
	if err != nil {
		t.Fatalf("open db sink: %v", err)
	}
	ro := meshsim.RunOptions{Limit: 3000, Start: start, Span: 6 * time.Hour}
	st, err := meshsim.Run(ctx, meshsim.NewGenerator(w), s, ro)
	if err != nil {
		t.Fatalf("run: %v", err)
	}
	tot, err := s.Close(ctx)
	if err != nil {
		t.Fatalf("close: %v", err)
	}
	if tot.obs < st.Packets*9/10 || tot.tx == 0 || tot.drops != 0 {
		t.Errorf("totals %+v for %d packet messages: want ≥ 90%% stored as observations, no drops", tot, st.Packets)
	}
	db, err := schema.OpenReadOnly(ctx, path, 1)
	if err != nil {
		t.Fatalf("open read-only: %v", err)
	}
	defer db.Close()
	var (
		obs, dropped, nodes, observers, undecrypted int64
		minTS, maxTS                                int64
	)
	for q, dst := range map[string]any{
		"SELECT COUNT(*) FROM observations":    &obs,
		"SELECT COUNT(*) FROM dropped_packets": &dropped,
		"SELECT COUNT(*) FROM nodes":           &nodes,
		"SELECT COUNT(*) FROM observers":       &observers,
		"SELECT COUNT(*) FROM transmissions WHERE payload_type = 5 AND channel_hash LIKE 'enc_%'": &undecrypted,
		"SELECT MIN(timestamp) FROM observations":                                                 &minTS,
		"SELECT MAX(timestamp) FROM observations":                                                 &maxTS,
	} {
		if err := db.QueryRowContext(ctx, q).Scan(dst); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
	if obs != tot.obs || dropped != 0 || undecrypted != 0 {
		t.Errorf("observations %d (want %d), dropped %d, undecrypted channel rows %d (want 0, 0)", obs, tot.obs, dropped, undecrypted)
	}
	if nodes < 10 || observers != int64(len(w.Observers)) {
		t.Errorf("nodes %d (want ≥ 10), observers %d (want %d)", nodes, observers, len(w.Observers))
	}
	if minTS < start.Unix() || maxTS > start.Add(7*time.Hour).Unix() || maxTS-minTS < 3600 {
		t.Errorf("observation times %d..%d: want within the simulated 6 h from %d", minTS, maxTS, start.Unix())
	}
}

func TestMQTTSink_PublishesPacketsAndStatus(t *testing.T) {
	m := testutil.StartMosquitto(t)
	var packets, statuses atomic.Int64
	sub := paho.NewClient(paho.NewClientOptions().AddBroker("tcp://" + m.Addr()).SetClientID("meshsim-sub"))
	if tok := sub.Connect(); !tok.WaitTimeout(5*time.Second) || tok.Error() != nil {
		t.Fatalf("subscriber connect: %v", tok.Error())
	}
	defer sub.Disconnect(100)
	tok := sub.Subscribe("meshcore/+/+/+", 1, func(_ paho.Client, msg paho.Message) {
		switch filepath.Base(msg.Topic()) {
		case "packets":
			if strings.HasPrefix(msg.Topic(), "meshcore/client/") {
				return // mobile-client coverage reports are not observer packets
			}
			packets.Add(1)
		case "status":
			statuses.Add(1)
		}
	})
	if !tok.WaitTimeout(5*time.Second) || tok.Error() != nil {
		t.Fatalf("subscribe: %v", tok.Error())
	}
	p, err := mqttsource.NewPublisher(mqttsource.DefaultPublisherOptions(m.URL(), "meshsim-test"))
	if err != nil {
		t.Fatalf("publisher: %v", err)
	}
	ctx := context.Background()
	if err := p.Open(ctx); err != nil {
		t.Fatalf("open: %v", err)
	}
	w, err := meshsim.NewWorld(meshsim.DefaultOptions())
	if err != nil {
		t.Fatalf("new world: %v", err)
	}
	st, err := meshsim.Run(ctx, meshsim.NewGenerator(w), mqttSink{p}, meshsim.RunOptions{Limit: 200})
	if err != nil {
		t.Fatalf("run: %v", err)
	}
	if err := p.Close(ctx); err != nil {
		t.Fatalf("close: %v", err)
	}
	deadline := time.Now().Add(10 * time.Second)
	for packets.Load() < st.Packets && time.Now().Before(deadline) {
		time.Sleep(20 * time.Millisecond)
	}
	if packets.Load() != st.Packets || statuses.Load() != st.Statuses || st.Statuses == 0 {
		t.Errorf("received %d packets, %d statuses; want %d and %d (> 0)", packets.Load(), statuses.Load(), st.Packets, st.Statuses)
	}
}

// TestDBSink_ProfileShapes builds a small dataset per profile through the real ingest
// path and checks its shape with SQL: observations per transmission (realistic about 5,
// fixture 1 like ../shared/testdata/corescope-fixture.db's 500/499, dense many), the
// production world's 31 observers, and every packet message stored as one observation.
func TestDBSink_ProfileShapes(t *testing.T) {
	cases := []struct {
		profile  string
		lo, hi   float64 // observations per transmission
		observer int64
	}{
		{"realistic", 4.3, 5.7, 31},
		{"fixture", 1, 1.05, 31},
		{"dense", 8, 40, 20},
	}
	for _, c := range cases {
		t.Run(c.profile, func(t *testing.T) {
			ctx := context.Background()
			o := meshsim.DefaultOptions()
			if err := meshsim.ApplyProfile(&o, c.profile); err != nil {
				t.Fatal(err)
			}
			if c.profile == "dense" {
				o.Nodes, o.Observers = 300, 20 // the earlier benches' 1M world
			}
			w, err := meshsim.NewWorld(o)
			if err != nil {
				t.Fatal(err)
			}
			path := filepath.Join(t.TempDir(), "shape.db")
			start := time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC)
			s, err := openDBSink(ctx, path, w, start, slog.New(slog.DiscardHandler))
			if err != nil {
				t.Fatal(err)
			}
			st, err := meshsim.Run(ctx, meshsim.NewGenerator(w), s, meshsim.RunOptions{Limit: 4000, Start: start, Span: 24 * time.Hour})
			if err != nil {
				t.Fatal(err)
			}
			if _, err := s.Close(ctx); err != nil {
				t.Fatal(err)
			}
			db, err := schema.OpenReadOnly(ctx, path, 1)
			if err != nil {
				t.Fatal(err)
			}
			defer db.Close()
			var tx, obs, observers int64
			err = db.QueryRow(`SELECT (SELECT COUNT(*) FROM transmissions), (SELECT COUNT(*) FROM observations),
				(SELECT COUNT(*) FROM observers)`).Scan(&tx, &obs, &observers)
			if err != nil {
				t.Fatal(err)
			}
			ratio := float64(obs) / float64(tx)
			if ratio < c.lo || ratio > c.hi || observers != c.observer {
				t.Errorf("%d tx, %d obs (%.2f obs/tx), %d observers; want %.2f–%.2f obs/tx and %d observers",
					tx, obs, ratio, observers, c.lo, c.hi, c.observer)
			}
			if c.profile != "dense" && obs != st.Packets {
				t.Errorf("%d observations for %d packet messages: every message should be one observation", obs, st.Packets)
			}
		})
	}
}
