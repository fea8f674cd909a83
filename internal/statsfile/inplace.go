package statsfile

import (
	"bytes"
	"fmt"
	"os"
	"syscall"
)

// overwriteInPlace writes b over the existing stats file at path in one write, padded
// with spaces (valid trailing JSON whitespace) to the file's old length, so the file never
// ends in stale bytes. It uses only blocks the file already holds (its length rounded up
// to its allocated blocks), so it works on a full disk; a snapshot that does not fit
// fails. path is opened without O_CREATE and with O_NOFOLLOW, like the normal write.
func overwriteInPlace(path string, b []byte) error {
	f, err := os.OpenFile(path, os.O_WRONLY|syscall.O_NOFOLLOW, 0)
	if err != nil {
		return fmt.Errorf("open stats: %w", err)
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil {
		return fmt.Errorf("stat stats: %w", err)
	}
	size, room := fi.Size(), fi.Size()
	if st, ok := fi.Sys().(*syscall.Stat_t); ok {
		room = max(room, st.Blocks*512)
	}
	if int64(len(b)) > room {
		return fmt.Errorf("stats snapshot of %d bytes does not fit the %d allocated", len(b), room)
	}
	if pad := size - int64(len(b)); pad > 0 {
		b = append(b, bytes.Repeat([]byte{' '}, int(pad))...)
	}
	if _, err := f.WriteAt(b, 0); err != nil {
		return fmt.Errorf("write stats in place: %w", err)
	}
	return nil
}
