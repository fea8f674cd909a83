package storage

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
)

const txCols = `id, raw_hex, hash, first_seen, route_type, payload_type, decoded_json, channel_hash, from_pubkey, scope_name`

func scanTxs(rows *sql.Rows, capHint int) ([]Tx, error) {
	defer rows.Close()
	out := make([]Tx, 0, min(capHint, maxPrealloc))
	for rows.Next() {
		out = append(out, Tx{}) // scanned in place: no per-row allocation
		t := &out[len(out)-1]
		if err := rows.Scan(&t.ID, &t.RawHex, &t.Hash, &t.FirstSeen, &t.RouteType, &t.PayloadType,
			&t.DecodedJSON, &t.ChannelHash, &t.FromPubkey, &t.ScopeName); err != nil {
			return nil, fmt.Errorf("scan transmission: %w", err)
		}
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("read transmissions: %w", err)
	}
	return out, nil
}

// ReadBounds returns the transmission count and id range of the rows first seen at or
// after since ("" = all), and the id ranges of both whole tables. Ids may be any
// integer (0 and negative ids exist in databases written by other tools), so emptiness
// is reported by HasTx / HasObs, never by a zero id.
func ReadBounds(ctx context.Context, db *sql.DB, since string) (Bounds, error) {
	var b Bounds
	var lo, hi sql.Null[int64]
	err := db.QueryRowContext(ctx, `SELECT count(*), min(id), max(id)
		FROM transmissions WHERE first_seen >= ?`, since).Scan(&b.TxCount, &lo, &hi)
	if err != nil {
		return b, fmt.Errorf("read transmission bounds: %w", err)
	}
	b.MinTxID, b.MaxTxID = lo.V, hi.V
	if b.TxLo, b.TxHi, b.HasTx, err = idRange(ctx, db, "transmissions"); err != nil {
		return b, err
	}
	if b.MinObsID, b.MaxObsID, b.HasObs, err = idRange(ctx, db, "observations"); err != nil {
		return b, err
	}
	return b, nil
}

// idRange returns the smallest and largest id of table and whether it has rows. Two
// queries, because SQLite answers a lone min() or max() from the primary key directly.
func idRange(ctx context.Context, db *sql.DB, table string) (lo, hi int64, ok bool, err error) {
	var l, h sql.Null[int64]
	if err := db.QueryRowContext(ctx, `SELECT min(id) FROM `+table).Scan(&l); err != nil {
		return 0, 0, false, fmt.Errorf("read oldest %s id: %w", table, err)
	}
	if err := db.QueryRowContext(ctx, `SELECT max(id) FROM `+table).Scan(&h); err != nil {
		return 0, 0, false, fmt.Errorf("read newest %s id: %w", table, err)
	}
	return l.V, h.V, l.Valid && h.Valid, nil
}

// TxsFrom returns up to limit transmissions with from <= id <= upTo, first seen at or
// after since, ascending by id. Bounds are inclusive so that every int64 id, the
// smallest included, can be read.
func TxsFrom(ctx context.Context, db *sql.DB, from, upTo int64, since string, limit int) ([]Tx, error) {
	rows, err := db.QueryContext(ctx, `SELECT `+txCols+` FROM transmissions
		WHERE id >= ? AND id <= ? AND first_seen >= ? ORDER BY id LIMIT ?`, from, upTo, since, limit)
	if err != nil {
		return nil, fmt.Errorf("query transmissions from %d: %w", from, err)
	}
	return scanTxs(rows, limit)
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
		txs, err := scanTxs(rows, len(chunk))
		if err != nil {
			return nil, err
		}
		out = append(out, txs...)
	}
	return out, nil
}

// TxsBefore returns up to limit transmissions with id < before, descending by id: rows
// written below every id the reader has seen (ids need not rise with time).
func TxsBefore(ctx context.Context, db *sql.DB, before int64, limit int) ([]Tx, error) {
	rows, err := db.QueryContext(ctx, `SELECT `+txCols+` FROM transmissions
		WHERE id < ? ORDER BY id DESC LIMIT ?`, before, limit)
	if err != nil {
		return nil, fmt.Errorf("query transmissions before %d: %w", before, err)
	}
	return scanTxs(rows, limit)
}

// MinTxID returns the smallest transmission id and false when the table is empty; any
// integer, 0 included, is a valid id. Rows below it were pruned by the ingestor.
func MinTxID(ctx context.Context, db *sql.DB) (int64, bool, error) {
	var id sql.Null[int64]
	if err := db.QueryRowContext(ctx, `SELECT min(id) FROM transmissions`).Scan(&id); err != nil {
		return 0, false, fmt.Errorf("read oldest transmission id: %w", err)
	}
	return id.V, id.Valid, nil
}

// MinFirstSeen returns the oldest first_seen and false when the table is empty. Rows
// first seen before it were pruned by the ingestor, whatever their ids (answered from
// idx_transmissions_first_seen).
func MinFirstSeen(ctx context.Context, db *sql.DB) (string, bool, error) {
	var fs sql.Null[string]
	if err := db.QueryRowContext(ctx, `SELECT min(first_seen) FROM transmissions`).Scan(&fs); err != nil {
		return "", false, fmt.Errorf("read oldest first_seen: %w", err)
	}
	return fs.V, fs.Valid, nil
}
