package main

import (
	"crypto/tls"
	"crypto/x509"
	"encoding/json"
	"fmt"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/corescope/corescope/internal/testutil"
)

// runServer starts the server binary with a config file on a fixture copy and returns its output.
func runServer(t *testing.T, bin, cfg string, port int) *testutil.SyncBuffer {
	t.Helper()
	return startProc(t, bin, []string{fmt.Sprintf("PORT=%d", port)},
		"-config", cfg, "-db", testutil.CopyFixture(t), "-public", filepath.Join(t.TempDir(), "none"))
}

// TestServer_ExistingConfigKeysWarnedByName: started with every key of the existing CoreScope's
// example configuration, the server comes up and names each key it does not act on.
func TestServer_ExistingConfigKeysWarnedByName(t *testing.T) {
	dir := t.TempDir()
	bin := filepath.Join(dir, "server")
	buildBinary(t, "./cmd/server", bin)
	out := runServer(t, bin, filepath.Join(repoRoot(t), "internal/config/testdata/existing-keys.json"), testutil.FreePort(t))
	waitFor(t, "listening", func() bool { return strings.Contains(out.String(), "corescope-server listening") })
	for _, key := range []string{"resolvedPath.backfillHours", "packetStore.estimatedPacketBytes",
		"cacheTTL.stats", "cacheTTL.nodeList", "cacheTTL.nodeSearch"} {
		if n := strings.Count(out.String(), "key="+key+" "); n != 1 {
			t.Errorf("key %s named %d times in the log, want once", key, n)
		}
	}
	for _, honoured := range []string{"key=https", "key=defaultRegion", "key=neighborGraph.maxAgeDays", "key=cacheTTL.analyticsRF ",
		"key=knownChannelsUrl", "key=knownChannelsRefreshMs"} {
		if strings.Contains(out.String(), honoured) {
			t.Errorf("%s is honoured but was warned about", honoured)
		}
	}
}

// TestServer_CheckConfigFlag: -check-config prints the findings and exits 1 only on errors.
func TestServer_CheckConfigFlag(t *testing.T) {
	dir := t.TempDir()
	bin := filepath.Join(dir, "server")
	buildBinary(t, "./cmd/server", bin)
	cfg := filepath.Join(dir, "config.json")
	for _, c := range []struct {
		body, want string
		code       int
	}{
		{`{"portt": 3000}`, `warning: portt: unknown key, ignored (did you mean "port"?)`, 0},
		{`{"port": 70000}`, "error: port: must be 1..65535, got 70000", 1},
		{`{"port": 3000}`, "no problems found", 0},
	} {
		if err := os.WriteFile(cfg, []byte(c.body), 0o600); err != nil {
			t.Fatal(err)
		}
		cmd := exec.Command(bin, "-config", cfg, "-check-config")
		cmd.Env = append(os.Environ(), "PORT=")
		b, err := cmd.CombinedOutput()
		code := 0
		if ee, ok := err.(*exec.ExitError); ok {
			code = ee.ExitCode()
		}
		if code != c.code || !strings.Contains(string(b), c.want) {
			t.Errorf("%s: exit %d, output %q; want exit %d containing %q", c.body, code, b, c.code, c.want)
		}
	}
}

// TestServer_ServesHTTPSWithConfiguredCert: with https.cert and https.key set, the port speaks TLS.
func TestServer_ServesHTTPSWithConfiguredCert(t *testing.T) {
	dir := t.TempDir()
	bin := filepath.Join(dir, "server")
	buildBinary(t, "./cmd/server", bin)
	ca, cert, key := testutil.WriteTestCerts(t, dir)
	cfgBody, _ := json.Marshal(map[string]any{"https": map[string]string{"cert": cert, "key": key}})
	cfg := filepath.Join(dir, "config.json")
	if err := os.WriteFile(cfg, cfgBody, 0o600); err != nil {
		t.Fatal(err)
	}
	port := testutil.FreePort(t)
	out := runServer(t, bin, cfg, port)
	waitFor(t, "listening", func() bool { return strings.Contains(out.String(), "corescope-server listening") })
	pem, err := os.ReadFile(ca)
	if err != nil {
		t.Fatal(err)
	}
	pool := x509.NewCertPool()
	pool.AppendCertsFromPEM(pem)
	client := &http.Client{Timeout: 10 * time.Second, Transport: &http.Transport{TLSClientConfig: &tls.Config{RootCAs: pool}}}
	resp, err := client.Get(fmt.Sprintf("https://127.0.0.1:%d/api/healthz", port))
	if err != nil {
		t.Fatalf("https request: %v", err)
	}
	resp.Body.Close()
	if resp.TLS == nil || resp.StatusCode >= 500 && resp.StatusCode != http.StatusServiceUnavailable {
		t.Fatalf("https: status %d, tls %v", resp.StatusCode, resp.TLS != nil)
	}
	if resp, err := (&http.Client{Timeout: 5 * time.Second}).Get(fmt.Sprintf("http://127.0.0.1:%d/api/healthz", port)); err == nil {
		resp.Body.Close()
		if resp.StatusCode != http.StatusBadRequest {
			t.Errorf("plain http on the TLS port: got %d, want Go's 400 for HTTP sent to an HTTPS server", resp.StatusCode)
		}
	}
}
