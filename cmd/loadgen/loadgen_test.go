package main

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/corescope/corescope/internal/meshcore"
	"github.com/corescope/corescope/internal/testutil"
	paho "github.com/eclipse/paho.mqtt.golang"
)

func TestFrameHash_Cases(t *testing.T) {
	cases := map[string]string{
		`{"type":"packet","data":{"id":3,"hash":"ab12cd","observer_id":"X"}}`: "ab12cd",
		`{"type":"packet","data":{"id":3}}`:                                   "",
		`{"hash":""}`:                                                         "",
		`{"hash":"unterminated`:                                               "",
		``:                                                                    "",
	}
	for in, want := range cases {
		if got := frameHash([]byte(in)); got != want {
			t.Errorf("frameHash(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestDetailPaths_PicksBusiestRows(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/api/packets":
			w.Write([]byte(`{"packets":[{"hash":"aa11"}],"total":1}`))
		case "/api/nodes":
			w.Write([]byte(`{"nodes":[{"public_key":"k1","advert_count":2},{"public_key":"k2","advert_count":9}]}`))
		case "/api/channels":
			w.Write([]byte(`{"channels":[{"hash":"7","messageCount":1},{"hash":"#x","messageCount":5}]}`))
		default:
			http.NotFound(w, r)
		}
	}))
	defer srv.Close()
	got, err := detailPaths(context.Background(), srv.Client(), srv.URL)
	if err != nil {
		t.Fatalf("detailPaths: %v", err)
	}
	want := []string{"/api/packets/aa11", "/api/nodes/k2", "/api/channels/%23x/messages?limit=50"}
	if strings.Join(got, " ") != strings.Join(want, " ") {
		t.Errorf("got %v, want %v", got, want)
	}
}

func TestDetailPaths_EmptyServerIsAnError(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Write([]byte(`{"packets":[],"nodes":[],"channels":[]}`))
	}))
	defer srv.Close()
	if _, err := detailPaths(context.Background(), srv.Client(), srv.URL); err == nil {
		t.Error("got nil error for a server without packets")
	}
	down := httptest.NewServer(http.NotFoundHandler())
	defer down.Close()
	if _, err := detailPaths(context.Background(), down.Client(), down.URL); err == nil {
		t.Error("got nil error for 404 answers")
	}
}

func TestCommitWatcher_SeesFixtureRows(t *testing.T) {
	path := testutil.CopyFixture(t)
	ctx := context.Background()
	w, err := openWatcher(ctx, path, time.Millisecond)
	if err != nil {
		t.Fatalf("open watcher: %v", err)
	}
	defer w.close()
	if n, _ := w.state(); n != 0 {
		t.Fatalf("rows before the watermark counted: %d", n)
	}
	var total int
	var hash string
	if err := w.db.QueryRow("SELECT (SELECT COUNT(*) FROM observations), (SELECT MIN(hash) FROM transmissions)").Scan(&total, &hash); err != nil {
		t.Fatal(err)
	}
	w.last, w.lastObs = 0, 0 // pretend every fixture row is new
	w.poll(ctx)
	if n, at := w.state(); n != total || at.IsZero() {
		t.Errorf("seen %d observations (last at %v), want %d", n, at, total)
	}
	if _, ok := w.seenAt(hash); !ok {
		t.Errorf("hash %s not recorded", hash)
	}
	if _, err := openWatcher(ctx, filepath.Join(t.TempDir(), "missing.db"), time.Millisecond); err == nil {
		t.Error("missing database: got nil error")
	}
}

func TestSendN_PublishesHashedMessagesToMosquitto(t *testing.T) {
	m := testutil.StartMosquitto(t)
	broker := fmt.Sprintf("tcp://127.0.0.1:%d", m.Port)
	var got atomic.Int64
	bad := make(chan string, 10)
	sub := paho.NewClient(paho.NewClientOptions().AddBroker(broker).SetClientID("bench-test-sub"))
	if tok := sub.Connect(); !tok.WaitTimeout(10*time.Second) || tok.Error() != nil {
		t.Fatalf("subscriber connect: %v", tok.Error())
	}
	defer sub.Disconnect(100)
	tok := sub.Subscribe("meshcore/#", 1, func(_ paho.Client, msg paho.Message) {
		var body struct{ Raw string }
		if err := json.Unmarshal(msg.Payload(), &body); err != nil {
			bad <- err.Error()
			return
		}
		if _, err := meshcore.ContentHashHex(body.Raw); err != nil {
			bad <- err.Error()
			return
		}
		got.Add(1)
	})
	if !tok.WaitTimeout(10*time.Second) || tok.Error() != nil {
		t.Fatalf("subscribe: %v", tok.Error())
	}
	src, err := newPacketSource(worldFlags{seed: 1, trafficSeed: 2, profile: "realistic"})
	if err != nil {
		t.Fatalf("packet source: %v", err)
	}
	p, err := newPublisher(broker, src)
	if err != nil {
		t.Fatalf("publisher: %v", err)
	}
	defer p.close()
	sent := newSentTimes()
	gated := 0
	gate := func(i int) {
		if i != gated {
			t.Errorf("gate called with %d, want %d", i, gated)
		}
		gated++
	}
	if err := sendN(context.Background(), p, 30, 0, sent, gate); err != nil {
		t.Fatalf("sendN: %v", err)
	}
	if len(sent.m) < 2 || len(sent.m) > 30 || gated != 30 {
		t.Errorf("distinct packets recorded: %d (want 2–30 for 30 messages), gate calls %d (want 30)", len(sent.m), gated)
	}
	deadline := time.Now().Add(10 * time.Second)
	for got.Load() < 30 && time.Now().Before(deadline) {
		select {
		case e := <-bad:
			t.Fatalf("bad message: %s", e)
		case <-time.After(10 * time.Millisecond):
		}
	}
	if got.Load() != 30 {
		t.Errorf("received %d messages, want 30", got.Load())
	}
}

func TestRunIngest_RejectsBadOptions(t *testing.T) {
	if _, err := runIngest(context.Background(), ingestOptions{}); err == nil {
		t.Error("zero options: got nil error")
	}
}
