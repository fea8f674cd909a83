package storage

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
)

const txCols = `id, raw_hex, hash, first_seen, route_type, payload_type, decoded_json, channel_hash, from_pubkey`

func scanTxs(rows *sql.Rows) ([]Tx, error) {
	defer rows.Close()
	var out []Tx
	for rows.Next() {
		var t Tx
		if err := rows.Scan(&t.ID, &t.RawHex, &t.Hash, &t.FirstSeen, &t.RouteType, &t.PayloadType,
			&t.DecodedJSON, &t.ChannelHash, &t.FromPubkey); err != nil {
			return nil, fmt.Errorf("scan transmission: %w", err)
		}
		out = append(out, t)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("read transmissions: %w", err)
	}
	return out, nil
}

// ReadBounds returns the transmission count and id range and the newest observation id.
// Transmissions first seen before since ("" = all) are left out of the count and range.
func ReadBounds(ctx context.Context, db *sql.DB, since string) (Bounds, error) {
	var b Bounds
	err := db.QueryRowContext(ctx, `SELECT count(*), coalesce(min(id), 0), coalesce(max(id), 0)
		FROM transmissions WHERE first_seen >= ?`, since).Scan(&b.TxCount, &b.MinTxID, &b.MaxTxID)
	if err != nil {
		return b, fmt.Errorf("read transmission bounds: %w", err)
	}
	if err := db.QueryRowContext(ctx, `SELECT coalesce(min(id), 0), coalesce(max(id), 0) FROM observations`).Scan(&b.MinObsID, &b.MaxObsID); err != nil {
		return b, fmt.Errorf("read observation bounds: %w", err)
	}
	return b, nil
}

// TxsAfter returns up to limit transmissions with after < id <= upTo, first seen at or
// after since, ascending by id.
func TxsAfter(ctx context.Context, db *sql.DB, after, upTo int64, since string, limit int) ([]Tx, error) {
	rows, err := db.QueryContext(ctx, `SELECT `+txCols+` FROM transmissions
		WHERE id > ? AND id <= ? AND first_seen >= ? ORDER BY id LIMIT ?`, after, upTo, since, limit)
	if err != nil {
		return nil, fmt.Errorf("query transmissions after %d: %w", after, err)
	}
	return scanTxs(rows)
}

// TxsByID returns the transmissions with the given ids, ascending by id.
func TxsByID(ctx context.Context, db *sql.DB, ids []int64) ([]Tx, error) {
	var out []Tx
	for start := 0; start < len(ids); start += 500 {
		chunk := ids[start:min(len(ids), start+500)]
		args := make([]any, len(chunk))
		for i, id := range chunk {
			args[i] = id
		}
		marks := strings.TrimSuffix(strings.Repeat("?,", len(chunk)), ",")
		rows, err := db.QueryContext(ctx, `SELECT `+txCols+` FROM transmissions WHERE id IN (`+marks+`) ORDER BY id`, args...)
		if err != nil {
			return nil, fmt.Errorf("query transmissions by id: %w", err)
		}
		txs, err := scanTxs(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, txs...)
	}
	return out, nil
}

// MinTxID returns the smallest transmission id (0 when the table is empty); rows below
// it were pruned by the ingestor's retention.
func MinTxID(ctx context.Context, db *sql.DB) (int64, error) {
	var id int64
	if err := db.QueryRowContext(ctx, `SELECT coalesce(min(id), 0) FROM transmissions`).Scan(&id); err != nil {
		return 0, fmt.Errorf("read oldest transmission id: %w", err)
	}
	return id, nil
}
