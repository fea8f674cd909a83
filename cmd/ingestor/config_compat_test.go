package main

import (
	"github.com/corescope/corescope/internal/testutil"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/corescope/corescope/internal/statsfile"
)

// TestIngestor_ExistingConfigKeysWarnedByName: started with every key of the existing CoreScope's
// example configuration, the ingestor subscribes and names each key no process acts on, once.
func TestIngestor_ExistingConfigKeysWarnedByName(t *testing.T) {
	e := newEnv(t)
	cmd := exec.Command(e.bin, "-config", filepath.Join("..", "..", "internal", "config", "testdata", "existing-keys.json"))
	cmd.Env = append(os.Environ(), "DB_PATH="+e.db, "MQTT_BROKER="+e.broker.URL(), "CORESCOPE_INGESTOR_STATS="+e.stats,
		"CORESCOPE_INJECT_LISTEN=", "CORESCOPE_METRICS_LISTEN=")
	out := &testutil.SyncBuffer{}
	cmd.Stdout, cmd.Stderr = out, out
	cmd.SysProcAttr = &syscall.SysProcAttr{Pdeathsig: syscall.SIGKILL}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	t.Cleanup(func() {
		cmd.Process.Signal(syscall.SIGTERM)
		select {
		case <-done:
		case <-time.After(20 * time.Second):
			cmd.Process.Kill()
			<-done
		}
		if t.Failed() {
			t.Logf("ingestor output:\n%s", out)
		}
	})
	e.waitStats("subscribed", func(s *statsfile.Snapshot) bool { return subscribed(s) })
	for _, key := range []string{"resolvedPath.backfillHours", "packetStore.estimatedPacketBytes", "cacheTTL.nodeDetail"} {
		if n := strings.Count(out.String(), "key="+key+" "); n != 1 {
			t.Errorf("key %s named %d times in the log, want once", key, n)
		}
	}
	if strings.Contains(out.String(), "key=neighborGraph.maxAgeDays") || strings.Contains(out.String(), "key=retention.packetDays") {
		t.Error("a key the ingestor reads was warned about")
	}
}
