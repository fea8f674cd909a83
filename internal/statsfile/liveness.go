package statsfile

import "time"

// ReadAged reads the stats file and returns it with its age: the older of the file's
// modification time and its sampledAt, so neither a frozen writer (old mtime) nor a
// copied or replayed file (old sampledAt) looks fresh.
func ReadAged(path string, now time.Time) (*Snapshot, time.Duration, error) {
	s, mtime, err := Read(path)
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
