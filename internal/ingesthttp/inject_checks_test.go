package ingesthttp_test

import (
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/corescope/corescope/internal/ingest"
	"github.com/corescope/corescope/internal/testutil"
)

const strongInjectToken = "inject-checks-token-0123456789"

// postInject sends body to the ingestor's loopback endpoint over real HTTP.
func postInject(t *testing.T, in *injectFixture, key, body string) (int, map[string]any) {
	t.Helper()
	req, _ := http.NewRequest(http.MethodPost, "http://"+in.InjectAddr()+"/api/inject", strings.NewReader(body))
	req.Header.Set("X-API-Key", key)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatalf("post inject: %v", err)
	}
	defer resp.Body.Close()
	var m map[string]any
	if err := json.NewDecoder(resp.Body).Decode(&m); err != nil {
		t.Fatalf("status %d: answer is not JSON: %v", resp.StatusCode, err)
	}
	return resp.StatusCode, m
}

func injectBody(raw, observer string) string {
	b, _ := json.Marshal(ingest.InjectRequest{Hex: raw, Observer: observer})
	return string(b)
}

// forgeName changes the last byte of an advert (the last character of its name), so the
// Ed25519 signature over pubkey+timestamp+appdata no longer matches.
func forgeName(t *testing.T, raw string) string {
	t.Helper()
	last := strings.ToUpper(raw[len(raw)-2:])
	repl := "58" // 'X'
	if last == repl {
		repl = "59" // 'Y'
	}
	return raw[:len(raw)-2] + repl
}

// TestInject_ForgedAdvertRefused: an advert whose name was altered after signing is
// refused by the injection endpoint exactly as over MQTT (issue #16 item 5): 400 with
// the reason, a dropped_packets row, the sig_drops counter, and the node keeps its name.
func TestInject_ForgedAdvertRefused(t *testing.T) {
	good, _ := adverts(t)
	if good.name == "" {
		t.Fatal("fixture advert has no name")
	}
	db, _ := testutil.OpenTestDB(t)
	in := openIngester(t, db, func(o *injectOpts) {
		o.InjectListen = "127.0.0.1:0"
		o.InjectToken = strongInjectToken
	})
	defer closeIngester(t, in)

	if code, m := postInject(t, in, strongInjectToken, injectBody(good.raw, "OBS-A")); code != http.StatusOK {
		t.Fatalf("genuine advert: got %d %v, want 200", code, m)
	}
	nameOf := func() string {
		var name string
		if err := db.QueryRow(`SELECT name FROM nodes WHERE public_key = ?`, good.pubkey).Scan(&name); err != nil {
			t.Fatalf("node %s: %v", good.pubkey, err)
		}
		return name
	}
	if got := nameOf(); got != good.name {
		t.Fatalf("genuine advert: node name %q, want %q", got, good.name)
	}

	forged := forgeName(t, good.raw)
	code, m := postInject(t, in, strongInjectToken, injectBody(forged, "OBS-A"))
	if code != http.StatusBadRequest || m["error"] != "invalid signature" {
		t.Errorf("forged advert: got %d %v, want 400 invalid signature", code, m)
	}
	if got := nameOf(); got != good.name {
		t.Errorf("forged advert renamed the node: %q, want %q", got, good.name)
	}
	if n := countRows(t, db, `SELECT COUNT(*) FROM transmissions`); n != 1 {
		t.Errorf("transmissions: got %d, want 1 (the genuine advert only)", n)
	}
	if n := countRows(t, db, `SELECT COUNT(*) FROM dropped_packets WHERE reason = 'invalid signature' AND node_pubkey = ? AND raw_hex = ?`,
		good.pubkey, strings.ToUpper(forged)); n != 1 {
		t.Errorf("dropped_packets rows for the forged advert: got %d, want 1", n)
	}
	if got := in.Stats(time.Now()).SigDrops; got != 1 {
		t.Errorf("sig_drops: got %d, want 1", got)
	}
}

// TestInject_FiltersAsMQTT: the observer blacklist applies to injection too.
func TestInject_FiltersAsMQTT(t *testing.T) {
	good, _ := adverts(t)
	db, _ := testutil.OpenTestDB(t)
	in := openIngester(t, db, func(o *injectOpts) {
		o.InjectListen = "127.0.0.1:0"
		o.InjectToken = strongInjectToken
		o.ObserverBlacklist = []string{"bad-observer"}
	})
	defer closeIngester(t, in)
	code, m := postInject(t, in, strongInjectToken, injectBody(good.raw, "BAD-OBSERVER"))
	if code != http.StatusBadRequest || m["error"] != "filtered (observer_blacklist)" {
		t.Errorf("blacklisted observer: got %d %v, want 400 filtered (observer_blacklist)", code, m)
	}
	if n := countRows(t, db, `SELECT COUNT(*) FROM transmissions`); n != 0 {
		t.Errorf("transmissions: got %d, want 0", n)
	}
}

// TestInject_RepeatWithoutObserverStoresOnce: the same packet injected three times
// without an observer is one transmission with one observation (issue #16 item 5).
func TestInject_RepeatWithoutObserverStoresOnce(t *testing.T) {
	raw := fixtureVectors(t)[3].RawHex
	db, _ := testutil.OpenTestDB(t)
	in := openIngester(t, db, func(o *injectOpts) {
		o.InjectListen = "127.0.0.1:0"
		o.InjectToken = strongInjectToken
	})
	defer closeIngester(t, in)
	var first map[string]any
	for i := range 3 {
		code, m := postInject(t, in, strongInjectToken, fmt.Sprintf(`{"hex":%q,"snr":%d}`, raw, i))
		if code != http.StatusOK {
			t.Fatalf("inject %d: got %d %v", i, code, m)
		}
		if i == 0 {
			first = m
		} else if m["id"] != first["id"] || m["observationId"] != first["observationId"] || m["new"] != false {
			t.Errorf("inject %d: got %v, want the first ids %v and new=false", i, m, first)
		}
	}
	if n := countRows(t, db, `SELECT COUNT(*) FROM observations WHERE transmission_id = ?`, first["id"]); n != 1 {
		t.Errorf("observations: got %d, want 1", n)
	}
	if n := countRows(t, db, `SELECT COUNT(*) FROM observations WHERE observer_idx IS NULL AND snr = 0`); n != 1 {
		t.Errorf("observer-less observation with the first SNR: got %d, want 1", n)
	}
}

// TestInject_WeakTokenRefused: the ingestor applies the server's weak-key policy to its
// inject token (issue #16 item 6): with token change-me, even the matching key is refused.
func TestInject_WeakTokenRefused(t *testing.T) {
	raw := fixtureVectors(t)[3].RawHex
	db, _ := testutil.OpenTestDB(t)
	in := openIngester(t, db, func(o *injectOpts) {
		o.InjectListen = "127.0.0.1:0"
		o.InjectToken = "change-me"
	})
	defer closeIngester(t, in)
	code, m := postInject(t, in, "change-me", injectBody(raw, "OBS-A"))
	if code != http.StatusForbidden || !strings.Contains(fmt.Sprint(m["error"]), "too weak") {
		t.Errorf("weak token: got %d %v, want 403 naming the weak token", code, m)
	}
	if n := countRows(t, db, `SELECT COUNT(*) FROM transmissions`); n != 0 {
		t.Errorf("transmissions: got %d, want 0", n)
	}
}
