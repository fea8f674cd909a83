package api

import (
	"encoding/json"
	"net/http"
	"strings"
	"testing"

	"github.com/corescope/corescope/internal/metrics"
)

// operatorPaths are the operator-only reads named by issue #16 item 10 (listed here by hand, not
// taken from the route table under test).
var operatorPaths = []string{"/api/perf", "/api/perf/io", "/api/perf/sqlite", "/api/perf/write-sources", "/api/mqtt/status"}

// errorReason decodes {"error": "..."} and fails when the body is not such a JSON object.
func errorReason(t *testing.T, body []byte) string {
	t.Helper()
	var e struct {
		Error string `json:"error"`
	}
	if err := json.Unmarshal(body, &e); err != nil || e.Error == "" {
		t.Fatalf("want a JSON {error} reason, got %.200s (%v)", body, err)
	}
	return e.Error
}

func TestOperator_PerfNeedsKey(t *testing.T) {
	f := newFixture(t)
	for _, p := range operatorPaths {
		code, hdr, body := f.do(t, http.MethodGet, p, "", nil)
		if code != http.StatusUnauthorized || hdr.Get("WWW-Authenticate") == "" {
			t.Errorf("%s without key: %d, want 401 with WWW-Authenticate", p, code)
		}
		if r := errorReason(t, body); !strings.Contains(r, "X-API-Key") {
			t.Errorf("%s: reason %q does not say how to authenticate", p, r)
		}
		if code, _, _ := f.do(t, http.MethodGet, p, "", map[string]string{"X-API-Key": "wrong-key-wrong-key-0000"}); code != http.StatusUnauthorized {
			t.Errorf("%s with a wrong key: %d, want 401", p, code)
		}
		for _, hdr := range []map[string]string{{"X-API-Key": testKey}, {"Authorization": "Bearer " + testKey}} {
			if code, _, body := f.do(t, http.MethodGet, p, "", hdr); code != http.StatusOK {
				t.Errorf("%s with %v: %d %.200s, want 200", p, hdr, code, body)
			}
		}
	}
}

func TestOperator_RefusedWithoutConfiguredKey(t *testing.T) {
	for name, key := range map[string]string{"no key": "", "weak key": "change-me"} {
		f := newFixture(t, func(o *Options) { o.APIKey = key })
		for _, p := range operatorPaths {
			code, _, body := f.do(t, http.MethodGet, p, "", map[string]string{"X-API-Key": key})
			if code != http.StatusForbidden {
				t.Errorf("%s: %s: %d, want 403", name, p, code)
			}
			if r := errorReason(t, body); !strings.Contains(r, "operator.publicPerf") {
				t.Errorf("%s: %s: reason %q does not name operator.publicPerf", name, p, r)
			}
		}
	}
}

func TestOperator_PublicPerfFlag(t *testing.T) {
	f := newFixture(t, func(o *Options) { o.APIKey = ""; o.Ops.PublicPerf = true })
	for _, p := range operatorPaths {
		if code, _, body := f.do(t, http.MethodGet, p, "", nil); code != http.StatusOK {
			t.Errorf("%s with operator.publicPerf: %d %.200s, want 200", p, code, body)
		}
	}
	if code, _, _ := f.do(t, http.MethodPost, "/api/perf/reset", "", nil); code == http.StatusOK {
		t.Errorf("publicPerf opened POST /api/perf/reset too")
	}
}

func TestOperator_Metrics(t *testing.T) {
	reg := func(o *Options) { o.Ops.Metrics = metrics.New(metrics.Options{}) }
	f := newFixture(t, reg)
	code, _, body := f.do(t, http.MethodGet, "/metrics", "", nil)
	if code != http.StatusUnauthorized {
		t.Fatalf("/metrics without key: %d, want 401", code)
	}
	errorReason(t, body)
	for _, hdr := range []map[string]string{{"X-API-Key": testKey}, {"Authorization": "Bearer " + testKey}} {
		if b := f.scrape(t, hdr); !strings.Contains(b, "corescope_store_transmissions") {
			t.Errorf("scrape with %v lacks store series", hdr)
		}
	}

	none := newFixture(t, reg, func(o *Options) { o.APIKey = "" })
	code, _, body = none.do(t, http.MethodGet, "/metrics", "", nil)
	if code != http.StatusForbidden || !strings.Contains(errorReason(t, body), "operator.publicMetrics") {
		t.Fatalf("/metrics with no key configured: %d %s, want 403 naming operator.publicMetrics", code, body)
	}

	token := newFixture(t, reg, func(o *Options) { o.APIKey = ""; o.Ops.MetricsToken = "scrape-secret-0123456789" })
	if b := token.scrape(t, map[string]string{"Authorization": "Bearer scrape-secret-0123456789"}); !strings.Contains(b, "corescope_") {
		t.Errorf("scrape with prometheus.token lacks series")
	}

	public := newFixture(t, reg, func(o *Options) { o.APIKey = ""; o.Ops.PublicMetrics = true })
	if b := public.scrape(t, nil); !strings.Contains(b, "corescope_") {
		t.Errorf("public scrape lacks series")
	}
}
