package config

import (
	"bytes"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func opsEnv(m map[string]string) func(string) (string, bool) {
	return func(k string) (string, bool) { v, ok := m[k]; return v, ok }
}

func TestOps_Defaults(t *testing.T) {
	c, err := Load("", nil)
	if err != nil {
		t.Fatal(err)
	}
	if err := c.Validate(); err != nil {
		t.Fatalf("defaults do not validate: %v", err)
	}
	if c.LogLevel != "info" || c.LogFormat != "text" || !c.Prometheus.MetricsEnabled() || c.Prometheus.IngestorListen != DefaultMetricsListen {
		t.Errorf("log/metrics defaults: %q %q %v %q", c.LogLevel, c.LogFormat, c.Prometheus.MetricsEnabled(), c.Prometheus.IngestorListen)
	}
	r := c.RateLimit
	if !r.On() || !r.LoopbackExempt() || r.PerSecond != 10 || r.Burst != 60 || len(r.TrustedProxies) != 2 {
		t.Errorf("rate limit defaults: %+v", r)
	}
	if c.Healthz.StatsMaxAgeSec != 30 || c.Healthz.SourceSilentSec != 1800 || c.Healthz.SourceDisconnectedSec != 60 ||
		c.Healthz.HeartbeatMaxAgeSec != 60 || c.Alerts.IntervalSec != 30 || c.Alerts.NodeSilentMinutes != 1440 {
		t.Errorf("healthz/alerts defaults: %+v %+v", c.Healthz, c.Alerts)
	}
}

func TestOps_FileAndEnv(t *testing.T) {
	path := filepath.Join(t.TempDir(), "config.json")
	os.WriteFile(path, []byte(`{"logLevel": "debug", "prometheus": {"enabled": false, "ingestorListen": "off"},
		"rateLimit": {"enabled": false, "exemptLoopback": false, "trustedProxies": []}, "healthz": {"statsMaxAgeSec": -1}}`), 0o600)
	c, err := Load(path, opsEnv(map[string]string{EnvLogLevel: "WARN", EnvLogFormat: "json", EnvMetricsToken: "tok"}))
	if err != nil {
		t.Fatal(err)
	}
	if c.LogLevel != "warn" || c.LogFormat != "json" || c.Prometheus.Token != "tok" {
		t.Errorf("env overrides: %q %q %q", c.LogLevel, c.LogFormat, c.Prometheus.Token)
	}
	if c.Prometheus.MetricsEnabled() || c.Prometheus.IngestorListen != "" || c.RateLimit.On() || c.RateLimit.LoopbackExempt() ||
		len(c.RateLimit.TrustedProxies) != 0 || c.Healthz.StatsMaxAgeSec != -1 {
		t.Errorf("file values lost: %+v %+v %+v", c.Prometheus, c.RateLimit, c.Healthz)
	}
	c, _ = Load(path, opsEnv(map[string]string{EnvMetricsListen: ""}))
	if c.Prometheus.IngestorListen != "" {
		t.Errorf("empty %s should disable the listener, got %q", EnvMetricsListen, c.Prometheus.IngestorListen)
	}
	c, _ = Load("", opsEnv(map[string]string{EnvMetricsListen: "0.0.0.0:9464"}))
	if c.Prometheus.IngestorListen != "0.0.0.0:9464" {
		t.Errorf("listen from env: %q", c.Prometheus.IngestorListen)
	}
}

func TestOps_ValidateNamesFields(t *testing.T) {
	c, _ := Load("", nil)
	c.LogLevel, c.LogFormat = "loud", "xml"
	c.RateLimit.PerSecond = -1
	c.Alerts.Webhooks = []string{"ftp://x", "https://ok.example/hook"}
	c.Prometheus.IngestorListen = "3002"
	err := c.Validate()
	for _, f := range []string{"logLevel", "logFormat", "rateLimit", "alerts.webhooks", "prometheus.ingestorListen"} {
		var fe *FieldError
		found := false
		for _, e := range unwrapAll(err) {
			if errors.As(e, &fe) && fe.Field == f {
				found = true
			}
		}
		if !found {
			t.Errorf("Validate does not name %s: %v", f, err)
		}
	}
}

func unwrapAll(err error) []error {
	if j, ok := err.(interface{ Unwrap() []error }); ok {
		return j.Unwrap()
	}
	return []error{err}
}

func TestNewLogger_LevelAndFormat(t *testing.T) {
	var buf bytes.Buffer
	c := &Config{LogLevel: "warn", LogFormat: "json"}
	log := c.NewLogger(&buf)
	log.Info("hidden")
	log.Warn("shown", "k", 1)
	lines := strings.Split(strings.TrimSpace(buf.String()), "\n")
	if len(lines) != 1 {
		t.Fatalf("got %d lines, want only the warning: %q", len(lines), buf.String())
	}
	var m map[string]any
	if err := json.Unmarshal([]byte(lines[0]), &m); err != nil || m["msg"] != "shown" || m["level"] != "WARN" {
		t.Fatalf("json line %q: %v", lines[0], err)
	}
	buf.Reset()
	(&Config{LogLevel: "debug"}).NewLogger(&buf).Debug("dbg")
	if !strings.Contains(buf.String(), "level=DEBUG msg=dbg") {
		t.Fatalf("text debug line: %q", buf.String())
	}
}
