package main

import (
	"context"
	"log/slog"
	"path/filepath"
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
