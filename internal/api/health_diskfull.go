package api

import (
	"fmt"
	"time"

	"github.com/corescope/corescope/internal/statsfile"
)

// diskFullReason names a full disk as the cause when the ingestor reports one: its writer
// holds messages unacknowledged and retries, which otherwise looks like a plain stall. The
// driver's error text stays out of this public answer.
func diskFullReason(snap *statsfile.Snapshot, now time.Time) string {
	if snap == nil || snap.DiskFull == nil {
		return ""
	}
	paused := "since " + snap.DiskFull.Since
	if t, err := time.Parse(time.RFC3339, snap.DiskFull.Since); err == nil {
		paused = fmt.Sprintf("for %.0fs", max(now.Sub(t), 0).Seconds())
	}
	return fmt.Sprintf("disk full: ingest paused %s (%d retries); messages stay with the broker until space is freed",
		paused, snap.DiskFull.Retries)
}
