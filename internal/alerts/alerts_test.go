package alerts

import (
	"bytes"
	"context"
	"encoding/json"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/corescope/corescope/internal/statsfile"
)

// receiver is a real webhook endpoint on 127.0.0.1 that records events.
type receiver struct {
	srv  *httptest.Server
	mu   sync.Mutex
	got  []Event
	fail int // answer 500 to this many requests first
}

func newReceiver(t *testing.T) *receiver {
	r := &receiver{}
	r.srv = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, req *http.Request) {
		r.mu.Lock()
		defer r.mu.Unlock()
		if req.Method != http.MethodPost || req.Header.Get("Content-Type") != "application/json" {
			t.Errorf("webhook got %s %s", req.Method, req.Header.Get("Content-Type"))
		}
		if r.fail > 0 {
			r.fail--
			w.WriteHeader(http.StatusInternalServerError)
			return
		}
		var ev Event
		if err := json.NewDecoder(req.Body).Decode(&ev); err != nil {
			t.Errorf("webhook body: %v", err)
		}
		r.got = append(r.got, ev)
	}))
	t.Cleanup(r.srv.Close)
	return r
}

// take returns and clears the events received so far.
func (r *receiver) take() []Event {
	r.mu.Lock()
	defer r.mu.Unlock()
	out := r.got
	r.got = nil
	return out
}

func summary(evs []Event) string {
	var s []string
	for _, e := range evs {
		s = append(s, e.Status+" "+e.Kind+" "+e.Subject)
	}
	return strings.Join(s, "; ")
}

func writeStats(t *testing.T, path string, at time.Time, srcs ...statsfile.SourceStatus) {
	t.Helper()
	if err := statsfile.Write(path, &statsfile.Snapshot{SampledAt: at.UTC().Format(time.RFC3339), SourceStatuses: srcs}); err != nil {
		t.Fatal(err)
	}
	if err := os.Chtimes(path, at, at); err != nil {
		t.Fatal(err)
	}
}

func TestManager_IngestAndSourceEpisodes(t *testing.T) {
	rcv := newReceiver(t)
	stats := filepath.Join(t.TempDir(), "stats.json")
	now := time.Now().Truncate(time.Second)
	m := New(Options{Webhooks: []string{rcv.srv.URL + "/hook"}, Renotify: time.Hour, StatsPath: stats,
		IngestStalled: 2 * time.Minute, SourceSilent: 30 * time.Minute, Now: func() time.Time { return now }})
	ctx := context.Background()
	src := statsfile.SourceStatus{Name: "local", Connected: true, LastPacketUnix: now.Unix()}
	writeStats(t, stats, now, src)
	m.Tick(ctx)
	if evs := rcv.take(); len(evs) != 0 {
		t.Fatalf("healthy ingestor: got %s", summary(evs))
	}

	// The ingestor dies: its stats file stops changing.
	now = now.Add(10 * time.Minute)
	m.Tick(ctx)
	evs := rcv.take()
	if len(evs) != 1 || evs[0].Status != "firing" || evs[0].Kind != KindIngestStalled || evs[0].Reminder != 0 {
		t.Fatalf("stalled ingestor: got %s, want one firing ingest_stalled (source silence suppressed)", summary(evs))
	}
	if !strings.Contains(evs[0].Text, "ingest_stalled") || evs[0].Since == "" {
		t.Fatalf("event text/since: %+v", evs[0])
	}
	for range 3 { // de-duplicated: one notification per episode
		now = now.Add(time.Minute)
		m.Tick(ctx)
	}
	if evs := rcv.take(); len(evs) != 0 {
		t.Fatalf("repeat ticks re-notified: %s", summary(evs))
	}
	if m.Firing() != 1 {
		t.Fatalf("Firing() = %d, want 1", m.Firing())
	}
	now = now.Add(time.Hour)
	m.Tick(ctx)
	if evs := rcv.take(); len(evs) != 1 || evs[0].Reminder != 1 || evs[0].Status != "firing" {
		t.Fatalf("after renotify interval: got %+v, want one reminder", evs)
	}

	// The ingestor is back, but its source has been silent for an hour.
	src.LastPacketUnix = now.Add(-time.Hour).Unix()
	writeStats(t, stats, now, src)
	m.Tick(ctx)
	evs = rcv.take()
	if summary(evs) != "firing source_silent local; resolved ingest_stalled ingestor" {
		t.Fatalf("recovery with silent source: got %s", summary(evs))
	}
	m.opts.SourceSilentBy = map[string]time.Duration{"local": 0} // this source is never reported silent
	m.Tick(ctx)
	if got := summary(rcv.take()); got != "resolved source_silent local" {
		t.Fatalf("per-source override: got %s", got)
	}
	m.opts.SourceSilentBy = nil
	m.Tick(ctx)
	if got := summary(rcv.take()); got != "firing source_silent local" {
		t.Fatalf("override removed: got %s", got)
	}
	src.LastPacketUnix = now.Unix()
	writeStats(t, stats, now, src)
	m.Tick(ctx)
	if got := summary(rcv.take()); got != "resolved source_silent local" {
		t.Fatalf("source back: got %s", got)
	}
	if m.Firing() != 0 {
		t.Fatalf("Firing() = %d after recovery", m.Firing())
	}
	// The stats file disappears after having existed: stalled again.
	os.Remove(stats)
	m.Tick(ctx)
	if got := summary(rcv.take()); got != "firing ingest_stalled ingestor" {
		t.Fatalf("stats file removed: got %s", got)
	}
}

func TestManager_WriterStuckWhileStatsFresh(t *testing.T) {
	rcv := newReceiver(t)
	stats := filepath.Join(t.TempDir(), "stats.json")
	now := time.Now().Truncate(time.Second)
	m := New(Options{Webhooks: []string{rcv.srv.URL}, StatsPath: stats, IngestStalled: 2 * time.Minute,
		SourceSilent: time.Minute, Now: func() time.Time { return now }})
	write := func(commits int64) {
		t.Helper()
		s := &statsfile.Snapshot{SampledAt: now.UTC().Format(time.RFC3339), QueueDepth: 900, WALCommits: commits,
			SourceStatuses: []statsfile.SourceStatus{{Name: "local", LastPacketUnix: now.Unix()}}}
		if err := statsfile.Write(stats, s); err != nil {
			t.Fatal(err)
		}
		os.Chtimes(stats, now, now)
	}
	write(10)
	m.Tick(context.Background())
	now = now.Add(3 * time.Minute)
	write(10)
	m.Tick(context.Background())
	evs := rcv.take()
	if summary(evs) != "firing ingest_stalled ingestor" || !strings.Contains(evs[0].Message, "900 messages queued") {
		t.Fatalf("stuck writer: got %+v", evs)
	}
	now = now.Add(time.Second)
	write(11)
	m.Tick(context.Background())
	if got := summary(rcv.take()); got != "resolved ingest_stalled ingestor" {
		t.Fatalf("writer recovered: got %s", got)
	}
}

func TestManager_ObserversAndClaimedNodes(t *testing.T) {
	rcv := newReceiver(t)
	now := time.Now()
	observers := []Seen{
		{ID: "obs1", Name: "Hilltop", LastSeen: now.Add(-2 * time.Hour)},
		{ID: "obs2", Name: "Retired", LastSeen: now.Add(-30 * 24 * time.Hour)}, // outside the default window
		{ID: "obs3", Name: "Fresh", LastSeen: now.Add(-time.Minute)},
	}
	nodes := map[string]Seen{"aa11": {ID: "aa11", Name: "Base", LastSeen: now.Add(-3 * time.Hour)},
		"bb22": {ID: "bb22", Name: "Roof", LastSeen: now.Add(-time.Minute)}}
	m := New(Options{Webhooks: []string{rcv.srv.URL}, ObserverOffline: time.Hour, NodeSilent: 2 * time.Hour,
		Nodes: []string{"AA11", "bb22", "cc33"}, Now: func() time.Time { return now },
		Observers: func() ([]Seen, error) { return observers, nil },
		NodesSeen: func(keys []string) ([]Seen, error) {
			var out []Seen
			for _, k := range keys {
				if n, ok := nodes[strings.ToLower(k)]; ok {
					out = append(out, n)
				}
			}
			return out, nil
		}})
	ready := false
	m.opts.Ready = func() bool { return ready }
	m.Tick(context.Background())
	if evs := rcv.take(); len(evs) != 0 {
		t.Fatalf("store not loaded yet: got %s, want nothing", summary(evs))
	}
	ready = true
	m.Tick(context.Background())
	evs := rcv.take()
	if got := summary(evs); got != "firing node_silent aa11; firing node_silent cc33; firing observer_offline obs1" {
		t.Fatalf("got %s", got)
	}
	if !strings.Contains(evs[1].Message, "never heard") || evs[2].Name != "Hilltop" {
		t.Fatalf("messages: %+v", evs)
	}
	// An explicit watch list includes long-dead observers and nothing else.
	m2 := New(Options{Webhooks: []string{rcv.srv.URL}, ObserverOffline: time.Hour, WatchObservers: []string{"OBS2"},
		Now: func() time.Time { return now }, Observers: func() ([]Seen, error) { return observers, nil }})
	m2.Tick(context.Background())
	if got := summary(rcv.take()); got != "firing observer_offline obs2" {
		t.Fatalf("watch list: got %s", got)
	}
}

func TestManager_FailedDeliveryRetriesAndHidesSecret(t *testing.T) {
	rcv := newReceiver(t)
	rcv.fail = 1
	now := time.Now()
	var logs bytes.Buffer
	m := New(Options{Webhooks: []string{rcv.srv.URL + "/services/T000/SECRET-PATH"}, NodeSilent: time.Hour, Nodes: []string{"dd44"},
		Now: func() time.Time { return now }, NodesSeen: func([]string) ([]Seen, error) { return nil, nil },
		Logger: slog.New(slog.NewTextHandler(&logs, nil))})
	m.Tick(context.Background())
	if evs := rcv.take(); len(evs) != 0 || m.Firing() != 0 {
		t.Fatalf("500 answer counted as delivered: %v", evs)
	}
	now = now.Add(30 * time.Second)
	m.Tick(context.Background())
	if got := summary(rcv.take()); got != "firing node_silent dd44" {
		t.Fatalf("retry: got %s", got)
	}
	// A receiver that is gone: the error is logged without the URL's secret path.
	dead := httptest.NewServer(http.NotFoundHandler())
	dead.Close()
	m3 := New(Options{Webhooks: []string{dead.URL + "/hooks/SECRET-TOKEN"}, NodeSilent: time.Hour, Nodes: []string{"dd44"},
		Timeout: time.Second, NodesSeen: func([]string) ([]Seen, error) { return nil, nil },
		Logger: slog.New(slog.NewTextHandler(&logs, nil))})
	m3.Tick(context.Background())
	if !strings.Contains(logs.String(), "deliver alert") || strings.Contains(logs.String(), "SECRET") {
		t.Fatalf("delivery error log: %s", logs.String())
	}
}

func TestManager_OpenCloseLoop(t *testing.T) {
	rcv := newReceiver(t)
	m := New(Options{Webhooks: []string{rcv.srv.URL}, Interval: 20 * time.Millisecond, NodeSilent: time.Hour,
		Nodes: []string{"ee55"}, NodesSeen: func([]string) ([]Seen, error) { return nil, nil }})
	if err := m.Open(context.Background()); err != nil {
		t.Fatal(err)
	}
	deadline := time.Now().Add(30 * time.Second)
	for m.Firing() == 0 && time.Now().Before(deadline) {
		time.Sleep(10 * time.Millisecond)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	if err := m.Close(ctx); err != nil {
		t.Fatal(err)
	}
	if got := summary(rcv.take()); got != "firing node_silent ee55" {
		t.Fatalf("loop delivered %q, want one firing event", got)
	}
	if err := New(Options{}).Open(context.Background()); err != nil {
		t.Fatalf("no webhooks: %v", err)
	}
}
