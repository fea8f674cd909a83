package deploy_test

import (
	"bytes"
	"context"
	"database/sql"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/corescope/corescope/internal/schema"
	"github.com/corescope/corescope/internal/testutil"
)

// newManageCmd prepares ./manage.sh with no standard input (like CI) and exactly env.
func newManageCmd(root string, env []string, args ...string) *exec.Cmd {
	cmd := exec.Command(filepath.Join(root, "manage.sh"), args...)
	cmd.Dir = root
	cmd.Env = env
	return cmd
}

// manageRun runs ./manage.sh with this process's environment plus env and returns its output.
func manageRun(root string, env []string, args ...string) (string, error) {
	out, err := newManageCmd(root, append(os.Environ(), env...), args...).CombinedOutput()
	return string(out), err
}

// walWriter opens path as the ingestor does (WAL), migrates it and deletes the n oldest-id observations without
// checkpointing, so those deletions live only in the -wal file while the handle stays open. It
// returns the handle and the observation count it now sees.
func walWriter(t *testing.T, path string, n int) (*sql.DB, int) {
	t.Helper()
	db, err := schema.Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	// Migrated first, as the ingestor would (it merges the fixture's duplicate observation), so
	// the counts below are the ones a started stack serves.
	if _, err := schema.Migrate(context.Background(), db, nil); err != nil {
		t.Fatal(err)
	}
	if _, err := db.Exec(`DELETE FROM observations WHERE id IN (SELECT id FROM observations ORDER BY id LIMIT ?)`, n); err != nil {
		t.Fatal(err)
	}
	var count int
	if err := db.QueryRow(`SELECT COUNT(*) FROM observations`).Scan(&count); err != nil {
		t.Fatal(err)
	}
	if st, err := os.Stat(path + "-wal"); err != nil || st.Size() == 0 {
		t.Fatalf("want the deletions in a non-empty %s-wal: %v", path, err)
	}
	return db, count
}

func writeFile(t *testing.T, path, text string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(text), 0o600); err != nil {
		t.Fatal(err)
	}
}

func copyFile(t *testing.T, src, dst string) {
	t.Helper()
	b, err := os.ReadFile(src)
	if err != nil {
		t.Fatal(err)
	}
	writeFile(t, dst, string(b))
}

func fileText(t *testing.T, path string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("want %s kept: %v", path, err)
	}
	return string(b)
}

// instanceFiles is a stopped native instance's data dir as `./manage.sh start` leaves it.
type instanceFiles struct {
	dir, db, backups string
	keep             map[string]string // config files reset and promote must leave as they are
	wipe             []string          // data files reset removes
	env              []string
}

// stoppedInstance lays out a data dir as a crashed ingestor leaves it: the fixture database with
// 37 deleted observations still only in its -wal/-shm, the broker's persistence, the stats files,
// config.json, .env, theme.json and a certificate. It returns the layout and the observation count
// SQLite sees through the WAL.
func stoppedInstance(t *testing.T) (*instanceFiles, int) {
	t.Helper()
	base := t.TempDir()
	in := &instanceFiles{dir: filepath.Join(base, "data"), backups: filepath.Join(base, "backups")}
	in.db = filepath.Join(in.dir, "meshcore.db")
	scratch := filepath.Join(base, "scratch", "meshcore.db")
	copyFile(t, testutil.CopyFixture(t), scratch)
	_, obs := walWriter(t, scratch, 37)
	for _, suffix := range []string{"", "-wal", "-shm"} {
		copyFile(t, scratch+suffix, in.db+suffix)
	}
	in.keep = map[string]string{
		filepath.Join(in.dir, "config.json"):           `{"apiKey":"prod-0123456789abcdef0123456789abcdef"}` + "\n",
		filepath.Join(in.dir, ".env"):                  "PORT=3999\nMQTT_PORT=1999\n",
		filepath.Join(in.dir, "theme.json"):            `{"accent":"#123456"}` + "\n",
		filepath.Join(in.dir, "caddy", "cert.pem"):     "certificate kept across resets\n",
		filepath.Join(in.dir, "logs", "corescope.log"): "log line\n",
	}
	for p, text := range in.keep {
		writeFile(t, p, text)
	}
	in.wipe = []string{in.db, in.db + "-wal", in.db + "-shm",
		filepath.Join(in.dir, "mosquitto", "mosquitto.db"),
		filepath.Join(in.dir, "ingestor-stats.json"),
		filepath.Join(in.dir, "run", "ingestor-stats.json")}
	for _, p := range in.wipe[3:] {
		writeFile(t, p, `{"sampledAt":"2026-01-01T00:00:00Z"}`)
	}
	in.env = []string{"CORESCOPE_MODE=native", "DATA_DIR=" + in.dir, "DB_PATH=" + in.db, "BACKUP_ROOT=" + in.backups, "CORESCOPE_INGESTOR_STATS="}
	return in, obs
}

func checkKept(t *testing.T, in *instanceFiles, skip string) {
	t.Helper()
	for p, want := range in.keep {
		if p != skip && fileText(t, p) != want {
			t.Errorf("%s changed", p)
		}
	}
}

// TestManage_ResetRefusesWithoutYesOffTerminal: with no terminal to ask on and no --yes, reset
// exits non-zero with a message naming --yes, and deletes, stops and backs up nothing.
func TestManage_ResetRefusesWithoutYesOffTerminal(t *testing.T) {
	requireTools(t, "sqlite3")
	root := repoRoot(t)
	in, _ := stoppedInstance(t)
	before := map[string][]byte{}
	for _, p := range in.wipe {
		before[p], _ = os.ReadFile(p)
	}
	out, err := manageRun(root, in.env, "reset")
	if err == nil {
		t.Fatalf("reset without --yes and without a terminal succeeded:\n%s", out)
	}
	if !strings.Contains(out, "--yes") || !strings.Contains(out, "nothing was changed") {
		t.Errorf("refusal does not say to pass --yes and that nothing changed:\n%s", out)
	}
	for p, b := range before {
		if now, err := os.ReadFile(p); err != nil || !bytes.Equal(now, b) {
			t.Errorf("%s was touched by a refused reset (err %v)", p, err)
		}
	}
	checkKept(t, in, "")
	if _, err := os.Stat(in.backups); !os.IsNotExist(err) {
		t.Errorf("a refused reset wrote backups: %v", err)
	}
}

// TestManage_ResetYesWipesDataKeepsConfig: reset --yes leaves a safety backup holding what SQLite
// saw through the WAL, removes the database with its -wal/-shm, the broker persistence and the
// stats files, says so, and keeps config.json, .env, theme.json, certificates and logs.
func TestManage_ResetYesWipesDataKeepsConfig(t *testing.T) {
	requireTools(t, "sqlite3")
	root := repoRoot(t)
	in, obs := stoppedInstance(t)
	out, err := manageRun(root, in.env, "reset", "--yes")
	if err != nil {
		t.Fatalf("reset --yes: %v\n%s", err, out)
	}
	for _, p := range in.wipe {
		if _, err := os.Stat(p); !os.IsNotExist(err) {
			t.Errorf("%s still exists after reset (%v)", p, err)
		}
		if !strings.Contains(out, "removed "+p) {
			t.Errorf("reset did not report removing %s:\n%s", p, out)
		}
	}
	checkKept(t, in, "")
	safety, _ := filepath.Glob(filepath.Join(in.backups, "pre-reset-*", "meshcore.db"))
	if len(safety) != 1 {
		t.Fatalf("got safety backups %v, want exactly one", safety)
	}
	if got := countRows(t, safety[0], "observations"); got != obs {
		t.Errorf("safety backup has %d observations, want the %d SQLite saw through the WAL", got, obs)
	}
	if got := fileText(t, filepath.Join(filepath.Dir(safety[0]), "config.json")); got != in.keep[filepath.Join(in.dir, "config.json")] {
		t.Errorf("safety backup's config.json = %q", got)
	}
}

// TestManage_PromoteCopiesStagingSnapshot: promote takes a consistent snapshot of a staging
// database that is still open for writing (rows deleted only in its WAL), puts it and staging's
// config.json in place of production's, keeps production's .env, and leaves a backup of the old
// production database and config.
func TestManage_PromoteCopiesStagingSnapshot(t *testing.T) {
	requireTools(t, "sqlite3")
	root := repoRoot(t)
	prod, prodObs := stoppedInstance(t)
	prodTx := countRows(t, prod.db, "transmissions")

	staging := filepath.Join(t.TempDir(), "staging")
	sdb := filepath.Join(staging, "meshcore.db")
	copyFile(t, testutil.CopyFixture(t), sdb)
	held, stagingObs := walWriter(t, sdb, 120)
	var stagingTx int
	if err := held.QueryRow(`SELECT COUNT(*) FROM transmissions`).Scan(&stagingTx); err != nil {
		t.Fatal(err)
	}
	if stagingObs == prodObs {
		t.Fatalf("staging and prod both have %d observations; the test could not tell them apart", prodObs)
	}
	stagingConfig := `{"apiKey":"staging-fedcba9876543210fedcba9876543210"}` + "\n"
	writeFile(t, filepath.Join(staging, "config.json"), stagingConfig)
	writeFile(t, filepath.Join(staging, ".env"), "PORT=3100\n")

	if out, err := manageRun(root, prod.env, "promote", staging); err == nil || !strings.Contains(out, "--yes") {
		t.Fatalf("promote without --yes off a terminal: err %v, want a refusal naming --yes:\n%s", err, out)
	}
	if got := countRows(t, prod.db, "observations"); got != prodObs {
		t.Fatalf("refused promote changed prod: %d observations, want %d", got, prodObs)
	}

	out, err := manageRun(root, prod.env, "promote", staging, "--yes")
	if err != nil {
		t.Fatalf("promote --yes: %v\n%s", err, out)
	}
	t.Logf("promote output:\n%s", out)
	if got := countRows(t, prod.db, "observations"); got != stagingObs {
		t.Errorf("prod has %d observations after promote, want staging's %d (WAL included)", got, stagingObs)
	}
	if got := countRows(t, prod.db, "transmissions"); got != stagingTx {
		t.Errorf("prod has %d transmissions after promote, want staging's %d", got, stagingTx)
	}
	if check, err := exec.Command("sqlite3", prod.db, "PRAGMA integrity_check;").CombinedOutput(); err != nil || strings.TrimSpace(string(check)) != "ok" {
		t.Errorf("integrity_check of the promoted DB: %v %s", err, check)
	}
	if got := fileText(t, filepath.Join(prod.dir, "config.json")); got != stagingConfig {
		t.Errorf("prod config.json = %q, want staging's", got)
	}
	checkKept(t, prod, filepath.Join(prod.dir, "config.json"))
	if _, err := os.Stat(filepath.Join(prod.dir, ".promote-tmp.db")); !os.IsNotExist(err) {
		t.Errorf("promote left its temporary snapshot behind (%v)", err)
	}

	backup, _ := filepath.Glob(filepath.Join(prod.backups, "pre-promote-*"))
	if len(backup) != 1 {
		t.Fatalf("got production backups %v, want exactly one", backup)
	}
	if got := countRows(t, filepath.Join(backup[0], "meshcore.db"), "observations"); got != prodObs {
		t.Errorf("production backup has %d observations, want the old prod's %d", got, prodObs)
	}
	if got := countRows(t, filepath.Join(backup[0], "meshcore.db"), "transmissions"); got != prodTx {
		t.Errorf("production backup has %d transmissions, want the old prod's %d", got, prodTx)
	}
	if got := fileText(t, filepath.Join(backup[0], "config.json")); got != prod.keep[filepath.Join(prod.dir, "config.json")] {
		t.Errorf("production backup's config.json = %q, want the old prod config", got)
	}
}

// TestManage_PromoteRefusesOwnDirAndBrokenDB: promoting the instance onto itself, or a staging
// database that fails integrity_check, is refused and production is left as it was.
func TestManage_PromoteRefusesOwnDirAndBrokenDB(t *testing.T) {
	requireTools(t, "sqlite3")
	root := repoRoot(t)
	prod, prodObs := stoppedInstance(t)
	if out, err := manageRun(root, prod.env, "promote", prod.dir, "--yes"); err == nil || !strings.Contains(out, "own data dir") {
		t.Errorf("promote onto itself: err %v\n%s", err, out)
	}
	staging := filepath.Join(t.TempDir(), "staging")
	writeFile(t, filepath.Join(staging, "meshcore.db"), strings.Repeat("not a database ", 400))
	if out, err := manageRun(root, prod.env, "promote", staging, "--yes"); err == nil || !strings.Contains(out, "integrity") {
		t.Errorf("promote of a broken DB: err %v\n%s", err, out)
	}
	if got := countRows(t, prod.db, "observations"); got != prodObs {
		t.Errorf("prod has %d observations after refused promotes, want %d", got, prodObs)
	}
	if _, err := os.Stat(prod.backups); !os.IsNotExist(err) {
		t.Errorf("refused promotes wrote backups: %v", err)
	}
}
