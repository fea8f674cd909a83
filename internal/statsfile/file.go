package statsfile

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"syscall"
	"time"
)

// Write encodes s as compact JSON (no trailing newline) and atomically replaces path:
// <path>.tmp is opened O_CREAT|O_WRONLY|O_TRUNC|O_NOFOLLOW with mode 0600 (a symlink there
// fails with ELOOP instead of being followed), written, synced and renamed over path
// (which replaces a symlink at path rather than writing through it).
//
// When the disk is full (ENOSPC) the new snapshot is written over the existing file in
// place instead (see overwriteInPlace), so a full disk does not freeze the very file
// that reports it.
func Write(path string, s *Snapshot) error {
	b, err := json.Marshal(s)
	if err != nil {
		return fmt.Errorf("encode stats: %w", err)
	}
	err = replace(path, b)
	if errors.Is(err, syscall.ENOSPC) {
		if ierr := overwriteInPlace(path, b); ierr != nil {
			return fmt.Errorf("%w (in-place update: %v)", err, ierr)
		}
		return nil
	}
	return err
}

// replace writes b to <path>.tmp and renames it over path.
func replace(path string, b []byte) error {
	tmp := path + ".tmp"
	f, err := os.OpenFile(tmp, os.O_CREATE|os.O_WRONLY|os.O_TRUNC|syscall.O_NOFOLLOW, 0o600)
	if err != nil {
		return fmt.Errorf("open stats tmp: %w", err)
	}
	// O_CREATE does not change the mode of an existing tmp file; enforce 0600 anyway.
	if err := f.Chmod(0o600); err != nil {
		f.Close()
		os.Remove(tmp)
		return fmt.Errorf("chmod stats tmp: %w", err)
	}
	if _, err := f.Write(b); err != nil {
		f.Close()
		os.Remove(tmp)
		return fmt.Errorf("write stats tmp: %w", err)
	}
	if err := f.Close(); err != nil {
		os.Remove(tmp)
		return fmt.Errorf("close stats tmp: %w", err)
	}
	if err := os.Rename(tmp, path); err != nil {
		os.Remove(tmp)
		return fmt.Errorf("rename stats: %w", err)
	}
	return nil
}

// Read parses the stats file at path and returns it with the file's modification time.
func Read(path string) (*Snapshot, time.Time, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, time.Time{}, fmt.Errorf("read stats: %w", err)
	}
	fi, err := os.Stat(path)
	if err != nil {
		return nil, time.Time{}, fmt.Errorf("stat stats: %w", err)
	}
	var s Snapshot
	if err := json.Unmarshal(b, &s); err != nil {
		return nil, time.Time{}, fmt.Errorf("parse stats: %w", err)
	}
	return &s, fi.ModTime(), nil
}

// Age returns how old the snapshot is relative to now, using sampledAt, else
// procIO.sampledAt; ok is false when neither parses.
func (s *Snapshot) Age(now time.Time) (time.Duration, bool) {
	ts := s.SampledAt
	if ts == "" && s.ProcIO != nil {
		ts = s.ProcIO.SampledAt
	}
	t, err := time.Parse(time.RFC3339, ts)
	if err != nil {
		return 0, false
	}
	return now.Sub(t), true
}
