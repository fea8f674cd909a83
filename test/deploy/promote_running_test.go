package deploy_test

import (
	"encoding/json"
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/corescope/corescope/internal/testutil"
)

// servedObservations polls the server's /api/stats until it reports want observations or limit
// passes, and returns the last figure seen.
func servedObservations(t *testing.T, port, want int, limit time.Duration) int {
	t.Helper()
	last := -1
	for deadline := time.Now().Add(limit); time.Now().Before(deadline); time.Sleep(200 * time.Millisecond) {
		resp, err := http.Get(fmt.Sprintf("http://127.0.0.1:%d/api/stats", port))
		if err != nil {
			continue
		}
		var s struct {
			TotalObservations int `json:"totalObservations"`
		}
		err = json.NewDecoder(resp.Body).Decode(&s)
		resp.Body.Close()
		if err == nil {
			last = s.TotalObservations
			if last == want {
				return last
			}
		}
	}
	return last
}

// TestManage_PromoteRunningInstance runs production natively (`./manage.sh start`: supervisord,
// Mosquitto, ingestor, server on free ports), promotes a staging database into it, and checks
// that promote stopped it, started it again healthy, and that the server now serves staging's rows.
func TestManage_PromoteRunningInstance(t *testing.T) {
	requireTools(t, "sqlite3", "supervisord", "/usr/sbin/mosquitto", "curl")
	root := repoRoot(t)
	prod, prodObs := stoppedInstance(t)
	webPort, mqttPort := freePort(t), freePort(t)
	envFile := filepath.Join(prod.dir, ".env")
	prod.keep[envFile] = fmt.Sprintf("PORT=%d\nMQTT_PORT=%d\nLISTEN=127.0.0.1\n", webPort, mqttPort)
	writeFile(t, envFile, prod.keep[envFile])
	// The broker starts on an empty persistence dir (stoppedInstance's file is a placeholder).
	if err := os.Remove(filepath.Join(prod.dir, "mosquitto", "mosquitto.db")); err != nil {
		t.Fatal(err)
	}
	env := runEnv(append(prod.env, "BIN_DIR="+filepath.Join(t.TempDir(), "bin"),
		fmt.Sprintf("MQTT_BROKER=tcp://127.0.0.1:%d", mqttPort))...)
	run := func(args ...string) (string, error) {
		cmd := newManageCmd(root, env, args...)
		out, err := cmd.CombinedOutput()
		return string(out), err
	}
	if out, err := run("start"); err != nil {
		log, _ := os.ReadFile(filepath.Join(prod.dir, "logs", "corescope.log"))
		t.Fatalf("start: %v\n%s\nlog:\n%s", err, out, log)
	}
	t.Cleanup(func() {
		if out, err := run("stop"); err != nil {
			t.Errorf("stop: %v\n%s", err, out)
		}
	})
	if got := servedObservations(t, webPort, prodObs, 60*time.Second); got != prodObs {
		t.Fatalf("production serves %d observations before promote, want its %d", got, prodObs)
	}

	staging := filepath.Join(t.TempDir(), "staging")
	sdb := filepath.Join(staging, "meshcore.db")
	copyFile(t, testutil.CopyFixture(t), sdb)
	_, stagingObs := walWriter(t, sdb, 200)
	writeFile(t, filepath.Join(staging, "config.json"), `{"apiKey":"staging-fedcba9876543210fedcba9876543210"}`+"\n")

	out, err := run("promote", staging, "--yes")
	if err != nil {
		t.Fatalf("promote of a running instance: %v\n%s", err, out)
	}
	for _, want := range []string{"production backup:", "stopped", "healthy:"} {
		if !strings.Contains(out, want) {
			t.Errorf("promote output lacks %q (stop, backup, start with health check):\n%s", want, out)
		}
	}
	if got := servedObservations(t, webPort, stagingObs, 60*time.Second); got != stagingObs {
		t.Errorf("production serves %d observations after promote, want staging's %d", got, stagingObs)
	}
	backup, _ := filepath.Glob(filepath.Join(prod.backups, "pre-promote-*", "meshcore.db"))
	if len(backup) != 1 {
		t.Fatalf("got production backups %v, want one", backup)
	}
	if got := countRows(t, backup[0], "observations"); got != prodObs {
		t.Errorf("production backup has %d observations, want %d", got, prodObs)
	}
}
