package faults

import (
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
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

// TestFaults_DiskFullClearErrorNoCorruptionRecovers: the database sits on a 16 MiB
// tmpfs; a ballast file fills it while an observer keeps publishing. The ingestor must
// keep running and say clearly that the disk is full (log + write_errors in the stats
// file), the database must pass PRAGMA integrity_check, and once the ballast is removed
// new messages are stored again without a restart.
func TestFaults_DiskFullClearErrorNoCorruptionRecovers(t *testing.T) {
	disk := smallDisk(t)
	s := newStack(t, filepath.Join(disk, "meshcore.db"))
	ing := s.startIngestor()
	_, topic := observerTopic(5)
	pub := s.publisher(topic)
	db := s.readDB()
	batch := func(n int) []string {
		var hs []string
		for i := 0; i < n; i++ {
			raw, h := uniquePacket(t)
			hs = append(hs, h)
			pub.send(t, packetMsg(raw, time.Now().UTC().Format(time.RFC3339), i))
		}
		return hs
	}
	warm := batch(20)
	waitFor(t, "warm-up stored", 60*time.Second, func() (bool, string) { return allStoredOnce(t, db, warm) })

	ballast := fillDisk(t, disk)
	var during []string
	waitFor(t, "a disk-full error in the log and the stats file", 120*time.Second, func() (bool, string) {
		during = append(during, batch(20)...)
		time.Sleep(200 * time.Millisecond)
		st, err := s.readStats()
		if err != nil {
			return false, err.Error()
		}
		full := fullLine(ing.out.String()) != ""
		return full && st.WriteErrors > 0, fmt.Sprintf("write_errors %d, log mentions full: %v, published %d", st.WriteErrors, full, len(during))
	})
	if ing.exited() {
		t.Fatalf("ingestor exited on a full disk: %v", ing.err)
	}
	firstFull := fullLine(ing.out.String())

	if err := os.Remove(ballast); err != nil {
		t.Fatal(err)
	}
	after := batch(30)
	pub.close(t)
	waitFor(t, "messages stored again once space returned", 120*time.Second, func() (bool, string) { return allStoredOnce(t, db, after) })
	tx, _ := storedCounts(t, db, during)
	if ing.exited() {
		t.Fatalf("ingestor exited: %v", ing.err)
	}
	ing.stop(syscall.SIGTERM)
	if ing.err != nil {
		t.Errorf("ingestor exit after recovery: %v", ing.err)
	}
	db.Close()
	if got := integrityOK(t, s.dbPath); got != "ok" {
		t.Fatalf("integrity_check after disk full: %s", got)
	}
	t.Logf("disk full: %d messages published while full, %d stored, %d lost (reported as write errors); the log says: %s; integrity ok; %d published after space returned all stored",
		len(during), len(tx), len(during)-len(tx), firstFull, len(after))
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
