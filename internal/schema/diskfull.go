package schema

import (
	"errors"
	"syscall"

	"modernc.org/sqlite"
	sqlite3 "modernc.org/sqlite/lib"
)

// IsDiskFull reports whether err means the database's filesystem has no space left:
// SQLite's SQLITE_FULL (any extended form) or the OS's ENOSPC anywhere in the chain.
// Other I/O errors (SQLITE_IOERR_*) are not classified as a full disk: they may be a
// failing device, and health must not blame space for them.
func IsDiskFull(err error) bool {
	if err == nil {
		return false
	}
	var se *sqlite.Error
	if errors.As(err, &se) && se.Code()&0xff == sqlite3.SQLITE_FULL {
		return true
	}
	return errors.Is(err, syscall.ENOSPC)
}
