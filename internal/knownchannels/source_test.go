package knownchannels

import (
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"os"
	"strings"
	"sync/atomic"
	"testing"
	"time"
)

// remoteJSON is the catalogue the test remote serves; expected values are decoded from it here,
// independently of the package's parser.
const remoteJSON = `{"generatedAt":"2026-12-01T00:00:00Z","license":"CC-BY-4.0","entries":[
 {"channel":"#test","description":"radio checks","region":"BE","regionName":"Belgium"},
 {"channel":"#bruxelles","description":"Brussels chat","region":"be","regionName":"Belgium"},
 {"channel":"Club","key":"AAECAwQFBgcICQoLDA0ODw==","description":"a keyed channel","region":"nl"},
 {"channel":"#world","region":""}]}`

type plainEntry struct {
	Channel, Description, Key, Region, RegionName string
}

// wantEntries decodes remoteJSON with encoding/json into plain structs, lower-casing regions as
// the API contract says (region codes are case-insensitive).
func wantEntries(t *testing.T, doc string) []plainEntry {
	t.Helper()
	var d struct{ Entries []plainEntry }
	if err := json.Unmarshal([]byte(doc), &d); err != nil {
		t.Fatal(err)
	}
	for i := range d.Entries {
		d.Entries[i].Region = strings.ToLower(d.Entries[i].Region)
	}
	return d.Entries
}

func plain(es []Entry) []plainEntry {
	out := make([]plainEntry, len(es))
	for i, e := range es {
		out[i] = plainEntry(e)
	}
	return out
}

// remote is a real HTTP server on 127.0.0.1 whose answer the test switches; hits counts requests.
type remote struct {
	*httptest.Server
	hits   atomic.Int64
	status atomic.Int64
	body   atomic.Value
}

func newRemote(t *testing.T, body string) *remote {
	t.Helper()
	r := &remote{}
	r.status.Store(http.StatusOK)
	r.body.Store(body)
	r.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, req *http.Request) {
		r.hits.Add(1)
		w.WriteHeader(int(r.status.Load()))
		w.Write([]byte(r.body.Load().(string)))
	}))
	t.Cleanup(r.Close)
	return r
}

var fixedNow = time.Date(2026, 12, 7, 12, 0, 0, 0, time.UTC)

func newSource(url string) *Source {
	return New(Options{URL: url, Now: func() time.Time { return fixedNow }})
}

func bundledEntries(t *testing.T) []plainEntry {
	t.Helper()
	b, err := os.ReadFile("default.json")
	if err != nil {
		t.Fatal(err)
	}
	return wantEntries(t, string(b))
}

func equal(t *testing.T, got, want []plainEntry, what string) {
	t.Helper()
	g, _ := json.Marshal(got)
	w, _ := json.Marshal(want)
	if string(g) != string(w) {
		t.Fatalf("%s:\n got %s\nwant %s", what, g, w)
	}
}

func TestKnownChannels_FreshFetchServesRemote(t *testing.T) {
	r := newRemote(t, remoteJSON)
	s := newSource(r.URL + "/channels.json?token=secret")
	if err := s.Refresh(context.Background()); err != nil {
		t.Fatal(err)
	}
	c := s.Catalogue()
	equal(t, plain(c.Entries), wantEntries(t, remoteJSON), "entries")
	if c.Source != r.URL+"/channels.json" {
		t.Errorf("source %q: want the URL without its query", c.Source)
	}
	if !c.FetchedAt.Equal(fixedNow) || c.Stale || c.GeneratedAt != "2026-12-01T00:00:00Z" || c.License != "CC-BY-4.0" {
		t.Errorf("catalogue header %+v", c)
	}
	if r.hits.Load() != 1 {
		t.Errorf("remote hit %d times, want 1", r.hits.Load())
	}
}

func TestKnownChannels_ReadsServeTheCacheWithoutFetching(t *testing.T) {
	r := newRemote(t, remoteJSON)
	s := newSource(r.URL)
	if err := s.Refresh(context.Background()); err != nil {
		t.Fatal(err)
	}
	for range 50 {
		if len(s.Catalogue().Entries) != 4 {
			t.Fatal("cached catalogue lost entries")
		}
	}
	if r.hits.Load() != 1 {
		t.Fatalf("remote hit %d times for 50 reads, want 1", r.hits.Load())
	}
}

func TestKnownChannels_RemoteFailureServesStale(t *testing.T) {
	r := newRemote(t, remoteJSON)
	s := newSource(r.URL)
	if err := s.Refresh(context.Background()); err != nil {
		t.Fatal(err)
	}
	r.status.Store(http.StatusInternalServerError)
	r.body.Store("oops")
	if err := s.Refresh(context.Background()); err == nil || !strings.Contains(err.Error(), "HTTP 500") {
		t.Fatalf("err %v, want HTTP 500", err)
	}
	c := s.Catalogue()
	equal(t, plain(c.Entries), wantEntries(t, remoteJSON), "stale entries after HTTP 500")
	if !c.Stale || !c.FetchedAt.Equal(fixedNow) {
		t.Errorf("stale %v fetchedAt %v: want stale, first fetch time", c.Stale, c.FetchedAt)
	}
	r.Close() // connection refused from now on
	if err := s.Refresh(context.Background()); err == nil {
		t.Fatal("refresh against a closed server succeeded")
	}
	equal(t, plain(s.Catalogue().Entries), wantEntries(t, remoteJSON), "stale entries after connection refused")
	// Bad JSON after a good fetch is a failure too: the good catalogue stays.
	r2 := newRemote(t, remoteJSON)
	s2 := newSource(r2.URL)
	s2.Refresh(context.Background())
	r2.body.Store("{\"entries\": [")
	if s2.Refresh(context.Background()) == nil {
		t.Fatal("bad JSON accepted")
	}
	equal(t, plain(s2.Catalogue().Entries), wantEntries(t, remoteJSON), "stale entries after bad JSON")
}

func TestKnownChannels_BadJSONServesBundledDefault(t *testing.T) {
	for _, body := range []string{"<html>not json</html>", `{"channels": []}`, `[1,2,3]`} {
		r := newRemote(t, body)
		s := newSource(r.URL)
		if err := s.Refresh(context.Background()); err == nil {
			t.Fatalf("%q accepted as a catalogue", body)
		}
		c := s.Catalogue()
		equal(t, plain(c.Entries), bundledEntries(t), "bundled entries for "+body)
		if c.Source != "bundled" || !c.FetchedAt.IsZero() || c.Stale {
			t.Errorf("%q: source %q fetchedAt %v stale %v", body, c.Source, c.FetchedAt, c.Stale)
		}
	}
}

// endless streams a valid-looking JSON prefix forever, counting the bytes it managed to write.
func endless(t *testing.T, written *atomic.Int64) *httptest.Server {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		chunk := []byte(strings.Repeat(`{"channel":"#x","region":""},`, 1000))
		n, _ := w.Write([]byte(`{"entries":[`))
		written.Add(int64(n))
		for r.Context().Err() == nil {
			n, err := w.Write(chunk)
			written.Add(int64(n))
			if err != nil {
				return
			}
		}
	}))
	t.Cleanup(srv.Close)
	return srv
}

func TestKnownChannels_OversizedBodyRefusedAtTheBound(t *testing.T) {
	var written atomic.Int64
	srv := endless(t, &written)
	s := New(Options{URL: srv.URL}) // default bound: 4 MiB
	err := s.Refresh(context.Background())
	if err == nil || !strings.Contains(err.Error(), "larger than 4194304 bytes") {
		t.Fatalf("err %v, want the 4 MiB bound", err)
	}
	equal(t, plain(s.Catalogue().Entries), bundledEntries(t), "bundled entries after an oversized body")
	small := New(Options{URL: newRemote(t, remoteJSON).URL, MaxBytes: 100})
	if err := small.Refresh(context.Background()); err == nil || !strings.Contains(err.Error(), "larger than 100 bytes") {
		t.Fatalf("err %v, want the 100-byte bound for a %d-byte catalogue", err, len(remoteJSON))
	}
}

func TestKnownChannels_HangingRemoteTimesOut(t *testing.T) {
	release := make(chan struct{})
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		select {
		case <-r.Context().Done():
		case <-release:
		}
	}))
	t.Cleanup(func() { close(release); srv.Close() })
	s := New(Options{URL: srv.URL, Timeout: 100 * time.Millisecond})
	err := s.Refresh(context.Background())
	if err == nil || !strings.Contains(err.Error(), "deadline exceeded") {
		t.Fatalf("err %v, want a timeout", err)
	}
	equal(t, plain(s.Catalogue().Entries), bundledEntries(t), "bundled entries after a timeout")
}

func TestKnownChannels_InvalidEntriesSkipped(t *testing.T) {
	doc := `{"entries":[
 {"channel":"#ok","region":"de"},
 {"channel":"no-hash-no-key","region":""},
 {"channel":"#two words","region":""},
 {"channel":"#badregion","region":"deu"},
 {"channel":"Keyed","key":"c2hvcnQ=","region":""},
 {"channel":"#ok","region":"de"},
 "not an object",
 {"channel":"#fine","description":"line\nbreak","region":"FR"}]}`
	c, dropped, err := parse([]byte(doc))
	if err != nil {
		t.Fatal(err)
	}
	equal(t, plain(c.Entries), []plainEntry{{Channel: "#ok", Region: "de"}, {Channel: "#fine", Description: "line break", Region: "fr"}}, "kept entries")
	if dropped != 6 {
		t.Errorf("dropped %d, want 6", dropped)
	}
}

func TestKnownChannels_OpenRetriesAfterFailureThenServes(t *testing.T) {
	r := newRemote(t, "down")
	r.status.Store(http.StatusServiceUnavailable)
	s := New(Options{URL: r.URL, RetryAfterFailure: 20 * time.Millisecond, Refresh: time.Hour})
	s.Open(context.Background())
	defer s.Close()
	eventually(t, func() bool { return r.hits.Load() >= 2 }, "the loop retried after a failure")
	if s.Catalogue().Source != "bundled" {
		t.Fatal("a failing remote replaced the bundled list")
	}
	r.body.Store(remoteJSON)
	r.status.Store(http.StatusOK)
	eventually(t, func() bool { return s.Catalogue().Source != "bundled" }, "the loop served the remote catalogue")
	equal(t, plain(s.Catalogue().Entries), wantEntries(t, remoteJSON), "entries after the retry")
}

func TestKnownChannels_BundledListIsValid(t *testing.T) {
	c, dropped, err := parse(bundledJSON)
	if err != nil || dropped != 0 {
		t.Fatalf("bundled list: err %v, %d invalid entries", err, dropped)
	}
	names := map[string]bool{}
	for _, e := range c.Entries {
		names[e.Channel] = true
	}
	for _, want := range []string{"#test", "#bot", "#wardriving", "#chat"} {
		if !names[want] {
			t.Errorf("bundled list lacks %s", want)
		}
	}
}

// eventually polls cond until it holds, failing after 10 s.
func eventually(t *testing.T, cond func() bool, what string) {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting: %s", what)
		}
		time.Sleep(5 * time.Millisecond)
	}
}
