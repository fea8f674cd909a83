package statsfile

import (
	"encoding/json"
	"fmt"
	"io"
	"os"
	"syscall"
	"time"
)

// MaxFutureSkew is how far ahead of the reader's clock a stats file's mtime or sampledAt
// may be before the file is refused: a file dated in the future would otherwise look
// fresh until that date, long after its writer died.
const MaxFutureSkew = 5 * time.Second

// UntrustedError is returned by ReadTrusted for a file the reader must not believe.
type UntrustedError struct {
	// Reason says why, without the path (it ends up in the public /api/healthz).
	Reason string
}

func (e *UntrustedError) Error() string { return "stats file not trusted: " + e.Reason }

// ReadTrusted reads the stats file like Read but refuses one owned by a uid other than
// uid (another local user planted it, e.g. in a shared temp directory where the real
// ingestor cannot replace it) or dated more than MaxFutureSkew after now. The owner is
// checked on the opened descriptor before its content is read.
func ReadTrusted(path string, now time.Time, uid int) (*Snapshot, time.Time, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, time.Time{}, fmt.Errorf("read stats: %w", err)
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil {
		return nil, time.Time{}, fmt.Errorf("stat stats: %w", err)
	}
	if st, ok := fi.Sys().(*syscall.Stat_t); ok && int(st.Uid) != uid {
		return nil, time.Time{}, &UntrustedError{Reason: fmt.Sprintf("owned by uid %d, not %d", st.Uid, uid)}
	}
	if ahead := fi.ModTime().Sub(now); ahead > MaxFutureSkew {
		return nil, time.Time{}, &UntrustedError{Reason: fmt.Sprintf("modified %.0fs in the future", ahead.Seconds())}
	}
	b, err := io.ReadAll(f)
	if err != nil {
		return nil, time.Time{}, fmt.Errorf("read stats: %w", err)
	}
	var s Snapshot
	if err := json.Unmarshal(b, &s); err != nil {
		return nil, time.Time{}, fmt.Errorf("parse stats: %w", err)
	}
	if age, ok := s.Age(now); ok && -age > MaxFutureSkew {
		return nil, time.Time{}, &UntrustedError{Reason: fmt.Sprintf("sampledAt %.0fs in the future", (-age).Seconds())}
	}
	return &s, fi.ModTime(), nil
}

// Trusted reports whether path is a regular file owned by this process's user and not
// writable by group or others. The server forwards the injection token to the InjectAddr a
// stats file announces, so it follows only a file that nobody else could have written.
func Trusted(path string) bool {
	fi, err := os.Lstat(path)
	if err != nil || !fi.Mode().IsRegular() || fi.Mode().Perm()&0o022 != 0 {
		return false
	}
	st, ok := fi.Sys().(*syscall.Stat_t)
	return ok && int(st.Uid) == os.Geteuid()
}
