package main

import (
	"bytes"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

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

func TestServer_MissingDatabaseFails(t *testing.T) {
	dir := t.TempDir()
	bin := filepath.Join(dir, "server")
	buildBinary(t, "./cmd/server", bin)
	var out bytes.Buffer
	cmd := exec.Command(bin, "-config", filepath.Join(dir, "none.json"), "-db", filepath.Join(dir, "missing.db"), "-port", "1")
	cmd.Stdout, cmd.Stderr = &out, &out
	err := cmd.Run()
	var ee *exec.ExitError
	if !errors.As(err, &ee) || ee.ExitCode() != 1 || !strings.Contains(out.String(), "open database") {
		t.Fatalf("got %v, want exit status 1 with 'open database'; output:\n%s", err, out.String())
	}
}
