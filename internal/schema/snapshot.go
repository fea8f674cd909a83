package schema

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"fmt"
)

// Snapshot writes a consistent copy of db's main database to dst (which must not exist or
// be empty) with VACUUM INTO: one read transaction, so the copy is a point-in-time
// snapshot while the ingestor keeps writing (WAL). It works on the server's read-only
// handle: the pool's query_only guard is lifted on one dedicated connection, which still
// has the file open mode=ro, so only dst can be written; that connection is then
// discarded rather than returned to the pool. A full disk at dst satisfies IsDiskFull.
func Snapshot(ctx context.Context, db *sql.DB, dst string) error {
	c, err := db.Conn(ctx)
	if err != nil {
		return fmt.Errorf("snapshot: %w", err)
	}
	defer c.Close()
	// Discard the connection whatever happens below: it must never serve a query without query_only.
	defer c.Raw(func(any) error { return driver.ErrBadConn })
	if _, err := c.ExecContext(ctx, "PRAGMA query_only = 0"); err != nil {
		return fmt.Errorf("snapshot: %w", err)
	}
	if _, err := c.ExecContext(ctx, "VACUUM INTO ?", dst); err != nil {
		return fmt.Errorf("snapshot: %w", err)
	}
	return nil
}
