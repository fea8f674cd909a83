package faults

import (
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"
)

// smallDisk mounts a 16 MiB tmpfs (root, or sudo without a password) so the database lives on a disk that can
// really fill up; it is unmounted after every process using it stopped.
func smallDisk(t *testing.T) string {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "disk")
	if err := os.Mkdir(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	// mode=1777 lets a non-root test user (mounting through sudo) write to it.
	out, err := asRoot("mount", "-t", "tmpfs", "-o", "size=16m,mode=1777", "tmpfs", dir).CombinedOutput()
	if err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatalf("mount tmpfs (the disk-full test needs root): %v: %s", err, out)
		}
		t.Skipf("mount tmpfs needs root: %v: %s", err, out)
	}
	t.Cleanup(func() {
		if out, err := asRoot("umount", dir).CombinedOutput(); err != nil {
			t.Errorf("umount %s: %v: %s", dir, err, out)
		}
	})
	return dir
}

// asRoot runs a command directly as root, or through non-interactive sudo otherwise.
func asRoot(name string, args ...string) *exec.Cmd {
	if os.Geteuid() == 0 {
		return exec.Command(name, args...)
	}
	return exec.Command("sudo", append([]string{"-n", name}, args...)...)
}

// fillDisk writes a ballast file until the filesystem reports ENOSPC.
func fillDisk(t *testing.T, dir string) string {
	t.Helper()
	p := filepath.Join(dir, "ballast")
	f, err := os.Create(p)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	chunk := make([]byte, 64<<10)
	for {
		if _, err := f.Write(chunk); err != nil {
			if !errors.Is(err, syscall.ENOSPC) {
				t.Fatalf("fill disk: %v", err)
			}
			break
		}
	}
	// Small writes may still fit in the last partial block: take those too.
	for {
		if _, err := f.Write(chunk[:512]); err != nil {
			break
		}
	}
	return p
}

// TestFaults_DiskFullLosesNothingAndResumes: the database and the stats file sit on a
// 16 MiB tmpfs; a ballast file fills it, then 200 QoS-1 messages are published. The
// ingestor must acknowledge none of them before they are committed: it holds them,
// says "disk full" by name (healthz reason, metric, log), and once the ballast is
// removed stores all 200 exactly once without a restart. The database must pass
// PRAGMA integrity_check afterwards.
func TestFaults_DiskFullLosesNothingAndResumes(t *testing.T) {
	disk := smallDisk(t)
	s := newStack(t, filepath.Join(disk, "meshcore.db"))
	s.stats = filepath.Join(disk, "stats.json") // the default layout: one disk for both
	ing := s.startIngestor()
	s.startServer()
	_, topic := observerTopic(5)
	pub := s.publisher(topic)
	db := s.readDB()
	send := func(p *publisher, n int) []string {
		var hs []string
		for i := 0; i < n; i++ {
			raw, h := uniquePacket(t)
			hs = append(hs, h)
			p.send(t, packetMsg(raw, time.Now().UTC().Format(time.RFC3339), i))
		}
		return hs
	}
	warm := send(pub, 20)
	waitFor(t, "warm-up stored", 60*time.Second, func() (bool, string) { return allStoredOnce(t, db, warm) })

	ballast := fillDisk(t, disk)
	during := publishWhileFull(t, ing, pub, send)
	// Held, not dropped: the ingestor keeps retrying and says why, by name.
	if !poll(60*time.Second, func() bool {
		v, err := s.ingestorMetric("corescope_ingest_disk_full_retries_total")
		return err == nil && v >= 2
	}) {
		t.Errorf("the ingestor did not retry the held batch twice while the disk was full")
	}
	var health string
	if !poll(60*time.Second, func() bool {
		code, body, err := s.get("/api/healthz")
		health = fmt.Sprintf("%d %v %.400s", code, err, body)
		return err == nil && code == 503 && strings.Contains(string(body), "disk full")
	}) {
		t.Errorf("healthz does not name the full disk: %s", health)
	}
	if v, err := s.ingestorMetric("corescope_ingest_disk_full"); err != nil || v != 1 {
		t.Errorf("corescope_ingest_disk_full while full: %v %v, want 1", v, err)
	}
	var fs syscall.Statfs_t
	if err := syscall.Statfs(disk, &fs); err != nil {
		t.Fatal(err)
	}
	freeWhileFull := fs.Bavail * uint64(fs.Bsize)
	txFull, _ := storedCounts(t, db, during)

	if err := os.Remove(ballast); err != nil {
		t.Fatal(err)
	}
	waitFor(t, "all 200 stored once space returned", 120*time.Second, func() (bool, string) { return allStoredOnce(t, db, during) })
	after := send(s.publisher(topic), 30)
	waitFor(t, "new messages stored after recovery", 60*time.Second, func() (bool, string) { return allStoredOnce(t, db, after) })
	waitFor(t, "healthz healthy again", 60*time.Second, func() (bool, string) {
		code, body, err := s.get("/api/healthz")
		return err == nil && code == 200 && !strings.Contains(string(body), "disk full"), fmt.Sprintf("%d %v %.300s", code, err, body)
	})
	waitFor(t, "metric ingest_disk_full back to 0", 30*time.Second, func() (bool, string) {
		v, err := s.ingestorMetric("corescope_ingest_disk_full")
		return err == nil && v == 0, fmt.Sprintf("%v %v", v, err)
	})
	retries, err := s.ingestorMetric("corescope_ingest_disk_full_retries_total")
	if err != nil || retries < 1 {
		t.Errorf("corescope_ingest_disk_full_retries_total: %v %v, want >= 1", retries, err)
	}
	if ing.exited() {
		t.Fatalf("ingestor exited: %v", ing.err)
	}
	log := ing.out.String()
	paused, resumed := strings.Count(log, "disk full: ingest paused"), strings.Count(log, "ingest resumed")
	if paused < 1 || paused != resumed {
		t.Errorf("log: %d disk-full episode lines and %d recovery lines, want one of each per episode", paused, resumed)
	}
	firstFull := fullLine(log)
	ing.stop(syscall.SIGTERM)
	if ing.err != nil {
		t.Errorf("ingestor exit after recovery: %v", ing.err)
	}
	db.Close()
	if got := integrityOK(t, s.dbPath); got != "ok" {
		t.Fatalf("integrity_check after disk full: %s", got)
	}
	t.Logf("disk full: %d published while full, %d committed before space was freed, %d stored in the end, 0 lost, none twice; %.0f retries; no restart; %d bytes free while full; healthz said: %s; the log says: %s; integrity ok; %d published after recovery all stored",
		len(during), len(txFull), len(during), retries, freeWhileFull, health, firstFull, len(after))
}

// TestFaults_DiskFullCrashLosesNothing: the ingestor is killed (SIGKILL) while it holds
// 200 messages on a full disk. Since none was acknowledged, the broker keeps them in the
// persistent session; after space is freed the next ingestor run stores all 200 once.
func TestFaults_DiskFullCrashLosesNothing(t *testing.T) {
	disk := smallDisk(t)
	s := newStack(t, filepath.Join(disk, "meshcore.db"))
	ing := s.startIngestor()
	_, topic := observerTopic(6)
	pub := s.publisher(topic)
	db := s.readDB()
	send := func(p *publisher, n int) []string {
		var hs []string
		for i := 0; i < n; i++ {
			raw, h := uniquePacket(t)
			hs = append(hs, h)
			p.send(t, packetMsg(raw, time.Now().UTC().Format(time.RFC3339), i))
		}
		return hs
	}
	warm := send(pub, 20)
	waitFor(t, "warm-up stored", 60*time.Second, func() (bool, string) { return allStoredOnce(t, db, warm) })

	ballast := fillDisk(t, disk)
	during := publishWhileFull(t, ing, pub, send)
	txFull, _ := storedCounts(t, db, during)
	ing.stop(syscall.SIGKILL)
	if err := os.Remove(ballast); err != nil {
		t.Fatal(err)
	}
	s.startIngestor()
	waitFor(t, "all 200 stored by the next run", 120*time.Second, func() (bool, string) { return allStoredOnce(t, db, during) })
	t.Logf("disk full + SIGKILL: %d published while full, %d committed before the kill, %d stored after restart, 0 lost, none twice",
		len(during), len(txFull), len(during))
}

// publishWhileFull publishes 200 messages on a full disk: in steps until the ingestor
// logs the full disk (its first commit that needs a new page), then the rest. It returns
// once every one is with the broker, with their content hashes.
func publishWhileFull(t *testing.T, ing *proc, pub *publisher, send func(*publisher, int) []string) []string {
	t.Helper()
	const total = 200
	var during []string
	waitFor(t, "the ingestor logs the full disk", 120*time.Second, func() (bool, string) {
		if len(during) < total {
			during = append(during, send(pub, 10)...)
		}
		return fullLine(ing.out.String()) != "", fmt.Sprintf("published %d", len(during))
	})
	during = append(during, send(pub, total-len(during))...)
	pub.close(t)
	return during
}

// poll reports whether cond holds within deadline (checked every 50 ms), for checks that
// should not end the test before its loss figure is known.
func poll(deadline time.Duration, cond func() bool) bool {
	for end := time.Now().Add(deadline); ; time.Sleep(50 * time.Millisecond) {
		if cond() {
			return true
		}
		if time.Now().After(end) {
			return false
		}
	}
}

// ingestorMetric scrapes one unlabelled series from the ingestor's /metrics.
func (s *stack) ingestorMetric(name string) (float64, error) {
	resp, err := httpClient.Get(fmt.Sprintf("http://127.0.0.1:%d/metrics", s.mport))
	if err != nil {
		return 0, err
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		return 0, err
	}
	for _, l := range strings.Split(string(b), "\n") {
		if v, ok := strings.CutPrefix(l, name+" "); ok {
			return strconv.ParseFloat(v, 64)
		}
	}
	return 0, fmt.Errorf("no series %s (status %d)", name, resp.StatusCode)
}

// fullLine returns the first log line that names the full disk (SQLite's or the OS's words).
func fullLine(log string) string {
	for _, l := range strings.Split(log, "\n") {
		ll := strings.ToLower(l)
		if strings.Contains(ll, "disk is full") || strings.Contains(ll, "sqlite_full") || strings.Contains(ll, "no space left") {
			return l
		}
	}
	return ""
}
