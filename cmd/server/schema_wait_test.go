package main

import (
	"encoding/json"
	"fmt"
	"net/http"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/corescope/corescope/internal/testutil"
)

// TestServer_UnmigratedDatabaseSaysWhatToRun: pointed at a database the ingestor has not
// migrated (the existing CoreScope's fixture as it is), the server answers 503 with reason
// "schema" and a message naming `corescope-ingestor -migrate-only`; once that ran, it serves data.
func TestServer_UnmigratedDatabaseSaysWhatToRun(t *testing.T) {
	dir := t.TempDir()
	srv, ing := filepath.Join(dir, "server"), filepath.Join(dir, "ingestor")
	buildBinary(t, "./cmd/server", srv)
	buildBinary(t, "./cmd/ingestor", ing)
	db := testutil.CopyFixture(t)
	port := testutil.FreePort(t)
	startProc(t, srv, []string{fmt.Sprintf("PORT=%d", port), "CORESCOPE_INGESTOR_STATS=" + filepath.Join(dir, "s.json")},
		"-config", filepath.Join(dir, "none.json"), "-db", db, "-public", filepath.Join(dir, "none"))
	url := fmt.Sprintf("http://127.0.0.1:%d/api/stats", port)
	var body struct {
		Reason, Error string
	}
	waitFor(t, "a schema answer", func() bool {
		resp, err := http.Get(url)
		if err != nil {
			return false
		}
		defer resp.Body.Close()
		body.Reason, body.Error = "", ""
		json.NewDecoder(resp.Body).Decode(&body)
		return resp.StatusCode == http.StatusServiceUnavailable && body.Reason == "schema"
	})
	if !strings.Contains(body.Error, "corescope-ingestor -migrate-only") {
		t.Fatalf("message %q does not say what to run", body.Error)
	}
	if out, err := exec.Command(ing, "-config", filepath.Join(dir, "none.json"), "-db", db, "-migrate-only").CombinedOutput(); err != nil {
		t.Fatalf("migrate-only: %v\n%s", err, out)
	}
	deadline := time.Now().Add(30 * time.Second)
	for {
		resp, err := http.Get(url)
		if err == nil {
			resp.Body.Close()
			if resp.StatusCode == http.StatusOK {
				return
			}
		}
		if time.Now().After(deadline) {
			t.Fatalf("server never served after the migration: %v", err)
		}
		time.Sleep(100 * time.Millisecond)
	}
}
