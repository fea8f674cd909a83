package api

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"sync/atomic"
	"testing"

	"github.com/corescope/corescope/internal/knownchannels"
)

// catalogueJSON is what the remote test server serves; expected answers are read from it.
const catalogueJSON = `{"generatedAt":"2026-11-30","entries":[
 {"channel":"#gent","description":"Ghent","region":"be","regionName":"Belgium"},
 {"channel":"#amsterdam","region":"nl","regionName":"Netherlands"},
 {"channel":"#test","description":"everywhere","region":""}]}`

type kcEntry struct {
	Channel     string `json:"channel"`
	Description string `json:"description"`
	Region      string `json:"region"`
	RegionName  string `json:"regionName"`
}

type kcDoc struct {
	GeneratedAt string    `json:"generatedAt"`
	Source      string    `json:"source"`
	FetchedAt   string    `json:"fetchedAt"`
	Stale       bool      `json:"stale"`
	Entries     []kcEntry `json:"entries"`
}

// knownChannelsServer starts a real remote on 127.0.0.1 and an API server whose catalogue
// fetched it once; hits counts remote requests.
func knownChannelsServer(t *testing.T) (api *httptest.Server, hits *atomic.Int64, remote *httptest.Server) {
	t.Helper()
	hits = &atomic.Int64{}
	remote = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		hits.Add(1)
		io.WriteString(w, catalogueJSON)
	}))
	t.Cleanup(remote.Close)
	src := knownchannels.New(knownchannels.Options{URL: remote.URL + "/kc.json"})
	if err := src.Refresh(context.Background()); err != nil {
		t.Fatal(err)
	}
	api = httptest.NewServer(New(Options{KnownChannels: src}).Handler())
	t.Cleanup(api.Close)
	return api, hits, remote
}

func getKC(t *testing.T, url string) (int, http.Header, kcDoc) {
	t.Helper()
	resp, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var d kcDoc
	if resp.StatusCode == http.StatusOK {
		if err := json.NewDecoder(resp.Body).Decode(&d); err != nil {
			t.Fatal(err)
		}
	}
	return resp.StatusCode, resp.Header, d
}

func TestKnownChannelsAPI_ServesRemoteCatalogueFromCache(t *testing.T) {
	api, hits, remote := knownChannelsServer(t)
	var want kcDoc
	if err := json.Unmarshal([]byte(catalogueJSON), &want); err != nil {
		t.Fatal(err)
	}
	for range 3 {
		code, hdr, got := getKC(t, api.URL+"/api/known-channels")
		if code != 200 {
			t.Fatalf("status %d", code)
		}
		gw, _ := json.Marshal(want.Entries)
		gg, _ := json.Marshal(got.Entries)
		if string(gw) != string(gg) {
			t.Fatalf("entries\n got %s\nwant %s", gg, gw)
		}
		if got.Source != remote.URL+"/kc.json" || got.GeneratedAt != want.GeneratedAt || got.FetchedAt == "0001-01-01T00:00:00Z" || got.Stale {
			t.Errorf("header fields %+v", got)
		}
		if cc := hdr.Get("Cache-Control"); cc != "public, max-age=300" {
			t.Errorf("Cache-Control %q", cc)
		}
	}
	if hits.Load() != 1 {
		t.Fatalf("remote fetched %d times for 3 API calls, want 1 (served from cache)", hits.Load())
	}
}

func TestKnownChannelsAPI_RegionFilter(t *testing.T) {
	api, _, _ := knownChannelsServer(t)
	for _, tc := range []struct {
		q    string
		want []string
	}{{"BE", []string{"#gent", "#test"}}, {"nl", []string{"#amsterdam", "#test"}}, {"fr", []string{"#test"}}, {"", []string{"#gent", "#amsterdam", "#test"}}} {
		_, _, d := getKC(t, api.URL+"/api/known-channels?region="+tc.q)
		var got []string
		for _, e := range d.Entries {
			got = append(got, e.Channel)
		}
		if g, w := fmtList(got), fmtList(tc.want); g != w {
			t.Errorf("region=%q: %s, want %s", tc.q, g, w)
		}
	}
	for _, bad := range []string{"bel", "1e", "%3Cb%3E"} {
		if code, _, _ := getKC(t, api.URL+"/api/known-channels?region="+bad); code != http.StatusBadRequest {
			t.Errorf("region=%s: status %d, want 400", bad, code)
		}
	}
}

func TestKnownChannelsAPI_NoURLServesBundledList(t *testing.T) {
	api := httptest.NewServer(New(Options{}).Handler())
	defer api.Close()
	_, _, d := getKC(t, api.URL+"/api/known-channels")
	if d.Source != "bundled" || d.FetchedAt != "0001-01-01T00:00:00Z" || len(d.Entries) == 0 {
		t.Fatalf("bundled answer %+v", d)
	}
}

func fmtList(s []string) string { b, _ := json.Marshal(s); return string(b) }
