package api

import (
	"fmt"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strconv"

	"github.com/corescope/corescope/internal/schema"
)

// getBackup streams a consistent snapshot of the database (VACUUM INTO a temporary file
// next to it, schema.Snapshot). One backup runs at a time; a second request gets 503 with
// Retry-After instead of doubling the disk and I/O load. The temporary file is unlinked as
// soon as it is open, so it disappears even if the client or the server goes away.
func (s *Server) getBackup(w http.ResponseWriter, r *http.Request) {
	if s.opts.DB == nil || s.opts.BackupDir == "" {
		s.writeError(w, r, errorf(ErrUnavailable, "database unavailable"))
		return
	}
	select {
	case s.backupSlot <- struct{}{}:
		defer func() { <-s.backupSlot }()
	default:
		w.Header().Set("Retry-After", "30")
		s.writeError(w, r, errorf(ErrUnavailable, "a backup is already running; retry when it has finished"))
		return
	}
	f, err := s.snapshotFile(r)
	if err != nil {
		s.writeSnapshotError(w, r, err)
		return
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil {
		s.writeError(w, r, errorf(errSaveFailed, "snapshot failed: "+err.Error()))
		return
	}
	h := w.Header()
	h.Set("Content-Type", "application/octet-stream")
	h.Set("Content-Disposition", fmt.Sprintf(`attachment; filename="corescope-backup-%d.db"`, s.opts.Now().Unix()))
	h.Set("Content-Length", strconv.FormatInt(fi.Size(), 10))
	h.Set("X-Content-Type-Options", "nosniff")
	w.WriteHeader(http.StatusOK)
	if n, err := io.Copy(w, f); err != nil {
		s.log.Warn("backup download interrupted", "sent", n, "size", fi.Size(), "err", err)
	}
}

// writeSnapshotError answers a failed snapshot: 507 naming the full disk, else 500 with the reason.
func (s *Server) writeSnapshotError(w http.ResponseWriter, r *http.Request, err error) {
	if schema.IsDiskFull(err) {
		s.log.Error("backup failed: disk full", "dir", s.opts.BackupDir, "err", err)
		writeJSON(w, http.StatusInsufficientStorage, map[string]string{"error": "snapshot failed: disk full " +
			"(the temporary copy needs about as much free space as the database, in its directory)"})
		return
	}
	s.writeError(w, r, errorf(errSaveFailed, "snapshot failed: "+err.Error()))
}

// snapshotFile writes the snapshot into a fresh private directory (0700) in BackupDir and
// returns it open for reading, already unlinked.
func (s *Server) snapshotFile(r *http.Request) (*os.File, error) {
	dir, err := os.MkdirTemp(s.opts.BackupDir, ".corescope-backup-")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(dir)
	name := filepath.Join(dir, "snapshot.db")
	if err := schema.Snapshot(r.Context(), s.opts.DB, name); err != nil {
		return nil, err
	}
	return os.Open(name)
}
