package api

import (
	"errors"
	"log/slog"
	"sync"
	"time"

	"github.com/corescope/corescope/internal/statsfile"
)

// readIngestorStats reads the stats file through statsfile.ReadAged, which refuses a
// file owned by another uid or dated in the future; a refusal is logged once per reason
// (healthz may be polled every second) and its end once.
func (s *Server) readIngestorStats(now time.Time) (*statsfile.Snapshot, time.Duration, error) {
	snap, age, err := statsfile.ReadAged(s.opts.StatsPath, now)
	s.ops.trust.note(s.log, s.opts.StatsPath, err)
	return snap, age, err
}

// statsTrustLog remembers the last logged refusal so each is logged once.
type statsTrustLog struct {
	mu   sync.Mutex
	last string
}

func (l *statsTrustLog) note(log *slog.Logger, path string, err error) {
	var ue *statsfile.UntrustedError
	reason := ""
	if errors.As(err, &ue) {
		reason = ue.Reason
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	switch {
	case reason == l.last:
		return
	case reason != "":
		log.Warn("ignoring untrusted ingestor stats file", "path", path, "reason", reason)
	case err == nil:
		log.Info("ingestor stats file trusted again", "path", path)
	default:
		return // missing or unreadable now: keep the refusal remembered until a good read
	}
	l.last = reason
}
