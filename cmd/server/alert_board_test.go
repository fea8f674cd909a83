package main

import (
	"encoding/json"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/corescope/corescope/internal/alerts"
	"github.com/corescope/corescope/internal/api"
)

func (o *opsServer) post(t *testing.T, path, body, key string) int {
	t.Helper()
	req, err := http.NewRequest(http.MethodPost, o.base+path, strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Content-Type", "application/json")
	if key != "" {
		req.Header.Set("X-API-Key", key)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	io.Copy(io.Discard, resp.Body)
	resp.Body.Close()
	return resp.StatusCode
}

// TestServer_AlertsRouteAckMute runs the server binary: the claimed fixture node's
// node_silent alert is listed by GET /api/alerts; acknowledging and muting need the API
// key, are listed afterwards and land in alerts-state.json next to the database.
func TestServer_AlertsRouteAckMute(t *testing.T) {
	o := startOpsServer(t)
	list := func() api.AlertList {
		_, _, body := o.get(t, "/api/alerts")
		var l api.AlertList
		if err := json.Unmarshal([]byte(body), &l); err != nil {
			t.Fatalf("GET /api/alerts: %v: %s", err, body)
		}
		return l
	}
	find := func(l api.AlertList) *api.AlertRecord {
		for i, a := range l.Alerts {
			if a.Kind == alerts.KindNodeSilent && a.Subject == strings.ToLower(fixtureNode) {
				return &l.Alerts[i]
			}
		}
		return nil
	}
	waitFor(t, "node_silent listed", func() bool { return find(list()) != nil })
	l := list()
	if a := find(l); a.Status != "firing" || a.Acked || a.Since == "" || len(l.Rules) != len(alerts.Kinds()) {
		t.Fatalf("listed alert %+v, %d rules", a, len(l.Rules))
	}
	ack := `{"kind":"node_silent","subject":"` + strings.ToLower(fixtureNode) + `"}`
	if code := o.post(t, "/api/alerts/ack", ack, ""); code != http.StatusUnauthorized {
		t.Fatalf("ack without key: %d", code)
	}
	if code := o.post(t, "/api/alerts/ack", `{"kind":"node_silent","subject":"nope"}`, opsAPIKey); code != http.StatusNotFound {
		t.Fatalf("ack of no alert: %d", code)
	}
	if code := o.post(t, "/api/alerts/ack", `{"kind":`, opsAPIKey); code != http.StatusBadRequest {
		t.Fatalf("ack with broken JSON: %d", code)
	}
	if code := o.post(t, "/api/alerts/ack", ack, opsAPIKey); code != http.StatusOK {
		t.Fatalf("ack: %d", code)
	}
	if code := o.post(t, "/api/alerts/mute", `{"kind":"bridge_silent","muted":true}`, opsAPIKey); code != http.StatusOK {
		t.Fatalf("mute: %d", code)
	}
	l = list()
	if a := find(l); a == nil || !a.Acked {
		t.Fatalf("after ack: %+v", a)
	}
	for _, r := range l.Rules {
		if r.Muted != (r.Kind == alerts.KindBridgeSilent) {
			t.Errorf("rule %+v", r)
		}
	}
	b, err := os.ReadFile(filepath.Join(filepath.Dir(o.db), "alerts-state.json"))
	if err != nil || !strings.Contains(string(b), `"bridge_silent": true`) || !strings.Contains(string(b), "node_silent") {
		t.Fatalf("side file: %v %s", err, b)
	}
}
