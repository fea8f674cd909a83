package sidechannel

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"syscall"
)

// maxFileBytes bounds every side-channel file read (a request lists at most a few
// thousand 64-hex keys; a polygon at most 1000 points).
const maxFileBytes = 4 << 20

// ErrUntrusted marks a file the reader must not act on (see the package doc).
var ErrUntrusted = errors.New("side-channel file not trusted")

// writeJSON encodes v and atomically replaces path with it (mode 0600).
func writeJSON(path string, v any) error {
	b, err := json.Marshal(v)
	if err != nil {
		return fmt.Errorf("encode %s: %w", filepath.Base(path), err)
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return fmt.Errorf("create %s: %w", filepath.Dir(path), err)
	}
	tmp := path + ".tmp"
	f, err := os.OpenFile(tmp, os.O_CREATE|os.O_WRONLY|os.O_TRUNC|syscall.O_NOFOLLOW, 0o600)
	if err != nil {
		return fmt.Errorf("open %s: %w", filepath.Base(tmp), err)
	}
	_, err = f.Write(b)
	if err == nil {
		err = f.Chmod(0o600) // O_CREATE keeps the mode of a file that already existed
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(tmp, path)
	}
	if err != nil {
		os.Remove(tmp)
		return fmt.Errorf("write %s: %w", filepath.Base(path), err)
	}
	return nil
}

// readJSON decodes the trusted file at path into v. A missing file returns an error
// satisfying errors.Is(err, os.ErrNotExist).
func readJSON(path string, v any) error {
	f, err := os.OpenFile(path, os.O_RDONLY|syscall.O_NOFOLLOW, 0)
	if err != nil {
		return err
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil {
		return err
	}
	if err := trusted(fi); err != nil {
		return fmt.Errorf("%s: %w", filepath.Base(path), err)
	}
	b, err := io.ReadAll(io.LimitReader(f, maxFileBytes+1))
	if err != nil {
		return err
	}
	if len(b) > maxFileBytes {
		return fmt.Errorf("%s: larger than %d bytes", filepath.Base(path), maxFileBytes)
	}
	if err := json.Unmarshal(b, v); err != nil {
		return fmt.Errorf("parse %s: %w", filepath.Base(path), err)
	}
	return nil
}

// trusted accepts a regular file owned by this process's user that group and others cannot write.
func trusted(fi os.FileInfo) error {
	if !fi.Mode().IsRegular() {
		return fmt.Errorf("%w: not a regular file", ErrUntrusted)
	}
	if fi.Mode().Perm()&0o022 != 0 {
		return fmt.Errorf("%w: writable by group or others (mode %v)", ErrUntrusted, fi.Mode().Perm())
	}
	if st, ok := fi.Sys().(*syscall.Stat_t); ok && int(st.Uid) != os.Geteuid() {
		return fmt.Errorf("%w: owned by uid %d, not %d", ErrUntrusted, st.Uid, os.Geteuid())
	}
	return nil
}
