package statsfile

import (
	"os"
	"sync"
	"time"
)

// ReadAged reads the stats file through ReadTrusted (owner must be this process's
// effective uid, nothing dated in the future) and returns it with its age: the older of
// the file's modification time and its sampledAt, so neither a frozen writer (old mtime)
// nor a copied or replayed file (old sampledAt) looks fresh.
func ReadAged(path string, now time.Time) (*Snapshot, time.Duration, error) {
	s, mtime, err := ReadTrusted(path, now, os.Geteuid())
	if err != nil {
		return nil, 0, err
	}
	age := now.Sub(mtime)
	if a, ok := s.Age(now); ok && a > age {
		age = a
	}
	return s, max(age, 0), nil
}

// SourceSilence returns how long each MQTT source has gone without a message. A source
// that never delivered one counts from its last connect, or from notBefore (the reader's
// start) when that is later, so a fresh process does not report old silence.
func (s *Snapshot) SourceSilence(now, notBefore time.Time) map[string]time.Duration {
	out := make(map[string]time.Duration, len(s.SourceStatuses))
	for _, src := range s.SourceStatuses {
		l := s.SourceLiveness[src.Name]
		last := max(src.LastPacketUnix, l.LastReceiptUnix, l.LastMessageUnix)
		if last == 0 {
			last = max(src.LastConnectUnix, notBefore.Unix())
		}
		out[src.Name] = max(now.Sub(time.Unix(last, 0)), 0)
	}
	return out
}

// WriterProgress tells a stuck writer from an idle one across successive snapshots: the
// ingestor keeps rewriting its stats file while its writer waits on a locked database, so
// file age alone cannot see that. The zero value is ready to use; it is safe for
// concurrent use.
type WriterProgress struct {
	mu      sync.Mutex
	commits int64
	since   time.Time
}

// Stalled returns how long s has shown queued work without a new commit, as observed by
// the caller's successive calls (0 while the queue is empty or commits advance).
func (p *WriterProgress) Stalled(now time.Time, s *Snapshot) time.Duration {
	p.mu.Lock()
	defer p.mu.Unlock()
	if s.QueueDepth == 0 || s.WALCommits != p.commits || p.since.IsZero() {
		p.commits, p.since = s.WALCommits, now
		return 0
	}
	return max(now.Sub(p.since), 0)
}

// SourceDisconnected returns how long each currently disconnected MQTT source has been
// without its broker connection (connected sources are left out). The outage counts from
// disconnectedSinceUnix, else the last disconnect, else notBefore (an older ingestor that
// does not write the field, and a source that never connected), as a lower bound.
func (s *Snapshot) SourceDisconnected(now, notBefore time.Time) map[string]time.Duration {
	out := map[string]time.Duration{}
	for _, src := range s.SourceStatuses {
		if src.Connected {
			continue
		}
		sec := src.DisconnectedSinceUnix
		if sec == 0 && src.LastDisconnectUnix >= src.LastConnectUnix {
			sec = src.LastDisconnectUnix
		}
		// The stamp is a whole second; count from that second's end so an outage is never
		// reported longer than it has lasted (a 60 s limit means at least 60 s down).
		since := time.Unix(sec+1, 0)
		if sec == 0 {
			since = notBefore
		}
		out[src.Name] = max(now.Sub(since), 0)
	}
	return out
}
