package storage

import (
	"context"
	"database/sql"
	"fmt"
)

// TransportScopes calls fn with the first_seen and scope_name of every transport-routed
// transmission (route_type 0 or 3) first seen at or after since (compared as strings),
// in no particular order. scope is NULL for a transport packet without a scope code.
func TransportScopes(ctx context.Context, db *sql.DB, since string, fn func(firstSeen string, scope sql.NullString)) error {
	rows, err := db.QueryContext(ctx, `SELECT first_seen, scope_name FROM transmissions WHERE route_type IN (0, 3) AND first_seen >= ?`, since)
	if err != nil {
		return fmt.Errorf("query scope stats: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var first string
		var scope sql.NullString
		if err := rows.Scan(&first, &scope); err != nil {
			return fmt.Errorf("scan scope stats: %w", err)
		}
		fn(first, scope)
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("read scope stats: %w", err)
	}
	return nil
}

// CountNonTransport counts the transmissions first seen at or after since (compared as
// strings) that are not transport-routed: they carry no scope code at all.
func CountNonTransport(ctx context.Context, db *sql.DB, since string) (int, error) {
	var n int
	err := db.QueryRowContext(ctx, `SELECT count(*) FROM transmissions WHERE (route_type IS NULL OR route_type NOT IN (0, 3)) AND first_seen >= ?`, since).Scan(&n)
	if err != nil {
		return 0, fmt.Errorf("count non-transport transmissions: %w", err)
	}
	return n, nil
}
