package schema

import (
	"errors"

	"modernc.org/sqlite"
	sqlite3 "modernc.org/sqlite/lib"
)

// IsBusy reports whether err is SQLite's SQLITE_BUSY or SQLITE_LOCKED (any extended
// form, e.g. BUSY_SNAPSHOT, LOCKED_SHAREDCACHE) anywhere in the chain: another
// connection or statement holds a lock, and the same work may succeed when retried.
// It reads the driver's result code, never the message text.
func IsBusy(err error) bool {
	var se *sqlite.Error
	if !errors.As(err, &se) {
		return false
	}
	switch se.Code() & 0xff { // the primary code is the low byte of an extended code
	case sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED:
		return true
	}
	return false
}
