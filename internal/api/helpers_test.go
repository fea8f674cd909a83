package api

import (
	"context"
	"database/sql"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/corescope/corescope/internal/analytics"
	"github.com/corescope/corescope/internal/live"
	"github.com/corescope/corescope/internal/schema"
	"github.com/corescope/corescope/internal/statsfile"
	"github.com/corescope/corescope/internal/store"
)

const testKey = "a-strong-test-api-key-0123456789"

// fixture is a server over a migrated copy of the shared fixture DB.
type fixture struct {
	srv     *httptest.Server
	api     *Server
	store   Store
	dbPath  string
	injects chan InjectRequest
}

type fixtureOpt func(*Options)

// openStoreView loads the in-memory store over db (the production store), waits until
// the load is done, builds the neighbour graph once and returns the API adapter.
func openStoreView(t testing.TB, db *sql.DB) *StoreView {
	t.Helper()
	st := store.New(db, store.Options{ChunkSize: 100, PollInterval: 50 * time.Millisecond, TablesInterval: 100 * time.Millisecond})
	if err := st.Open(context.Background()); err != nil {
		t.Fatalf("open store: %v", err)
	}
	t.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		st.Close(ctx)
	})
	select {
	case <-st.Loaded():
	case <-time.After(30 * time.Second):
		t.Fatal("store load did not finish")
	}
	if err := st.LoadErr(); err != nil {
		t.Fatalf("store load: %v", err)
	}
	graph := analytics.NewNeighborGraph(st, analytics.Options{})
	if err := graph.Rebuild(); err != nil {
		t.Fatalf("build neighbor graph: %v", err)
	}
	return NewStoreView(st, graph)
}

// newFixture copies and migrates the fixture DB, opens it read-only like the server,
// and serves the API with a fake ingestor inject endpoint and a stats file.
func newFixture(t testing.TB, mods ...fixtureOpt) *fixture {
	t.Helper()
	return newFixtureAt(t, migratedFixture(t), mods...)
}

// newFixtureAt serves the API over the migrated fixture copy at path.
func newFixtureAt(t testing.TB, path string, mods ...fixtureOpt) *fixture {
	t.Helper()
	db, err := schema.OpenReadOnly(context.Background(), path, 4)
	if err != nil {
		t.Fatalf("open read-only: %v", err)
	}
	t.Cleanup(func() { db.Close() })
	if err := schema.AssertReady(context.Background(), db); err != nil {
		t.Fatalf("assert ready: %v", err)
	}
	view := openStoreView(t, db)
	f := &fixture{dbPath: path, injects: make(chan InjectRequest, 16), store: view}
	ing := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Header.Get("X-API-Key") != testKey {
			w.WriteHeader(http.StatusUnauthorized)
			return
		}
		var req InjectRequest
		json.NewDecoder(r.Body).Decode(&req)
		f.injects <- req
		writeJSON(w, http.StatusOK, map[string]any{"id": 500, "observationId": 501, "hash": "0011223344556677", "new": true})
	}))
	t.Cleanup(ing.Close)
	stats := filepath.Join(t.TempDir(), "stats.json")
	now := time.Now().UTC()
	snap := &statsfile.Snapshot{SampledAt: now.Format(time.RFC3339), TxInserted: 499, ObsInserted: 500, WALCommits: 7,
		BackfillUpdates: map[string]int64{"from_pubkey": 3},
		ProcIO:          &statsfile.PerfIOSample{ReadBytesPerSec: 10, WriteBytesPerSec: 20},
		WriterPerf:      map[string]statsfile.WriterStats{"mqtt_handler": {Count: 4}},
		SourceLiveness:  map[string]statsfile.SourceLiveness{"local": {LastReceiptUnix: now.Unix(), LastMessageUnix: now.Unix()}},
		SourceStatuses:  []statsfile.SourceStatus{{Name: "local", Broker: "mqtt://user:secret@broker:1883", Connected: true, LastError: "dial mqtt://user:secret@broker:1883 failed"}},
	}
	if err := statsfile.Write(stats, snap); err != nil {
		t.Fatalf("write stats: %v", err)
	}
	hub := live.New(live.Options{})
	opts := Options{Store: f.store, Ready: view, DB: db, DBPath: path, Hub: hub, APIKey: testKey, InjectURL: ing.URL + "/api/inject",
		StatsPath: stats, Web: http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			io.WriteString(w, "<!doctype html><title>spa</title>")
		})}
	for _, m := range mods {
		m(&opts)
	}
	f.api = New(opts)
	f.srv = httptest.NewServer(f.api.Handler())
	t.Cleanup(func() {
		f.srv.Close()
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		hub.Close(ctx)
	})
	return f
}

// do sends a request and returns status, headers and body.
func (f *fixture) do(t testing.TB, method, path, body string, hdr map[string]string) (int, http.Header, []byte) {
	t.Helper()
	var rd io.Reader
	if body != "" {
		rd = strings.NewReader(body)
	}
	req, err := http.NewRequest(method, f.srv.URL+path, rd)
	if err != nil {
		t.Fatal(err)
	}
	if body != "" {
		req.Header.Set("Content-Type", "application/json")
	}
	for k, v := range hdr {
		req.Header.Set(k, v)
	}
	res, err := f.srv.Client().Do(req)
	if err != nil {
		t.Fatalf("%s %s: %v", method, path, err)
	}
	defer res.Body.Close()
	b, err := io.ReadAll(res.Body)
	if err != nil {
		t.Fatal(err)
	}
	return res.StatusCode, res.Header, b
}

// getJSON GETs path, requires 200 and decodes into v.
func (f *fixture) getJSON(t testing.TB, path string, v any) {
	t.Helper()
	code, _, b := f.do(t, http.MethodGet, path, "", nil)
	if code != http.StatusOK {
		t.Fatalf("GET %s: status %d: %s", path, code, b)
	}
	if err := json.Unmarshal(b, v); err != nil {
		t.Fatalf("GET %s: decode: %v: %.200s", path, err, b)
	}
}

// operatorJSON is getJSON with the API key, for the operator-only routes (perf, mqtt status).
func (f *fixture) operatorJSON(t testing.TB, path string, v any) {
	t.Helper()
	code, _, b := f.do(t, http.MethodGet, path, "", map[string]string{"X-API-Key": testKey})
	if code != http.StatusOK {
		t.Fatalf("GET %s: status %d: %s", path, code, b)
	}
	if err := json.Unmarshal(b, v); err != nil {
		t.Fatalf("GET %s: decode: %v: %.200s", path, err, b)
	}
}

// fixtureDB is the shared capture DB, read in place (never written).
const fixtureDB = "../../../shared/testdata/corescope-fixture.db"

// migratedFixture copies the shared fixture into t.TempDir() and applies the ingestor's
// migrations to the copy, as a deployed ingestor would before the server starts.
// (internal/testutil imports this package, so it cannot be used here.)
func migratedFixture(t testing.TB) string {
	t.Helper()
	src, err := os.ReadFile(fixtureDB)
	if err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatalf("shared fixture missing: %v", err)
		}
		t.Skipf("shared fixture missing: %v", err)
	}
	path := filepath.Join(t.TempDir(), "fixture.db")
	if err := os.WriteFile(path, src, 0o644); err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	w, err := schema.Open(ctx, path)
	if err != nil {
		t.Fatalf("open writer: %v", err)
	}
	defer w.Close()
	if _, err := schema.Migrate(ctx, w, nil); err != nil {
		t.Fatalf("migrate: %v", err)
	}
	return path
}

// runAnalytics starts s.RunAnalytics in the background; the returned stop cancels it and
// fails the test unless it returns within 20 s.
func runAnalytics(t *testing.T, s *Server) (stop func()) {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() {
		s.RunAnalytics(ctx)
		close(done)
	}()
	return func() {
		t.Helper()
		cancel()
		select {
		case <-done:
		case <-time.After(20 * time.Second):
			t.Fatal("RunAnalytics did not return after cancel")
		}
	}
}
