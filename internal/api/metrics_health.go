package api

import (
	"errors"
	"fmt"
	"math"
	"sort"
	"time"

	"github.com/corescope/corescope/internal/statsfile"
)

// IngestHealth sets when /api/healthz reports the ingestor unhealthy, so a dead ingestor
// cannot hide behind a healthy web server. Zero durations disable a check.
type IngestHealth struct {
	// StatsMaxAge: a stats file older than this (mtime or sampledAt) is a stalled ingestor.
	StatsMaxAge time.Duration
	// SourceSilent: an MQTT source with no message for this long is silent. A source that
	// never delivered one counts from its last connect, or from the server's start.
	SourceSilent time.Duration
	// SourceSilentBy overrides SourceSilent per source name (0 or less: never silent).
	SourceSilentBy map[string]time.Duration
	// WriterStalled: queued messages with no commit for this long (a writer stuck on a
	// locked or full database while the stats file stays fresh).
	WriterStalled time.Duration
	// RequireStats makes a missing or unreadable stats file unhealthy (default: a server
	// without an ingestor, e.g. over a copied database, stays healthy).
	RequireStats bool
	// SourceDisconnected: an MQTT source without its broker connection for this long.
	SourceDisconnected time.Duration
	// HeartbeatMaxAge: the ingestor's database heartbeat older than this while its stats
	// file is readable (the file alone could be planted or left behind).
	HeartbeatMaxAge time.Duration
}

// ingestStatus is the server's view of the ingestor from its stats file.
type ingestStatus struct {
	// statsAge is the stats file's age in seconds, -1 when it cannot be read.
	statsAge float64
	// writerStalled is how long queued work has waited for a commit, in seconds.
	writerStalled float64
	// silent maps each silent source to its silence in seconds.
	silent map[string]float64
	// disconnected maps each source disconnected too long to its outage in seconds.
	disconnected map[string]float64
	// heartbeatAge is the database heartbeat's age in seconds, -1 when absent or unread.
	heartbeatAge float64
	// reasons lists why the ingestor is unhealthy (empty when healthy).
	reasons []string
}

// ingestHealth reads the stats file and applies the IngestHealth thresholds.
func (s *Server) ingestHealth() ingestStatus {
	h := s.opts.Ops.Health
	st := ingestStatus{statsAge: -1, silent: map[string]float64{}, disconnected: map[string]float64{}, heartbeatAge: -1}
	now := s.opts.Now()
	if s.opts.StatsPath == "" {
		return st
	}
	snap, age, err := s.readIngestorStats(now)
	if err != nil {
		if ue := (*statsfile.UntrustedError)(nil); errors.As(err, &ue) {
			st.reasons = append(st.reasons, ue.Error()) // planted or forged: its content is ignored
			return st
		}
		if h.RequireStats {
			// The error names a server path; healthz is public, so it stays generic.
			st.reasons = append(st.reasons, "ingestor stats file missing or unreadable")
		}
		return st
	}
	st.statsAge = math.Round(age.Seconds()*10) / 10
	if r := diskFullReason(snap, now); r != "" {
		st.reasons = append(st.reasons, r)
	}
	if h.StatsMaxAge > 0 && age > h.StatsMaxAge {
		// Frozen stats make every source look silent too: report the cause only.
		st.reasons = append(st.reasons, fmt.Sprintf("ingestor stats file is %.0fs old (limit %.0fs): ingestor stalled or stopped",
			age.Seconds(), h.StatsMaxAge.Seconds()))
		return st
	}
	if r := s.heartbeatReason(now, &st); r != "" {
		st.reasons = append(st.reasons, r)
	}
	stuck := s.ops.progress.Stalled(now, snap)
	st.writerStalled = math.Round(stuck.Seconds())
	if h.WriterStalled > 0 && stuck > h.WriterStalled {
		st.reasons = append(st.reasons, fmt.Sprintf("ingest writer has committed nothing for %.0fs with %d messages queued (limit %.0fs)",
			stuck.Seconds(), snap.QueueDepth, h.WriterStalled.Seconds()))
	}
	limits := map[string]time.Duration{}
	for name, silence := range snap.SourceSilence(now, s.started) {
		limit, ok := h.SourceSilentBy[name]
		if !ok {
			limit = h.SourceSilent
		}
		if limit > 0 && silence > limit {
			st.silent[name], limits[name] = math.Round(silence.Seconds()), limit
		}
	}
	names := make([]string, 0, len(st.silent))
	for n := range st.silent {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		st.reasons = append(st.reasons, fmt.Sprintf("mqtt source %q silent for %.0fs (limit %.0fs)", n, st.silent[n], limits[n].Seconds()))
	}
	st.reasons = append(st.reasons, s.disconnectedReasons(snap, now, &st)...)
	return st
}
