package main

import (
	"encoding/json"
	"io"
	"net/http"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/corescope/corescope/internal/statsfile"
	"github.com/corescope/corescope/internal/testutil"
)

// startWithMetrics runs the ingestor binary with its /metrics listener on a free port.
func (e *env) startWithMetrics(extraEnv ...string) (*proc, string) {
	e.t.Helper()
	addr := "127.0.0.1:" + strconv.Itoa(testutil.FreePort(e.t))
	return e.start(append([]string{"CORESCOPE_METRICS_LISTEN=" + addr}, extraEnv...)...), "http://" + addr + "/metrics"
}

// scrapeSeries fetches url and returns every "name{labels} value" line as series → value.
func scrapeSeries(t *testing.T, url string, hdr http.Header) (map[string]float64, int) {
	t.Helper()
	req, _ := http.NewRequest(http.MethodGet, url, nil)
	if hdr != nil {
		req.Header = hdr
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return nil, 0
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	out := map[string]float64{}
	for _, l := range strings.Split(string(b), "\n") {
		if l == "" || l[0] == '#' {
			continue
		}
		i := strings.LastIndexByte(l, ' ')
		if v, err := strconv.ParseFloat(l[i+1:], 64); err == nil {
			out[l[:i]] = v
		}
	}
	return out, resp.StatusCode
}

// waitSeries scrapes until cond holds on the series.
func waitSeries(t *testing.T, url, what string, cond func(map[string]float64) bool) map[string]float64 {
	t.Helper()
	var last map[string]float64
	for deadline := time.Now().Add(30 * time.Second); time.Now().Before(deadline); time.Sleep(100 * time.Millisecond) {
		if s, code := scrapeSeries(t, url, nil); code == 200 {
			if last = s; cond(s) {
				return s
			}
		}
	}
	t.Fatalf("timed out waiting for %s; last scrape has %d series", what, len(last))
	return nil
}

func TestIngestor_MetricsEndpointSeriesMove(t *testing.T) {
	e := newEnv(t)
	p, url := e.startWithMetrics("LOG_FORMAT=json")
	e.waitStats("subscribed", subscribed)
	first := waitSeries(t, url, "source connected", func(s map[string]float64) bool {
		return s[`corescope_mqtt_source_connected{source="env"}`] == 1
	})
	if first["corescope_ingest_observations_inserted_total"] != 0 || first[`corescope_mqtt_source_last_message_age_seconds{source="env"}`] != -1 {
		t.Fatalf("before publishing: %v", first)
	}
	if first["corescope_ingest_queue_capacity"] <= 0 || first["go_goroutines"] <= 0 {
		t.Fatalf("queue capacity / runtime series missing")
	}
	pub := e.publish("-vectors", testutil.SharedPath(t, "testdata/vectors.json"), "-observers", "2")
	if out, err := pub.CombinedOutput(); err != nil {
		t.Fatalf("publish: %v\n%s", err, out)
	}
	_, good, _ := fixtureCounts(t)
	after := waitSeries(t, url, "observations counted", func(s map[string]float64) bool {
		return s["corescope_ingest_observations_inserted_total"] >= float64(2*good)
	})
	if after[`corescope_mqtt_source_messages_total{source="env"}`] < float64(2*good) {
		t.Errorf("mqtt messages_total = %v, want >= %d", after[`corescope_mqtt_source_messages_total{source="env"}`], 2*good)
	}
	if age := after[`corescope_mqtt_source_last_message_age_seconds{source="env"}`]; age < 0 || age > 30 {
		t.Errorf("last message age = %v, want a recent message", age)
	}
	if after["corescope_ingest_transmissions_inserted_total"] <= 0 || after["corescope_ingest_wal_commits_total"] <= 0 {
		t.Errorf("tx/commit counters did not move")
	}
	if after[`corescope_ingest_writer_hold_seconds_count{component="mqtt_handler"}`] <= 0 {
		t.Errorf("writer hold histogram did not move: %v", after)
	}
	if _, ok := after[`corescope_ingest_writer_wait_seconds_bucket{component="mqtt_handler",le="+Inf"}`]; !ok {
		t.Errorf("writer wait histogram missing")
	}
	p.stop(t) // before reading its output (the process writes it concurrently)
	for _, l := range strings.Split(strings.TrimSpace(p.out.String()), "\n") {
		if !json.Valid([]byte(l)) {
			t.Errorf("LOG_FORMAT=json: not a JSON line: %q", l)
		}
	}
	if !strings.Contains(p.out.String(), `"msg":"ingestor running"`) || !strings.Contains(p.out.String(), `"metrics":"`+strings.TrimSuffix(strings.TrimPrefix(url, "http://"), "/metrics")+`"`) {
		t.Errorf("startup line lacks the metrics address:\n%.800s", p.out)
	}
	if s, _, err := statsfile.Read(e.stats); err != nil || s.ObsInserted != int64(after["corescope_ingest_observations_inserted_total"]) {
		t.Errorf("stats file and /metrics disagree: %v vs %v (%v)", s, after["corescope_ingest_observations_inserted_total"], err)
	}
}

func TestIngestor_MetricsTokenAndBusyPort(t *testing.T) {
	e := newEnv(t)
	p, url := e.startWithMetrics("CORESCOPE_METRICS_TOKEN=scrape-token-42")
	e.waitStats("subscribed", subscribed)
	if _, code := scrapeSeries(t, url, nil); code != http.StatusUnauthorized {
		t.Fatalf("no token: got %d, want 401", code)
	}
	s, code := scrapeSeries(t, url, http.Header{"Authorization": {"Bearer scrape-token-42"}})
	if code != 200 || s["corescope_ingest_queue_capacity"] <= 0 {
		t.Fatalf("with token: %d", code)
	}
	// A second ingestor whose metrics port is taken logs it, serves /metrics on a free port
	// it announces in the stats file, and keeps ingesting.
	addr := strings.TrimSuffix(strings.TrimPrefix(url, "http://"), "/metrics")
	e2 := newEnv(t)
	p2 := e2.start("CORESCOPE_METRICS_LISTEN="+addr, "LOG_LEVEL=warn")
	st := e2.waitStats("second ingestor subscribed despite the busy port", subscribed)
	if st.MetricsAddr == "" || st.MetricsAddr == addr {
		t.Errorf("stats metrics_addr = %q, want a free port other than the busy %s", st.MetricsAddr, addr)
	} else if _, code := scrapeSeries(t, "http://"+st.MetricsAddr+"/metrics", nil); code != 200 {
		t.Errorf("announced metrics address %s: got %d, want 200", st.MetricsAddr, code)
	}
	p2.cmd.Process.Kill()
	p2.done <- <-p2.done // wait for exit before reading its output; keep the result for cleanup
	out := p2.out
	if !strings.Contains(out.String(), "metrics port busy") || strings.Contains(out.String(), "level=INFO") {
		t.Errorf("LOG_LEVEL=warn: want the busy-port warning and no INFO lines:\n%s", out)
	}
	p.stop(t)
}
