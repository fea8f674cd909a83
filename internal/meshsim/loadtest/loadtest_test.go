package loadtest

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/corescope/corescope/internal/meshcore"
)

func TestRun_MeasuresEveryPath(t *testing.T) {
	var hits atomic.Int64
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		hits.Add(1)
		if r.URL.Path == "/api/broken" {
			http.Error(w, "nope", http.StatusInternalServerError)
			return
		}
		time.Sleep(time.Millisecond)
		w.Write([]byte(`{"ok":true}`))
	}))
	defer srv.Close()
	o := Options{BaseURL: srv.URL, Paths: []string{"/api/nodes", "/api/broken"}, Concurrency: 4, Duration: 200 * time.Millisecond, Warmup: 1}
	res, err := Run(context.Background(), o)
	if err != nil {
		t.Fatalf("run: %v", err)
	}
	if len(res) != 2 {
		t.Fatalf("results: got %d, want 2", len(res))
	}
	ok, bad := res[0], res[1]
	if ok.Requests < 20 || ok.Errors != 0 || ok.P50 < time.Millisecond || ok.P99 < ok.P50 || ok.RPS <= 0 || ok.Bytes != 11 {
		t.Errorf("healthy path: got %+v", ok)
	}
	if bad.Requests != 0 || bad.Errors == 0 {
		t.Errorf("failing path: got %+v, want only errors", bad)
	}
	var buf bytes.Buffer
	if err := WriteTable(&buf, Summary{Dataset: "t", Concurrency: 4, Results: res}); err != nil {
		t.Fatalf("table: %v", err)
	}
	if !strings.Contains(buf.String(), "| /api/nodes") || !strings.Contains(buf.String(), "p99 ms") {
		t.Errorf("table:\n%s", buf.String())
	}
}

func TestRun_RejectsBadOptions(t *testing.T) {
	if _, err := Run(context.Background(), Options{}); !errors.Is(err, ErrOptions) {
		t.Errorf("got %v, want ErrOptions", err)
	}
}

func TestWaitReady_WaitsFor200(t *testing.T) {
	var calls atomic.Int64
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if calls.Add(1) < 3 {
			w.WriteHeader(http.StatusServiceUnavailable)
			return
		}
		w.Write([]byte(`{"ready":true}`))
	}))
	defer srv.Close()
	if _, err := WaitReady(context.Background(), srv.Client(), srv.URL+"/api/healthz", 5*time.Millisecond); err != nil {
		t.Fatalf("wait ready: %v", err)
	}
	if calls.Load() != 3 {
		t.Errorf("polls: got %d, want 3", calls.Load())
	}
	ctx, cancel := context.WithTimeout(context.Background(), 50*time.Millisecond)
	defer cancel()
	if _, err := WaitReady(ctx, srv.Client(), "http://127.0.0.1:1/api/healthz", 5*time.Millisecond); err == nil {
		t.Errorf("unreachable server: got nil error, want a timeout")
	}
}

func TestRSSKiB_OwnProcess(t *testing.T) {
	n, err := RSSKiB(os.Getpid())
	if err != nil || n <= 0 {
		t.Errorf("got %d, %v; want a positive RSS", n, err)
	}
	if _, err := parseStatusKiB(bufio.NewScanner(strings.NewReader("Name: x\nVmRSS: lots kB\n")), "VmRSS:"); err == nil {
		t.Errorf("garbage VmRSS: got nil error")
	}
	// The peak can never be below the current resident size (proc(5): VmHWM is the peak RSS).
	if hwm, err := HWMKiB(os.Getpid()); err != nil || hwm < n {
		t.Errorf("VmHWM %d, %v; want ≥ VmRSS %d", hwm, err, n)
	}
	status := "Name:\tcorescope-serve\nVmPeak:\t 2000000 kB\nVmHWM:\t  425984 kB\nVmRSS:\t  300000 kB\n"
	if hwm, err := parseStatusKiB(bufio.NewScanner(strings.NewReader(status)), "VmHWM:"); err != nil || hwm != 425984 {
		t.Errorf("VmHWM of a sample status: got %d, %v; want 425984", hwm, err)
	}
	if _, err := parseStatusKiB(bufio.NewScanner(strings.NewReader("Name: x\n")), "VmHWM:"); err == nil {
		t.Errorf("no VmHWM line: got nil error")
	}
	if _, err := RSSKiB(-5); err == nil {
		t.Errorf("bad pid: got nil error")
	}
}

func TestPercentile_NearestRank(t *testing.T) {
	s := []time.Duration{1, 2, 3, 4, 5, 6, 7, 8, 9, 10}
	for p, want := range map[float64]time.Duration{0.5: 5, 0.95: 10, 0.99: 10, 0.1: 1} {
		if got := percentile(s, p); got != want {
			t.Errorf("p%v: got %v, want %v", p, got, want)
		}
	}
	if percentile(nil, 0.5) != 0 {
		t.Errorf("empty: want 0")
	}
}

func TestRun_CountsRequestsCutOffByTheDeadline(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		select {
		case <-time.After(2 * time.Second):
		case <-r.Context().Done():
		}
	}))
	defer srv.Close()
	res, err := Run(context.Background(), Options{BaseURL: srv.URL, Paths: []string{"/slow"}, Concurrency: 3, Duration: 100 * time.Millisecond})
	if err != nil {
		t.Fatalf("run: %v", err)
	}
	if r := res[0]; r.Requests != 0 || r.Unfinished != 3 || r.Errors != 0 {
		t.Errorf("got %+v, want 3 unfinished and nothing else", r)
	}
}

func TestSummarize_NearestRank(t *testing.T) {
	var s []time.Duration
	for i := 100; i >= 1; i-- { // unsorted on purpose
		s = append(s, time.Duration(i)*time.Millisecond)
	}
	got := Summarize(s)
	if got.N != 100 || got.P50 != 50*time.Millisecond || got.P95 != 95*time.Millisecond || got.P99 != 99*time.Millisecond {
		t.Errorf("got %+v", got)
	}
	if z := Summarize(nil); z != (Latency{}) {
		t.Errorf("empty: got %+v", z)
	}
}

func TestWriteTable_IngestRows(t *testing.T) {
	in := &Ingest{ObsPerTx: 4.9, BurstSent: 1000, BurstCommitted: 990, BurstRate: 4321, Window: 300, QueueDrops: 4,
		BurstWS:   WSResult{Clients: 20, Expected: 20000, Delivered: 19000, Latency: Latency{N: 19000, P95: 2500 * time.Millisecond}, For: 10 * time.Second},
		PacedRate: 250, PacedFor: 30 * time.Second, PacedSent: 7500, PacedPackets: 1530, PollEvery: 5 * time.Millisecond,
		Commit: Latency{N: 1500, P50: 12 * time.Millisecond, P95: 40 * time.Millisecond},
		WS:     WSResult{Clients: 500, Expected: 3750000, Delivered: 3750000, Latency: Latency{N: 3750000, P95: 80 * time.Millisecond}, For: 30 * time.Second}}
	var buf bytes.Buffer
	if err := WriteTable(&buf, Summary{Dataset: "1m", Ingest: in}); err != nil {
		t.Fatal(err)
	}
	out := buf.String()
	for _, want := range []string{"1000 msgs (4.9 obs/tx)", "4321 obs/s committed", "≤ 300 uncommitted", "10 lost, 4 queue drops",
		"during the burst, 20 clients (95.00% delivered)", "| 1900 frames/s out", "| 2500.0", // 19000 frames over 10 s
		"1500 packets committed", "| 30 lost", "12.0", "40.0",
		"idle (250 obs/s), 500 clients (100.00% delivered)", "| 125000 frames/s out", "80.0"} {
		if !strings.Contains(out, want) {
			t.Errorf("table lacks %q:\n%s", want, out)
		}
	}
}

// The header states the dataset's shape and every memory and analytics figure; the
// expected strings are worked out by hand (969609 / 200499 = 4.836 obs/tx).
func TestWriteTable_ShapeHeader(t *testing.T) {
	s := Summary{Dataset: "1m realistic", Concurrency: 50, Ready: 7300 * time.Millisecond,
		Shape:       Shape{Transmissions: 200499, Observations: 969609, Nodes: 200, Observers: 31, DBBytes: 895_000_000},
		RSSReadyKiB: 416 * 1024, RSSLoadPeakKiB: 512 * 1024, RSSAfterKiB: 450 * 1024, RSSPeakKiB: 600 * 1024,
		AnalyticsPass: 5670 * time.Millisecond}
	var buf bytes.Buffer
	if err := WriteTable(&buf, s); err != nil {
		t.Fatal(err)
	}
	out := buf.String()
	for _, want := range []string{
		"dataset 1m realistic: 200499 transmissions, 969609 observations (4.84 obs/tx), 200 nodes, 31 observers, DB 895.0 MB",
		"startup to ready: 7.3s; RSS at ready 416.0 MiB, peak during load 512.0 MiB, after endpoint load 450.0 MiB, peak over the run 600.0 MiB; 50 connections",
		"first full analytics pass: 5.67s",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("header lacks %q:\n%s", want, out)
		}
	}
	buf.Reset()
	if err := WriteTable(&buf, Summary{Dataset: "empty"}); err != nil {
		t.Fatal(err)
	}
	if out := buf.String(); !strings.Contains(out, "(0.00 obs/tx)") || !strings.Contains(out, "first full analytics pass: not finished within the run") {
		t.Errorf("empty summary header:\n%s", out)
	}
}

func TestWriteTable_NoSamplesIsNotZero(t *testing.T) {
	var buf bytes.Buffer
	err := WriteTable(&buf, Summary{Results: []Result{{Path: "/api/slow", Unfinished: 50}}})
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(buf.String(), "| n/a    | n/a    | n/a    | 0 ") {
		t.Errorf("an endpoint without finished requests must show n/a:\n%s", buf.String())
	}
}

func TestPacketMessage_UniqueAndHashed(t *testing.T) {
	seen := map[string]bool{}
	for i := range 50 {
		body, hash, err := PacketMessage("Bench", i, i%3)
		if err != nil {
			t.Fatalf("message %d: %v", i, err)
		}
		var m struct{ Origin, Raw string }
		if err := json.Unmarshal([]byte(body), &m); err != nil {
			t.Fatalf("message %d is not JSON: %v\n%s", i, err, body)
		}
		want, err := meshcore.ContentHashHex(m.Raw)
		if err != nil || want != hash {
			t.Errorf("message %d: hash %q, want %q (%v)", i, hash, want, err)
		}
		if m.Origin != fmt.Sprintf("Bench %d", i%3) || seen[hash] {
			t.Errorf("message %d: origin %q, repeated hash %v", i, m.Origin, seen[hash])
		}
		seen[hash] = true
	}
	if a, b := ObserverTopic("SJC", 0), ObserverTopic("SJC", 1); a == b || !strings.HasPrefix(a, "meshcore/SJC/2020") || !strings.HasSuffix(a, "/packets") {
		t.Errorf("topics %q, %q", a, b)
	}
}
