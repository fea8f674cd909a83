package api

import (
	"context"
	"database/sql"
	"net/http"
	"os"
	"reflect"
	"runtime"
	"strings"
	"time"

	"github.com/corescope/corescope/internal/statsfile"
)

func (s *Server) getPerf(w http.ResponseWriter, r *http.Request) {
	ps := s.perf.snapshot(20)
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	var c StoreCounts
	if s.store != nil {
		c = s.store.Counts()
	}
	avgBytes := int64(0)
	if c.Transmissions > 0 {
		avgBytes = c.TrackedBytes / c.Transmissions
	}
	sq := s.sqliteFigures(r.Context())
	writeJSON(w, http.StatusOK, map[string]any{
		"uptime": ps.uptime, "totalRequests": ps.total, "avgMs": ps.avgMs, "endpoints": ps.endpoints, "slowQueries": ps.slow,
		"cache": s.perfCacheStats(),
		"packetStore": map[string]any{"totalLoaded": c.Transmissions, "totalObservations": c.Observations, "evicted": c.Evicted,
			"inserts": c.Inserts, "queries": c.Queries, "inMemory": c.Transmissions, "sqliteOnly": false,
			"estimatedMB": bytesMB(uint64(c.TrackedBytes)), "trackedMB": bytesMB(uint64(c.TrackedBytes)), "avgBytesPerPacket": avgBytes,
			"maxMB": 0, "indexes": map[string]any{"byHash": c.ByHash, "byObserver": c.ByObserver, "byNode": c.ByNode, "advertByObserver": 0},
			"hotStartupHours": 0, "backgroundLoadComplete": c.LoadComplete, "backgroundLoadFailed": false, "backgroundLoadProgress": 0,
			"retentionHours": 0, "oldestLoaded": c.OldestLoaded, "loadCoverageRatio": 1},
		"sqlite": map[string]any{"dbSizeMB": round1(float64(sq.pageCount*sq.pageSize) / (1 << 20)), "walSizeMB": round1(float64(sq.walSize) / (1 << 20)),
			"freelistMB": round1(float64(sq.freelist*sq.pageSize) / (1 << 20)),
			"walPages":   map[string]any{"total": sq.walPages, "checkpointed": 0, "busy": 0},
			"rows":       map[string]any{"transmissions": c.Transmissions, "observations": c.Observations, "nodes": c.Nodes, "observers": c.Observers}},
		"goRuntime": map[string]any{"goroutines": runtime.NumGoroutine(), "numGC": ms.NumGC, "pauseTotalMs": round1(float64(ms.PauseTotalNs) / 1e6),
			"lastPauseMs": round1(float64(ms.PauseNs[(ms.NumGC+255)%256]) / 1e6), "heapAllocMB": bytesMB(ms.HeapAlloc),
			"heapSysMB": bytesMB(ms.HeapSys), "heapInuseMB": bytesMB(ms.HeapInuse), "heapIdleMB": bytesMB(ms.HeapIdle), "numCPU": runtime.NumCPU()},
	})
}

func (s *Server) getPerfIO(w http.ResponseWriter, r *http.Request) {
	cur := s.procIO.sample()
	out := map[string]any{"readBytesPerSec": cur.ReadBytesPerSec, "writeBytesPerSec": cur.WriteBytesPerSec,
		"cancelledWriteBytesPerSec": cur.CancelledWriteBytesPerSec, "syscallsRead": cur.SyscallsRead, "syscallsWrite": cur.SyscallsWrite}
	if snap := s.ingestorStats(); snap != nil && snap.ProcIO != nil {
		ing := *snap.ProcIO
		if ing.SampledAt == "" {
			ing.SampledAt = snap.SampledAt
		}
		// A snapshot older than 5 s means the ingestor is gone: omit its figures.
		if t, err := time.Parse(time.RFC3339, ing.SampledAt); err == nil && s.opts.Now().Sub(t) <= 5*time.Second {
			out["ingestor"] = ing
		}
	}
	writeJSON(w, http.StatusOK, out)
}

type sqliteFigures struct {
	walSize, pageCount, pageSize, cacheSize, freelist, walPages int64
	hits, misses                                                int64
}

// sqliteFigures reads pragmas and the page-cache counters of one pooled connection.
func (s *Server) sqliteFigures(ctx context.Context) sqliteFigures {
	var f sqliteFigures
	if s.opts.DBPath != "" {
		if st, err := os.Stat(s.opts.DBPath + "-wal"); err == nil {
			f.walSize = st.Size()
		}
	}
	if s.opts.DB == nil {
		return f
	}
	ctx, cancel := context.WithTimeout(ctx, 2*time.Second)
	defer cancel()
	conn, err := s.opts.DB.Conn(ctx)
	if err != nil {
		return f
	}
	defer conn.Close()
	for _, p := range []struct {
		name string
		dst  *int64
	}{{"page_count", &f.pageCount}, {"page_size", &f.pageSize}, {"cache_size", &f.cacheSize}, {"freelist_count", &f.freelist}} {
		conn.QueryRowContext(ctx, "PRAGMA "+p.name).Scan(p.dst)
	}
	if f.pageSize > 0 {
		f.walPages = f.walSize / (f.pageSize + 24)
	}
	f.hits, f.misses = pageCacheCounters(conn)
	return f
}

// Page-cache counter ops of sqlite3_db_status (SQLITE_DBSTATUS_CACHE_HIT / _MISS).
const (
	dbStatusCacheHit  = 7
	dbStatusCacheMiss = 8
)

// pageCacheCounters calls the driver connection's Status(op, reset) method by
// reflection, so only internal/schema imports the SQLite driver package.
func pageCacheCounters(conn *sql.Conn) (hits, misses int64) {
	conn.Raw(func(dc any) error {
		m := reflect.ValueOf(dc).MethodByName("Status")
		if !m.IsValid() || m.Type().NumIn() != 2 || m.Type().NumOut() != 3 {
			return nil
		}
		call := func(op int) int64 {
			out := m.Call([]reflect.Value{reflect.ValueOf(op).Convert(m.Type().In(0)), reflect.ValueOf(false)})
			if !out[2].IsNil() {
				return 0
			}
			return out[0].Int()
		}
		hits, misses = call(dbStatusCacheHit), call(dbStatusCacheMiss)
		return nil
	})
	return hits, misses
}

func (s *Server) getPerfSQLite(w http.ResponseWriter, r *http.Request) {
	f := s.sqliteFigures(r.Context())
	rate := 0.0
	if f.hits+f.misses > 0 {
		rate = float64(f.hits) / float64(f.hits+f.misses)
	}
	writeJSON(w, http.StatusOK, map[string]any{"walSizeMB": round2(float64(f.walSize) / (1 << 20)), "walSize": f.walSize,
		"pageCount": f.pageCount, "pageSize": f.pageSize, "cacheSize": f.cacheSize, "cacheHitRate": round2(rate),
		"cacheHits": f.hits, "cacheMisses": f.misses})
}

func (s *Server) getWriteSources(w http.ResponseWriter, r *http.Request) {
	snap := s.ingestorStats()
	if snap == nil {
		writeJSON(w, http.StatusOK, map[string]any{"sources": map[string]int64{}, "sampleAt": ""})
		return
	}
	src := map[string]int64{"tx_inserted": snap.TxInserted, "tx_dupes": snap.TxDupes, "obs_inserted": snap.ObsInserted,
		"node_upserts": snap.NodeUpserts, "observer_upserts": snap.ObserverUpserts, "write_errors": snap.WriteErrors,
		"sig_drops": snap.SigDrops, "walCommits": snap.WALCommits, "groupCommitFlushes": snap.GroupCommitFlushes}
	for k, v := range snap.BackfillUpdates {
		src["backfill_"+k] = v
	}
	wp := snap.WriterPerf
	if wp == nil {
		wp = map[string]statsfile.WriterStats{}
	}
	writeJSON(w, http.StatusOK, map[string]any{"sources": src, "sampleAt": snap.SampledAt, "writer_perf": wp})
}

// maskBroker hides the password in scheme://user:pass@host.
func maskBroker(s string) string {
	at := strings.Index(s, "@")
	scheme := strings.Index(s, "://")
	if at < 0 || scheme < 0 || scheme > at {
		return s
	}
	cred := s[scheme+3 : at]
	if user, _, ok := strings.Cut(cred, ":"); ok {
		return s[:scheme+3] + user + ":****" + s[at:]
	}
	return s
}

func (s *Server) getMQTTStatus(w http.ResponseWriter, r *http.Request) {
	snap := s.ingestorStats()
	if snap == nil {
		writeJSON(w, http.StatusOK, map[string]any{"sources": []any{}, "sampleAt": ""})
		return
	}
	srcs := make([]statsfile.SourceStatus, 0, len(snap.SourceStatuses))
	for _, st := range snap.SourceStatuses {
		if st.LastError != "" && st.Broker != "" {
			st.LastError = strings.ReplaceAll(st.LastError, st.Broker, maskBroker(st.Broker))
		}
		st.Broker = maskBroker(st.Broker)
		srcs = append(srcs, st)
	}
	out := map[string]any{"sources": srcs, "sampleAt": snap.SampledAt}
	if snap.WatchdogLastTickUnix != nil {
		out["watchdogLastTickUnix"] = *snap.WatchdogLastTickUnix
	}
	if snap.WatchdogPanicCount != nil {
		out["watchdogPanicCount"] = *snap.WatchdogPanicCount
	}
	writeJSON(w, http.StatusOK, out)
}

func (s *Server) resetPerf(w http.ResponseWriter, r *http.Request) {
	s.perf.reset()
	writeJSON(w, http.StatusOK, map[string]bool{"ok": true})
}
