package storage

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
)

// DroppedPacket is one dropped_packets row: a packet the ingestor refused, with why.
type DroppedPacket struct {
	ID           int64
	Hash         *string
	RawHex       *string
	Reason       string
	ObserverID   *string
	ObserverName *string
	NodePubkey   *string
	NodeName     *string
	// DroppedAt is ISO 8601 UTC ("2026-12-07T10:00:00Z"); the column holds SQLite's
	// CURRENT_TIMESTAMP text, passed through unchanged when it does not parse.
	DroppedAt *string
}

// DroppedFilter selects dropped packets; empty fields do not filter.
type DroppedFilter struct {
	Reason string
	// Observer and Pubkey match observer_id / node_pubkey case-insensitively.
	Observer, Pubkey string
	// Since keeps rows dropped at or after it, as "YYYY-MM-DD HH:MM:SS" UTC.
	Since string
	// Limit caps the rows returned (required, > 0).
	Limit int
}

// DroppedPackets returns the newest matching rows (by dropped_at, then id). A database
// without the table (not yet migrated by the ingestor) has none: no error.
func DroppedPackets(ctx context.Context, db *sql.DB, f DroppedFilter) ([]DroppedPacket, error) {
	out := []DroppedPacket{}
	var n int
	if err := db.QueryRowContext(ctx, `SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'dropped_packets'`).Scan(&n); err != nil {
		return nil, fmt.Errorf("look up dropped_packets: %w", err)
	}
	if n == 0 || f.Limit <= 0 {
		return out, nil
	}
	var where []string
	var args []any
	add := func(cond string, v string) {
		if v != "" {
			where = append(where, cond)
			args = append(args, v)
		}
	}
	add(`reason = ?`, f.Reason)
	add(`lower(observer_id) = lower(?)`, f.Observer)
	add(`lower(node_pubkey) = lower(?)`, f.Pubkey)
	add(`datetime(dropped_at) >= ?`, f.Since)
	q := `SELECT id, hash, raw_hex, reason, observer_id, observer_name, node_pubkey, node_name,
		COALESCE(strftime('%Y-%m-%dT%H:%M:%SZ', dropped_at), dropped_at) FROM dropped_packets`
	if len(where) > 0 {
		q += ` WHERE ` + strings.Join(where, ` AND `)
	}
	q += ` ORDER BY dropped_at DESC, id DESC LIMIT ?`
	rows, err := db.QueryContext(ctx, q, append(args, f.Limit)...)
	if err != nil {
		return nil, fmt.Errorf("query dropped_packets: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var d DroppedPacket
		if err := rows.Scan(&d.ID, &d.Hash, &d.RawHex, &d.Reason, &d.ObserverID, &d.ObserverName, &d.NodePubkey, &d.NodeName, &d.DroppedAt); err != nil {
			return nil, fmt.Errorf("scan dropped_packets: %w", err)
		}
		out = append(out, d)
	}
	return out, rows.Err()
}
