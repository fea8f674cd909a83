package api

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"runtime"
	"sort"
	"time"

	"github.com/corescope/corescope/internal/statsfile"
)

func (s *Server) getHealthz(w http.ResponseWriter, r *http.Request) {
	first, done, _ := s.loadState()
	if !first || !done || s.store == nil {
		writeJSON(w, http.StatusServiceUnavailable, s.notReadyBody(map[string]any{"ready": false, "reason": "loading"}))
		return
	}
	c := s.store.Counts()
	out := map[string]any{"ready": true, "loadedTx": c.Transmissions, "loadedObs": c.Observations,
		"from_pubkey_backfill": map[string]any{"total": 0, "processed": 0, "done": true}}
	if snap := s.ingestorStats(); snap != nil && len(snap.SourceLiveness) > 0 {
		out["ingest_liveness"] = snap.SourceLiveness
	}
	// A dead ingestor must not hide behind a healthy web server (stale stats, silent source).
	ih := s.ingestHealth()
	out["ingestor"] = map[string]any{"statsAgeSec": ih.statsAge, "writerStalledSec": ih.writerStalled, "silentSources": ih.silent,
		"disconnectedSources": ih.disconnected, "heartbeatAgeSec": ih.heartbeatAge}
	if len(ih.reasons) > 0 {
		out["healthy"], out["reason"], out["reasons"] = false, "ingestor", ih.reasons
		writeJSON(w, http.StatusServiceUnavailable, out)
		return
	}
	out["healthy"] = true
	writeJSON(w, http.StatusOK, out)
}

// ingestorStats reads the stats file; nil when missing, unparseable or untrusted.
func (s *Server) ingestorStats() *statsfile.Snapshot {
	if s.opts.StatsPath == "" {
		return nil
	}
	snap, _, err := s.readIngestorStats(s.opts.Now())
	if err != nil {
		return nil
	}
	return snap
}

// gcPauses returns GC pause percentiles (ms) over the recent pauses, as eventLoop stats.
func gcPauses(ms *runtime.MemStats) (last, maxv, p50, p95, p99 float64) {
	n := min(int(ms.NumGC), len(ms.PauseNs))
	if n == 0 {
		return
	}
	d := make([]float64, 0, n)
	for i := 0; i < n; i++ {
		d = append(d, float64(ms.PauseNs[(int(ms.NumGC)-1-i+len(ms.PauseNs))%len(ms.PauseNs)])/1e6)
	}
	last = d[0]
	sort.Float64s(d)
	return round1(last), round1(d[len(d)-1]), round1(pct(d, .5)), round1(pct(d, .95)), round1(pct(d, .99))
}

func (s *Server) getHealth(w http.ResponseWriter, r *http.Request) {
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	up := s.opts.Now().Sub(s.started)
	last, maxv, p50, p95, p99 := gcPauses(&ms)
	ps := s.perf.snapshot(5)
	var c StoreCounts
	if s.store != nil {
		c = s.store.Counts()
	}
	clients := 0
	if s.opts.Hub != nil {
		clients = s.opts.Hub.Clients()
	}
	slowCount := 0
	for range ps.slow {
		slowCount++
	}
	writeJSON(w, http.StatusOK, map[string]any{
		"status": "ok", "engine": "go", "version": s.version.Version, "commit": s.version.Commit, "buildTime": s.version.BuildTime,
		"uptime": int64(up.Seconds()), "uptimeHuman": fmt.Sprintf("%dh %dm", int(up.Hours()), int(up.Minutes())%60),
		"memory":    map[string]any{"rss": bytesMB(ms.Sys), "heapUsed": bytesMB(ms.HeapAlloc), "heapTotal": bytesMB(ms.HeapSys), "external": 0},
		"eventLoop": map[string]any{"currentLagMs": last, "maxLagMs": maxv, "p50Ms": p50, "p95Ms": p95, "p99Ms": p99},
		"cache":     s.cacheStats(),
		"websocket": map[string]any{"clients": clients},
		"packetStore": map[string]any{"packets": c.Transmissions, "estimatedMB": bytesMB(uint64(c.TrackedBytes)),
			"trackedMB": bytesMB(uint64(c.TrackedBytes))},
		"perf": map[string]any{"totalRequests": ps.total, "avgMs": ps.avgMs, "slowQueries": slowCount, "recentSlow": ps.slow},
	})
}

// getStats serves the home-page counters from a 10 s cache (api.md §9.1), rebuilt in
// the background once older.
func (s *Server) getStats(w http.ResponseWriter, r *http.Request) {
	e, err := s.caches.stats.Get(r.Context(), "stats", s.buildStats)
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	writeRaw(w, http.StatusOK, e.Value)
}

func (s *Server) buildStats(context.Context) ([]byte, error) {
	c := s.store.Counts()
	nodes, err := s.visibleNodes()
	if err != nil {
		return nil, err
	}
	now := s.opts.Now().UTC()
	weekAgo := now.Add(-7 * 24 * time.Hour).Format(time.RFC3339)
	var counts RoleCounts
	active := 0
	for i := range nodes {
		if deref(nodes[i].LastSeen) >= weekAgo {
			active++
			counts.add(nodes[i].Role)
		}
	}
	obs, err := s.store.Observers()
	if err != nil {
		return nil, err
	}
	// Counted by observation time (ids need not rise with time), from the timestamp index.
	lastHour, err := s.store.CountObservationsSince(now.Add(-time.Hour))
	if err != nil {
		return nil, err
	}
	last24, err := s.store.CountObservationsSince(now.Add(-24 * time.Hour))
	if err != nil {
		return nil, err
	}
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	tx := c.Transmissions
	b, err := json.Marshal(map[string]any{
		"totalPackets": tx, "totalTransmissions": tx, "totalObservations": c.Observations, "totalNodes": active,
		"totalNodesAllTime": len(nodes), "totalObservers": len(obs), "packetsLastHour": lastHour, "packetsLast24h": last24,
		"engine": "go", "version": s.version.Version, "commit": s.version.Commit, "buildTime": s.version.BuildTime,
		"counts": counts, "hashMigrationComplete": true, "trackedMB": bytesMB(uint64(c.TrackedBytes)),
		"storeDataMB": bytesMB(uint64(c.TrackedBytes)), "processRSSMB": bytesMB(ms.Sys), "goHeapInuseMB": bytesMB(ms.HeapInuse),
		"goSysMB": bytesMB(ms.Sys), "neighborGraphCacheRebuildFailures": 0,
	})
	return append(b, '\n'), err
}

// cacheStats reports the response caches' counters (hitRate 0–100).
func (s *Server) cacheStats() map[string]any {
	t := s.caches.cacheTotals()
	hits := t.Hits + t.Stale
	rate := 0.0
	if hits+t.Misses > 0 {
		rate = round1(100 * float64(hits) / float64(hits+t.Misses))
	}
	return map[string]any{"entries": t.Entries, "hits": hits, "misses": t.Misses, "staleHits": t.Stale, "recomputes": t.Builds, "hitRate": rate}
}

// perfCacheStats is /api/perf's view of the same counters, in its contract's shape
// (api.md §5: size for entries, staleHits 0 with stale answers counted as hits,
// recomputes = misses).
func (s *Server) perfCacheStats() map[string]any {
	m := s.cacheStats()
	m["size"] = m["entries"]
	delete(m, "entries")
	m["staleHits"], m["recomputes"] = 0, m["misses"]
	return m
}
