package api

import (
	"context"
	"fmt"
	"log/slog"
	"math"
	"sort"
	"sync"
	"time"

	"github.com/corescope/corescope/internal/statsfile"
	"github.com/corescope/corescope/internal/storage"
)

// heartbeatReason cross-checks a readable stats file against the heartbeat row the
// ingestor's writer commits to the database: a fresh-looking file beside a stale
// heartbeat means the ingestor stopped committing (or the file is not its). It records
// the heartbeat's age in st (-1 when the row or its table is absent: an older ingestor,
// or one that has not migrated yet, is not reported).
func (s *Server) heartbeatReason(now time.Time, st *ingestStatus) string {
	st.heartbeatAge = -1
	if s.opts.DB == nil {
		return ""
	}
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
	defer cancel()
	hb, found, err := storage.IngestorHeartbeat(ctx, s.opts.DB)
	s.ops.heartbeatErr.note(s.log, err)
	if err != nil {
		return ""
	}
	if !found {
		return ""
	}
	age := max(now.Sub(hb.Beat), 0)
	st.heartbeatAge = math.Round(age.Seconds()*10) / 10
	limit := s.opts.Ops.Health.HeartbeatMaxAge
	if limit <= 0 || age <= limit {
		return ""
	}
	return fmt.Sprintf("ingestor heartbeat in the database is %.0fs old (limit %.0fs): ingestor stopped or its writer is stuck",
		age.Seconds(), limit.Seconds())
}

// disconnectedReasons names every MQTT source whose broker connection has been down
// longer than IngestHealth.SourceDisconnected, apart from the silent-source check (a
// broker outage shows within a minute; silence may be normal for half an hour).
func (s *Server) disconnectedReasons(snap *statsfile.Snapshot, now time.Time, st *ingestStatus) []string {
	limit := s.opts.Ops.Health.SourceDisconnected
	if limit <= 0 {
		return nil
	}
	var names []string
	for name, d := range snap.SourceDisconnected(now, s.started) {
		if d > limit {
			st.disconnected[name] = math.Round(d.Seconds())
			names = append(names, name)
		}
	}
	sort.Strings(names)
	out := make([]string, 0, len(names))
	for _, n := range names {
		out = append(out, fmt.Sprintf("mqtt source %q disconnected for %.0fs (limit %.0fs)", n, st.disconnected[n], limit.Seconds()))
	}
	return out
}

// onceLog logs a read error once until it changes or a read succeeds, since healthz and
// /metrics may ask every second.
type onceLog struct {
	mu   sync.Mutex
	last string
}

func (l *onceLog) note(log *slog.Logger, err error) {
	msg := ""
	if err != nil {
		msg = err.Error()
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	if msg != "" && msg != l.last {
		log.Warn("read ingestor heartbeat", "err", err)
	}
	l.last = msg
}
