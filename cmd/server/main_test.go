package main

import (
	"bytes"
	"errors"
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

func TestServer_InvalidConfigExits2(t *testing.T) {
	dir := t.TempDir()
	bin := filepath.Join(dir, "server")
	buildBinary(t, "./cmd/server", bin)
	cfg := filepath.Join(dir, "config.json")
	if err := os.WriteFile(cfg, []byte(`{"port": 70000}`), 0o600); err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	cmd := exec.Command(bin, "-config", cfg, "-db", testutil.CopyFixture(t))
	cmd.Env = append(os.Environ(), "PORT=")
	cmd.Stdout, cmd.Stderr = &out, &out
	err := cmd.Run()
	var ee *exec.ExitError
	if !errors.As(err, &ee) || ee.ExitCode() != 2 {
		t.Fatalf("got %v, want exit status 2; output:\n%s", err, out.String())
	}
	if !strings.Contains(out.String(), "port") {
		t.Errorf("error does not name the field: %s", out.String())
	}
}

// TestServer_ListensBeforeDatabaseExists: the listener comes up at once and answers
// /api/healthz with 503 while the ingestor has not created the database yet.
func TestServer_ListensBeforeDatabaseExists(t *testing.T) {
	dir := t.TempDir()
	bin := filepath.Join(dir, "server")
	buildBinary(t, "./cmd/server", bin)
	port := testutil.FreePort(t)
	startProc(t, bin, []string{fmt.Sprintf("PORT=%d", port)}, "-config", filepath.Join(dir, "none.json"),
		"-db", filepath.Join(dir, "later.db"), "-public", filepath.Join(dir, "no-public"))
	url := fmt.Sprintf("http://127.0.0.1:%d/api/healthz", port)
	deadline := time.Now().Add(20 * time.Second)
	for {
		resp, err := http.Get(url)
		if err == nil {
			resp.Body.Close()
			if resp.StatusCode != http.StatusServiceUnavailable {
				t.Fatalf("healthz: got %d, want 503", resp.StatusCode)
			}
			if st := resp.Header.Get("X-CoreScope-Load-Status"); !strings.HasPrefix(st, "loading") {
				t.Errorf("load status: got %q, want loading…", st)
			}
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("server never listened: %v", err)
		}
		time.Sleep(50 * time.Millisecond)
	}
}
