package api

import (
	"bytes"
	"context"
	"encoding/json"
	"log/slog"
	"net/http"
	"os"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/corescope/corescope/internal/ingest"
	"github.com/corescope/corescope/internal/schema"
	"github.com/corescope/corescope/internal/statsfile"
)

// lockedBuf is a log sink safe for the server's goroutines.
type lockedBuf struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *lockedBuf) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *lockedBuf) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

// plantedStats writes a stats file that claims a healthy, busy source named "planted".
func plantedStats(t *testing.T, path string, sampled time.Time) {
	t.Helper()
	err := statsfile.Write(path, &statsfile.Snapshot{SampledAt: sampled.UTC().Format(time.RFC3339),
		SourceStatuses: []statsfile.SourceStatus{{Name: "planted", Broker: "mqtt://evil:1883", Connected: true,
			Subscribed: true, LastPacketUnix: sampled.Unix(), PacketsTotal: 424242}}})
	if err != nil {
		t.Fatal(err)
	}
}

// mqttStatusSources returns the source names /api/mqtt/status serves.
func (f *fixture) mqttStatusSources(t *testing.T) []string {
	t.Helper()
	code, _, b := f.do(t, http.MethodGet, "/api/mqtt/status", "", map[string]string{"X-API-Key": testKey})
	var body struct {
		Sources []struct {
			Name string `json:"name"`
		} `json:"sources"`
	}
	if code != 200 || json.Unmarshal(b, &body) != nil {
		t.Fatalf("/api/mqtt/status: %d %s", code, b)
	}
	var names []string
	for _, s := range body.Sources {
		names = append(names, s.Name)
	}
	return names
}

func wantUntrusted(t *testing.T, f *fixture, what, reasonPart string) {
	t.Helper()
	code, h := f.healthz(t)
	if code != http.StatusServiceUnavailable || h.Healthy || len(h.Reasons) != 1 ||
		!strings.HasPrefix(h.Reasons[0], "stats file not trusted: ") || !strings.Contains(h.Reasons[0], reasonPart) {
		t.Fatalf("%s: got %d %+v, want 503 with one reason \"stats file not trusted: …%s…\"", what, code, h, reasonPart)
	}
	if names := f.mqttStatusSources(t); len(names) != 0 {
		t.Fatalf("%s: /api/mqtt/status served the untrusted file's sources %v", what, names)
	}
}

// TestHealthz_FutureDatedStatsFileIsRefused: a file dated an hour ahead (planted before the
// ingestor could write, or by a clock gone wrong) would look fresh for an hour after its
// writer died; the server refuses it, names why, and serves none of its values.
func TestHealthz_FutureDatedStatsFileIsRefused(t *testing.T) {
	logs := &lockedBuf{}
	f := newFixture(t, func(o *Options) {
		o.Logger = slog.New(slog.NewTextHandler(logs, nil))
		o.Ops.Health = IngestHealth{StatsMaxAge: 30 * time.Second, SourceSilent: 30 * time.Minute}
	})
	path := f.api.opts.StatsPath
	future := time.Now().Add(time.Hour)
	plantedStats(t, path, future)
	if err := os.Chtimes(path, future, future); err != nil {
		t.Fatal(err)
	}
	wantUntrusted(t, f, "mtime and sampledAt an hour ahead", "in the future")
	wantUntrusted(t, f, "second poll", "in the future")
	if n := strings.Count(logs.String(), "ignoring untrusted ingestor stats file"); n != 1 {
		t.Fatalf("refusal logged %d times over two polls and an mqtt/status read, want once:\n%s", n, logs.String())
	}
	// Either clock alone is enough: a current mtime with sampledAt ahead ...
	plantedStats(t, path, future)
	wantUntrusted(t, f, "sampledAt ahead", "sampledAt ")
	// ... and a current sampledAt with the mtime ahead.
	plantedStats(t, path, time.Now())
	if err := os.Chtimes(path, future, future); err != nil {
		t.Fatal(err)
	}
	wantUntrusted(t, f, "mtime ahead", "modified ")
	// The ingestor's own write (both clocks now) is trusted again.
	plantedStats(t, path, time.Now())
	if code, h := f.healthz(t); code != 200 || !h.Healthy {
		t.Fatalf("current file: got %d %+v, want 200", code, h)
	}
	if !strings.Contains(logs.String(), "ingestor stats file trusted again") {
		t.Fatalf("recovery not logged:\n%s", logs.String())
	}
}

// TestHealthz_StatsFileOwnedByAnotherUserIsRefused: another local user's file at the
// stats path is not the ingestor's (this server's uid writes it), however fresh it looks.
func TestHealthz_StatsFileOwnedByAnotherUserIsRefused(t *testing.T) {
	f := newFixture(t, func(o *Options) { o.Ops.Health = IngestHealth{StatsMaxAge: 30 * time.Second} })
	path := f.api.opts.StatsPath
	plantedStats(t, path, time.Now())
	if names := f.mqttStatusSources(t); len(names) != 1 || names[0] != "planted" {
		t.Fatalf("own file: sources %v, want [planted]", names)
	}
	const nobody = 65534
	if err := os.Chown(path, nobody, nobody); err != nil {
		t.Fatalf("chown to uid %d (the test runs as root in CI): %v", nobody, err)
	}
	wantUntrusted(t, f, "file owned by uid 65534", "owned by uid 65534")
	if err := os.Chown(path, os.Geteuid(), os.Getegid()); err != nil {
		t.Fatal(err)
	}
	if code, h := f.healthz(t); code != 200 {
		t.Fatalf("owned by the server's uid again: got %d %+v, want 200", code, h)
	}
}

// TestHealthz_StaleHeartbeatWhileStatsFileFresh: the stats file alone can be left behind
// or forged; the heartbeat the ingestor's writer commits to the database cannot. A fresh
// file beside a heartbeat ten minutes old is unhealthy; a fresh heartbeat clears it.
func TestHealthz_StaleHeartbeatWhileStatsFileFresh(t *testing.T) {
	f := newFixture(t, func(o *Options) {
		o.Ops.Health = IngestHealth{StatsMaxAge: 30 * time.Second, HeartbeatMaxAge: time.Minute}
	})
	if code, h := f.healthz(t); code != 200 || h.Ingestor.HeartbeatAgeSec != -1 {
		t.Fatalf("no heartbeat row yet (older ingestor): got %d %+v, want 200 with heartbeatAgeSec -1", code, h)
	}
	beatWithIngestor(t, f.dbPath, time.Now().Add(-10*time.Minute))
	code, h := f.healthz(t)
	if code != http.StatusServiceUnavailable || len(h.Reasons) != 1 || !strings.Contains(h.Reasons[0], "heartbeat") ||
		!strings.Contains(h.Reasons[0], "limit 60s") || h.Ingestor.HeartbeatAgeSec < 590 || h.Ingestor.StatsAgeSec > 30 {
		t.Fatalf("stale heartbeat, fresh stats: got %d %+v, want 503 naming the heartbeat (~600 s old)", code, h)
	}
	beatWithIngestor(t, f.dbPath, time.Now())
	if code, h := f.healthz(t); code != 200 || h.Ingestor.HeartbeatAgeSec > 30 {
		t.Fatalf("fresh heartbeat: got %d %+v, want 200", code, h)
	}
}

// TestHealthz_DisconnectedSourceSeparateFromSilent: a source whose broker connection is
// down past SourceDisconnected is reported as disconnected (not as silent, whose limit is
// far longer); a connected source is not.
func TestHealthz_DisconnectedSourceSeparateFromSilent(t *testing.T) {
	f := newFixture(t, func(o *Options) {
		o.Ops.Health = IngestHealth{StatsMaxAge: time.Minute, SourceSilent: 30 * time.Minute, SourceDisconnected: time.Minute}
	})
	path := f.api.opts.StatsPath
	now := time.Now()
	down := now.Add(-62 * time.Second).Unix() // ≥ 61 s down, counted from the stamp's second's end
	writeStats(t, path, now,
		statsfile.SourceStatus{Name: "up", Connected: true, LastPacketUnix: now.Unix()},
		statsfile.SourceStatus{Name: "down", LastPacketUnix: down, LastConnectUnix: down - 100, LastDisconnectUnix: down, DisconnectedSinceUnix: down},
		statsfile.SourceStatus{Name: "blip", LastPacketUnix: now.Unix(), LastDisconnectUnix: now.Add(-5 * time.Second).Unix(),
			DisconnectedSinceUnix: now.Add(-5 * time.Second).Unix()})
	code, h := f.healthz(t)
	if code != http.StatusServiceUnavailable || len(h.Reasons) != 1 || !strings.Contains(h.Reasons[0], `mqtt source "down" disconnected for 6`) ||
		!strings.Contains(h.Reasons[0], "(limit 60s)") {
		t.Fatalf("broker down 62 s: got %d %+v, want 503 with one reason naming down", code, h)
	}
	if d := h.Ingestor.DisconnectedSources; len(d) != 1 || d["down"] < 61 || len(h.Ingestor.SilentSources) != 0 {
		t.Fatalf("disconnectedSources %v silentSources %v, want only down (≥61 s) and no silent source", d, h.Ingestor.SilentSources)
	}
	writeStats(t, path, now, statsfile.SourceStatus{Name: "down", Connected: true, LastConnectUnix: now.Unix(), LastDisconnectUnix: down})
	if code, h := f.healthz(t); code != 200 {
		t.Fatalf("reconnected: got %d %+v, want 200", code, h)
	}
}

// beatWithIngestor lets the real ingest writer commit its heartbeat row at the given
// time (its clock) into the database at path, then stops it.
func beatWithIngestor(t *testing.T, path string, at time.Time) {
	t.Helper()
	ctx := context.Background()
	w, err := schema.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer w.Close()
	o := ingest.DefaultOptions()
	o.Retention, o.IncrementalVacuumPages = ingest.Retention{}, 0
	o.HeartbeatInterval = time.Hour // the beat at Open is the one we want
	o.Now = func() time.Time { return at }
	in := ingest.New(w, o)
	if err := in.Open(ctx); err != nil {
		t.Fatal(err)
	}
	defer in.Close(ctx)
	for end := time.Now().Add(30 * time.Second); ; time.Sleep(10 * time.Millisecond) {
		var beat int64
		w.QueryRow(`SELECT beat_unix_ms FROM ingestor_heartbeat WHERE id = 1`).Scan(&beat)
		if beat == at.UnixMilli() {
			return
		}
		if time.Now().After(end) {
			t.Fatalf("heartbeat at %v not committed", at)
		}
	}
}
