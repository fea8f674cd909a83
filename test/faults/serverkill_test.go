package faults

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"github.com/corescope/corescope/internal/testutil"
)

// snapshotPaths are the read endpoints compared before the kill and after the restart.
var snapshotPaths = []string{
	"/api/packets?limit=300", "/api/packets?limit=100&groupByHash=true", "/api/packets?limit=50&order=asc",
	"/api/nodes?limit=300", "/api/observers", "/api/channels", "/api/stats",
}

// volatileKeys are answer fields that legitimately change between two processes
// (uptime, clocks, cache ages, process figures); everything else must be identical.
var volatileKeys = map[string]bool{"uptime": true, "uptimeSeconds": true, "serverTime": true, "now": true,
	"generatedAt": true, "computedAt": true, "cachedAt": true, "memory": true, "rss": true, "heapMB": true,
	"goroutines": true, "startedAt": true, "server_time": true}

// TestFaults_ServerSIGKILLDuringLoadServesIdenticalData: 50 API clients hammer the
// server while packets arrive; once it has caught up its answers are recorded, the
// server is SIGKILLed under load, restarted on the same database, and must give the
// same answers (volatile process fields aside) while the load continues.
func TestFaults_ServerSIGKILLDuringLoadServesIdenticalData(t *testing.T) {
	s := newStack(t, testutil.CopyFixture(t))
	s.startIngestor()
	srv := s.startServer()
	_, topic := observerTopic(4)
	pub := s.publisher(topic)

	var (
		stop          atomic.Bool
		wg            sync.WaitGroup
		ok, refused   atomic.Int64
		serverErrors  atomic.Int64
		firstBadMu    sync.Mutex
		firstBadState string
	)
	loadPaths := append([]string{"/api/packets?limit=50", "/api/nodes", "/api/analytics/rf", "/api/observers"}, snapshotPaths...)
	for w := 0; w < 50; w++ {
		wg.Add(1)
		go func(w int) {
			defer wg.Done()
			for i := w; !stop.Load(); i++ {
				code, b, err := s.get(loadPaths[i%len(loadPaths)])
				switch {
				case err != nil || code == 503: // down or still loading during the restart
					refused.Add(1)
					time.Sleep(20 * time.Millisecond)
				case code >= 500:
					serverErrors.Add(1)
					firstBadMu.Lock()
					if firstBadState == "" {
						firstBadState = fmt.Sprintf("%s: %d %.200s", loadPaths[i%len(loadPaths)], code, b)
					}
					firstBadMu.Unlock()
				default:
					ok.Add(1)
				}
			}
		}(w)
	}
	defer func() { stop.Store(true); wg.Wait() }()

	var hashes []string
	for i := 0; i < 200; i++ {
		raw, h := uniquePacket(t)
		hashes = append(hashes, h)
		pub.send(t, packetMsg(raw, time.Now().UTC().Format(time.RFC3339), i))
		if i%20 == 19 {
			time.Sleep(100 * time.Millisecond)
		}
	}
	pub.close(t)
	db := s.readDB()
	waitFor(t, "ingest stored everything", 120*time.Second, func() (bool, string) { return allStoredOnce(t, db, hashes) })
	var dbTx int
	if err := db.QueryRow(`SELECT COUNT(*) FROM transmissions`).Scan(&dbTx); err != nil {
		t.Fatal(err)
	}
	waitFor(t, "server caught up with the database", 120*time.Second, func() (bool, string) {
		_, b, err := s.get("/api/packets?limit=1")
		var feed struct{ Total int }
		json.Unmarshal(b, &feed)
		return err == nil && feed.Total == dbTx, fmt.Sprintf("server total %d, db %d, %v", feed.Total, dbTx, err)
	})
	for _, h := range hashes[:5] {
		snapshotPaths = append(snapshotPaths, "/api/packets/"+h)
	}
	// Answers may come from caches up to 30 s old (stats 10 s, observers 30 s, the node
	// enrichment behind /api/nodes 30 s): record them once the caches show the ingested
	// rows and the whole snapshot has stayed the same for longer than the oldest cache,
	// so no answer recorded here is one a cache had not caught up on yet.
	const settle = 31 * time.Second
	obsID, _ := observerTopic(4)
	var before, prev map[string][]byte
	var prevAt time.Time
	waitFor(t, "server caches reflect the ingested rows and settle", 180*time.Second, func() (bool, string) {
		snap := s.snapshot(t)
		st, ob := string(snap["/api/stats"]), string(snap["/api/observers"])
		if !strings.Contains(st, fmt.Sprintf(`"totalPackets":%d,`, dbTx)) || !strings.Contains(ob, obsID) {
			prev = nil
			return false, fmt.Sprintf("%.300s", st)
		}
		for p := range snap {
			if prev == nil || !bytes.Equal(prev[p], snap[p]) {
				prev, prevAt = snap, time.Now()
				return false, "GET " + p + " still changing"
			}
		}
		if time.Since(prevAt) < settle {
			return false, "answers unchanged for " + time.Since(prevAt).Round(time.Second).String()
		}
		before = snap
		return true, ""
	})
	okBefore := ok.Load()

	srv.stop(syscall.SIGKILL)
	if !srv.exited() {
		t.Fatal("server still running after SIGKILL")
	}
	s.startServer()
	waitFor(t, "restarted server caught up", 120*time.Second, func() (bool, string) {
		_, b, err := s.get("/api/packets?limit=1")
		var feed struct{ Total int }
		json.Unmarshal(b, &feed)
		return err == nil && feed.Total == dbTx, fmt.Sprintf("server total %d, db %d, %v", feed.Total, dbTx, err)
	})
	// The restarted server must converge on identical answers within the cache
	// lifetimes (caches filled while it was still loading expire by then).
	var diff string
	waitFor(t, "identical answers after the restart", 120*time.Second, func() (bool, string) {
		after := s.snapshot(t)
		diff = ""
		for _, p := range snapshotPaths {
			if !bytes.Equal(before[p], after[p]) {
				diff += fmt.Sprintf("\nGET %s differs:%s", p, firstDiff(before[p], after[p]))
			}
		}
		return diff == "", diff
	})
	waitFor(t, "load still answered after the restart", 60*time.Second, func() (bool, string) {
		return ok.Load() > okBefore+100, fmt.Sprintf("ok %d (before kill %d)", ok.Load(), okBefore)
	})
	stop.Store(true)
	wg.Wait()
	if n := serverErrors.Load(); n > 0 {
		t.Errorf("%d 5xx answers under load (first: %s)", n, firstBadState)
	}
	t.Logf("%d transmissions; %d answers ok, %d refused while down/loading, 0 5xx; %d endpoints identical after SIGKILL+restart",
		dbTx, ok.Load(), refused.Load(), len(snapshotPaths))
}

// snapshot GETs every snapshot path (status 200 required) and returns canonical JSON
// with volatile keys removed.
func (s *stack) snapshot(t *testing.T) map[string][]byte {
	t.Helper()
	out := map[string][]byte{}
	for _, p := range snapshotPaths {
		code, b, err := s.get(p)
		if err != nil || code != 200 {
			t.Fatalf("GET %s: %d %v %.200s", p, code, err, b)
		}
		var v any
		if err := json.Unmarshal(b, &v); err != nil {
			t.Fatalf("GET %s: not JSON: %v", p, err)
		}
		out[p], _ = json.Marshal(dropVolatile(v))
	}
	return out
}

func dropVolatile(v any) any {
	switch x := v.(type) {
	case map[string]any:
		for k, e := range x {
			if volatileKeys[k] || strings.HasSuffix(k, "Ago") || strings.HasSuffix(k, "MB") { // process memory figures
				delete(x, k)
				continue
			}
			x[k] = dropVolatile(e)
		}
	case []any:
		for i, e := range x {
			x[i] = dropVolatile(e)
		}
	}
	return v
}

// firstDiff shows both answers around their first differing byte.
func firstDiff(a, b []byte) string {
	i := 0
	for i < len(a) && i < len(b) && a[i] == b[i] {
		i++
	}
	lo := max(0, i-150)
	return fmt.Sprintf("\nbefore …%.300s\nafter  …%.300s", a[lo:], b[lo:])
}
