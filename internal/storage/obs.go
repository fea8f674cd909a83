package storage

import (
	"context"
	"database/sql"
	"fmt"
)

const obsCols = `id, transmission_id, observer_idx, direction, snr, rssi, score, path_json, timestamp, resolved_path, raw_hex`

func scanObs(rows *sql.Rows) ([]Obs, error) {
	defer rows.Close()
	var out []Obs
	for rows.Next() {
		var o Obs
		if err := rows.Scan(&o.ID, &o.TxID, &o.ObserverIdx, &o.Direction, &o.SNR, &o.RSSI, &o.Score,
			&o.PathJSON, &o.Timestamp, &o.ResolvedPath, &o.RawHex); err != nil {
			return nil, fmt.Errorf("scan observation: %w", err)
		}
		out = append(out, o)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("read observations: %w", err)
	}
	return out, nil
}

// ObsForTxRange returns the observations of transmissions lo..hi (inclusive) with
// fromID <= id <= upTo, ordered by transmission id then id (the index order: no sort step).
func ObsForTxRange(ctx context.Context, db *sql.DB, lo, hi, fromID, upTo int64) ([]Obs, error) {
	rows, err := db.QueryContext(ctx, `SELECT `+obsCols+` FROM observations
		WHERE transmission_id BETWEEN ? AND ? AND id BETWEEN ? AND ? ORDER BY transmission_id, id`, lo, hi, fromID, upTo)
	if err != nil {
		return nil, fmt.Errorf("query observations of transmissions %d..%d: %w", lo, hi, err)
	}
	return scanObs(rows)
}

// ObsFrom returns up to limit observations with id >= from, ascending by id.
func ObsFrom(ctx context.Context, db *sql.DB, from int64, limit int) ([]Obs, error) {
	rows, err := db.QueryContext(ctx, `SELECT `+obsCols+` FROM observations WHERE id >= ? ORDER BY id LIMIT ?`, from, limit)
	if err != nil {
		return nil, fmt.Errorf("query observations from %d: %w", from, err)
	}
	return scanObs(rows)
}

// ObsBefore returns up to limit observations with id < before, descending by id.
func ObsBefore(ctx context.Context, db *sql.DB, before int64, limit int) ([]Obs, error) {
	rows, err := db.QueryContext(ctx, `SELECT `+obsCols+` FROM observations WHERE id < ? ORDER BY id DESC LIMIT ?`, before, limit)
	if err != nil {
		return nil, fmt.Errorf("query observations before %d: %w", before, err)
	}
	return scanObs(rows)
}
