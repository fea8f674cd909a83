package faults

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// healthzState is the part of /api/healthz this test reads.
type healthzState struct {
	Healthy  bool     `json:"healthy"`
	Reasons  []string `json:"reasons"`
	Ingestor struct {
		StatsAgeSec         float64            `json:"statsAgeSec"`
		DisconnectedSources map[string]float64 `json:"disconnectedSources"`
		SilentSources       map[string]float64 `json:"silentSources"`
	} `json:"ingestor"`
}

func (s *stack) healthz() (int, healthzState, string) {
	code, body, err := s.get("/api/healthz")
	var h healthzState
	if err == nil {
		err = json.Unmarshal(body, &h)
	}
	return code, h, fmt.Sprintf("%d %v %.400s", code, err, body)
}

// TestFaults_BrokerDownTurnsHealthzUnhealthyAndBack (issue #16 items 7 and 8): the real
// ingestor and server run with the stats path left to its default, which must be the
// database's directory for both; then the broker is stopped. /api/healthz must name the
// disconnected source once the outage passes healthz.sourceDisconnectedSec (2 s here;
// 60 s by default), apart from the silent-source check (30 min), and turn healthy again
// when the broker is back and the ingestor has reconnected.
func TestFaults_BrokerDownTurnsHealthzUnhealthyAndBack(t *testing.T) {
	s := newStack(t, "")
	s.useDefaultStatsPath()
	cfg := `{"retention":{"nodeDays":36500,"observerDays":36500,"metricsDays":36500,"packetDays":36500,"clientRxDays":36500},
		"healthz":{"sourceDisconnectedSec":2}}`
	if err := os.WriteFile(filepath.Join(s.dir, "config.json"), []byte(cfg), 0o600); err != nil {
		t.Fatal(err)
	}
	s.startIngestor() // waits until the stats file at the default path shows the source subscribed
	if want := filepath.Join(s.dir, "data", "ingestor-stats.json"); s.stats != want {
		t.Fatalf("default stats path %s, want %s", s.stats, want)
	}
	s.startServer()
	if code, h, raw := s.healthz(); code != 200 || h.Ingestor.StatsAgeSec < 0 || h.Ingestor.StatsAgeSec > 30 {
		t.Fatalf("server does not read the ingestor's default stats file: %s", raw)
	}

	s.broker.Stop()
	stopped := time.Now()
	var down healthzState
	waitFor(t, "healthz names the disconnected source", 60*time.Second, func() (bool, string) {
		code, h, raw := s.healthz()
		down = h
		return code == 503 && len(h.Reasons) == 1 && strings.Contains(h.Reasons[0], `mqtt source "env" disconnected for`), raw
	})
	noticed := time.Since(stopped)
	if d := down.Ingestor.DisconnectedSources["env"]; d < 2 || len(down.Ingestor.SilentSources) != 0 {
		t.Fatalf("disconnectedSources %v silentSources %v, want env ≥ 2 s and no silent source", down.Ingestor.DisconnectedSources, down.Ingestor.SilentSources)
	}
	st, err := s.readStats()
	if err != nil || len(st.SourceStatuses) != 1 || st.SourceStatuses[0].Connected || st.SourceStatuses[0].DisconnectedSinceUnix == 0 {
		t.Fatalf("stats file during the outage: %+v %v, want env disconnected with a since-time", st, err)
	}

	s.broker.Start()
	restarted := time.Now()
	waitFor(t, "healthz healthy after the broker is back", 120*time.Second, func() (bool, string) {
		code, h, raw := s.healthz()
		return code == 200 && h.Healthy, raw
	})
	t.Logf("broker stopped: healthz 503 %q after %s (threshold 2 s); broker restarted: healthz 200 after %s",
		down.Reasons[0], noticed.Round(100*time.Millisecond), time.Since(restarted).Round(100*time.Millisecond))
}
