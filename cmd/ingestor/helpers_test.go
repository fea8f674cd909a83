package main

import (
	"bytes"
	"context"
	"database/sql"
	"os"
	"os/exec"
	"path/filepath"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/corescope/corescope/internal/schema"
	"github.com/corescope/corescope/internal/statsfile"
	"github.com/corescope/corescope/internal/testutil"
)

var (
	buildOnce sync.Once
	binDir    string
	buildErr  error
)

// binaries builds corescope-ingestor and corescope-publish once per test run.
func binaries(t *testing.T) (ingestor, publish string) {
	t.Helper()
	buildOnce.Do(func() {
		binDir, buildErr = os.MkdirTemp("", "corescope-bin-")
		if buildErr != nil {
			return
		}
		for _, b := range []struct{ out, pkg string }{{"ingestor", "."}, {"publish", "../publish"}} {
			cmd := exec.Command("go", "build", "-o", filepath.Join(binDir, b.out), b.pkg)
			if out, err := cmd.CombinedOutput(); err != nil {
				buildErr = &buildError{string(out), err}
				return
			}
		}
	})
	if buildErr != nil {
		t.Fatalf("build binaries: %v", buildErr)
	}
	return filepath.Join(binDir, "ingestor"), filepath.Join(binDir, "publish")
}

type buildError struct {
	out string
	err error
}

func (e *buildError) Error() string { return e.err.Error() + ": " + e.out }

func TestMain(m *testing.M) {
	code := m.Run()
	if binDir != "" {
		os.RemoveAll(binDir)
	}
	os.Exit(code)
}

// env is one ingestor deployment in a temp dir.
type env struct {
	t      *testing.T
	broker *testutil.Mosquitto
	dir    string
	db     string
	stats  string
	bin    string
	pub    string
}

func newEnv(t *testing.T) *env {
	ing, pub := binaries(t)
	dir := t.TempDir()
	return &env{t: t, broker: testutil.StartMosquitto(t), dir: dir, db: filepath.Join(dir, "data", "meshcore.db"),
		stats: filepath.Join(dir, "stats.json"), bin: ing, pub: pub}
}

// proc is a running ingestor.
type proc struct {
	cmd  *exec.Cmd
	out  *bytes.Buffer
	done chan error
}

// start runs the ingestor; extraEnv entries (KEY=value) override the defaults.
func (e *env) start(extraEnv ...string) *proc {
	e.t.Helper()
	cmd := exec.Command(e.bin, "-config", filepath.Join(e.dir, "none.json"))
	cmd.Env = append(os.Environ(), "DB_PATH="+e.db, "MQTT_BROKER="+e.broker.URL(),
		"CORESCOPE_INGESTOR_STATS="+e.stats, "CORESCOPE_INJECT_LISTEN=", "CORESCOPE_METRICS_LISTEN=")
	cmd.Env = append(cmd.Env, extraEnv...)
	out := &bytes.Buffer{}
	cmd.Stdout, cmd.Stderr = out, out
	cmd.SysProcAttr = &syscall.SysProcAttr{Pdeathsig: syscall.SIGKILL}
	if err := cmd.Start(); err != nil {
		e.t.Fatalf("start ingestor: %v", err)
	}
	p := &proc{cmd: cmd, out: out, done: make(chan error, 1)}
	go func() { p.done <- cmd.Wait() }()
	e.t.Cleanup(func() { cmd.Process.Kill(); <-p.done })
	return p
}

// stop sends SIGTERM and requires a clean exit.
func (p *proc) stop(t *testing.T) {
	t.Helper()
	p.cmd.Process.Signal(syscall.SIGTERM)
	select {
	case err := <-p.done:
		p.done <- err
		if err != nil {
			t.Fatalf("ingestor exit: %v\n%s", err, p.out)
		}
	case <-time.After(30 * time.Second):
		t.Fatalf("ingestor did not stop on SIGTERM\n%s", p.out)
	}
}

// waitStats polls the stats file until cond holds.
func (e *env) waitStats(what string, cond func(*statsfile.Snapshot) bool) *statsfile.Snapshot {
	e.t.Helper()
	deadline := time.Now().Add(30 * time.Second)
	for time.Now().Before(deadline) {
		if s, _, err := statsfile.Read(e.stats); err == nil && cond(s) {
			return s
		}
		time.Sleep(50 * time.Millisecond)
	}
	s, _, err := statsfile.Read(e.stats)
	e.t.Fatalf("timed out waiting for %s; last stats %+v %v", what, s, err)
	return nil
}

func subscribed(s *statsfile.Snapshot) bool {
	return len(s.SourceStatuses) == 1 && s.SourceStatuses[0].Subscribed
}

// publish runs corescope-publish with args against the test broker.
func (e *env) publish(args ...string) *exec.Cmd {
	e.t.Helper()
	cmd := exec.Command(e.pub, append([]string{"-broker", e.broker.URL()}, args...)...)
	return cmd
}

// readDB opens the database read-only the way the server does.
func (e *env) readDB() *sql.DB {
	e.t.Helper()
	db, err := schema.OpenReadOnly(context.Background(), e.db, 1)
	if err != nil {
		e.t.Fatalf("open read-only: %v", err)
	}
	e.t.Cleanup(func() { db.Close() })
	return db
}

func count(t *testing.T, db *sql.DB, q string) int {
	t.Helper()
	var n int
	if err := db.QueryRow(q).Scan(&n); err != nil {
		t.Fatalf("%s: %v", q, err)
	}
	return n
}

// waitCount polls q until it returns want (and fails with the last value otherwise).
func waitCount(t *testing.T, db *sql.DB, q string, want int) {
	t.Helper()
	deadline := time.Now().Add(45 * time.Second)
	got := -1
	for time.Now().Before(deadline) {
		if err := db.QueryRow(q).Scan(&got); err == nil && got >= want {
			break
		}
		time.Sleep(100 * time.Millisecond)
	}
	if got != want {
		t.Fatalf("%s: got %d, want %d", q, got, want)
	}
}
