package faults

import (
	"bufio"
	"fmt"
	"io"
	"os/exec"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/corescope/corescope/internal/statsfile"
)

// lockHolder is a separate sqlite3 CLI process holding the database's write lock.
type lockHolder struct {
	cmd *exec.Cmd
	in  io.WriteCloser
}

// holdWriteLock runs `BEGIN EXCLUSIVE` in the sqlite3 CLI and returns once the lock is held.
func holdWriteLock(t *testing.T, dbPath string) *lockHolder {
	t.Helper()
	cmd := exec.Command("sqlite3", dbPath)
	in, _ := cmd.StdinPipe()
	outPipe, _ := cmd.StdoutPipe()
	cmd.Stderr = cmd.Stdout
	if err := cmd.Start(); err != nil {
		t.Fatalf("start sqlite3: %v", err)
	}
	t.Cleanup(func() { in.Close(); cmd.Process.Kill(); cmd.Wait() })
	// .timeout makes the CLI wait for the ingestor's own short transactions.
	fmt.Fprintln(in, ".timeout 30000\nBEGIN EXCLUSIVE;\nSELECT 'lock-held';")
	got := make(chan string, 1)
	go func() {
		sc := bufio.NewScanner(outPipe)
		for sc.Scan() {
			if strings.Contains(sc.Text(), "lock-held") || strings.Contains(sc.Text(), "Error") {
				got <- sc.Text()
				return
			}
		}
		got <- "sqlite3 exited"
	}()
	select {
	case line := <-got:
		if !strings.Contains(line, "lock-held") {
			t.Fatalf("sqlite3 could not take the lock: %s", line)
		}
	case <-time.After(60 * time.Second):
		t.Fatal("sqlite3 did not take the lock within 60 s")
	}
	return &lockHolder{cmd: cmd, in: in}
}

func (l *lockHolder) release(t *testing.T) {
	t.Helper()
	fmt.Fprintln(l.in, "COMMIT;\n.quit")
	l.in.Close()
	if err := l.cmd.Wait(); err != nil {
		t.Fatalf("sqlite3 exit: %v", err)
	}
}

// TestFaults_DBLockedTenSecondsIngestCatchesUp: another process holds the write lock
// for 10 s while an observer keeps publishing; the ingestor queues, retries, and once
// the lock is gone stores every message exactly once. The episode shows in the stats
// file as a growing queue depth and a writer hold time of seconds.
func TestFaults_DBLockedTenSecondsIngestCatchesUp(t *testing.T) {
	s := newStack(t, "")
	ing := s.startIngestor()
	_, topic := observerTopic(1)
	pub := s.publisher(topic)
	db := s.readDB()

	var hashes []string
	send := func(n int) {
		for i := 0; i < n; i++ {
			raw, h := uniquePacket(t)
			hashes = append(hashes, h)
			pub.send(t, packetMsg(raw, time.Now().UTC().Format(time.RFC3339), len(hashes)))
		}
	}
	send(20)
	waitFor(t, "warm-up stored", 60*time.Second, func() (bool, string) { return allStoredOnce(t, db, hashes) })

	lock := holdWriteLock(t, s.dbPath)
	lockedAt := time.Now()
	var maxDepth atomic.Int64
	stopWatch := make(chan struct{})
	watched := make(chan struct{})
	go func() { // sample the stats file during the episode
		defer close(watched)
		for {
			if st, err := s.readStats(); err == nil && st.QueueDepth > maxDepth.Load() {
				maxDepth.Store(st.QueueDepth)
			}
			select {
			case <-stopWatch:
				return
			case <-time.After(100 * time.Millisecond):
			}
		}
	}()
	// 20 messages per second for the 10 s the lock is held.
	for time.Since(lockedAt) < 10*time.Second {
		send(4)
		time.Sleep(200 * time.Millisecond)
	}
	duringLock := len(hashes) - 20
	waitFor(t, "queue depth visible in the stats file", 30*time.Second, func() (bool, string) {
		return maxDepth.Load() > 0, fmt.Sprintf("max queue_depth %d", maxDepth.Load())
	})
	lock.release(t)
	pub.close(t)
	waitFor(t, "every message stored once after the lock", 120*time.Second, func() (bool, string) { return allStoredOnce(t, db, hashes) })
	close(stopWatch)
	<-watched

	// The stats file is written once a second: wait for the sample after the catch-up.
	var st *statsfile.Snapshot
	waitFor(t, "lock episode in the stats file's writer_perf", 30*time.Second, func() (bool, string) {
		var err error
		if st, err = s.readStats(); err != nil {
			return false, err.Error()
		}
		wp := st.WriterPerf["mqtt_handler"]
		return st.ObsInserted >= int64(len(hashes)) && wp.HoldMsMax >= 1000, fmt.Sprintf("obs_inserted %d, %+v", st.ObsInserted, wp)
	})
	wp := st.WriterPerf["mqtt_handler"]
	if !strings.Contains(ing.out.String(), "db-slow-writer") {
		t.Errorf("no [db-slow-writer] warning in the ingestor log")
	}
	if st.WriteErrors != 0 || st.QueueDrops != 0 {
		t.Errorf("write_errors %d, queue_drops %d: want 0", st.WriteErrors, st.QueueDrops)
	}
	if ing.exited() {
		t.Fatalf("ingestor exited: %v", ing.err)
	}
	t.Logf("published %d (%d while locked for %s); stored all once; max queue_depth %d; writer_perf %+v",
		len(hashes), duringLock, 10*time.Second, maxDepth.Load(), wp)
}
