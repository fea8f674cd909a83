package storage

import (
	"context"
	"database/sql"
	"fmt"
)

const obsCols = `id, transmission_id, observer_idx, direction, snr, rssi, score, path_json, timestamp, resolved_path, raw_hex`

func scanObs(rows *sql.Rows, capHint int) ([]Obs, error) {
	out := make([]Obs, 0, min(capHint, maxPrealloc))
	err := eachObs(rows, func(o *Obs) error {
		out = append(out, *o)
		return nil
	})
	return out, err
}

// maxPrealloc bounds the capacity reserved ahead from a caller's row limit.
const maxPrealloc = 8192

// eachObs scans every row into one reused Obs and hands it to fn (no per-row
// allocation besides the driver's column strings).
func eachObs(rows *sql.Rows, fn func(*Obs) error) error {
	defer rows.Close()
	var o Obs
	for rows.Next() {
		if err := rows.Scan(&o.ID, &o.TxID, &o.ObserverIdx, &o.Direction, &o.SNR, &o.RSSI, &o.Score,
			&o.PathJSON, &o.Timestamp, &o.ResolvedPath, &o.RawHex); err != nil {
			return fmt.Errorf("scan observation: %w", err)
		}
		if err := fn(&o); err != nil {
			return err
		}
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("read observations: %w", err)
	}
	return nil
}

// EachObsForTxRange streams the observations of transmissions lo..hi (inclusive) with
// fromID <= id <= upTo to fn, ordered by transmission id then id (the index order: no
// sort step), one at a time, without building a slice of them (the startup load converts each row
// straight into its compact form). fn must not keep o; its strings it may keep. An
// error from fn stops the scan and is returned.
func EachObsForTxRange(ctx context.Context, db *sql.DB, lo, hi, fromID, upTo int64, fn func(o *Obs) error) error {
	rows, err := db.QueryContext(ctx, `SELECT `+obsCols+` FROM observations
		WHERE transmission_id BETWEEN ? AND ? AND id BETWEEN ? AND ? ORDER BY transmission_id, id`, lo, hi, fromID, upTo)
	if err != nil {
		return fmt.Errorf("query observations of transmissions %d..%d: %w", lo, hi, err)
	}
	return eachObs(rows, fn)
}

// ObsFrom returns up to limit observations with id >= from, ascending by id.
func ObsFrom(ctx context.Context, db *sql.DB, from int64, limit int) ([]Obs, error) {
	rows, err := db.QueryContext(ctx, `SELECT `+obsCols+` FROM observations WHERE id >= ? ORDER BY id LIMIT ?`, from, limit)
	if err != nil {
		return nil, fmt.Errorf("query observations from %d: %w", from, err)
	}
	return scanObs(rows, limit)
}

// ObsBefore returns up to limit observations with id < before, descending by id.
func ObsBefore(ctx context.Context, db *sql.DB, before int64, limit int) ([]Obs, error) {
	rows, err := db.QueryContext(ctx, `SELECT `+obsCols+` FROM observations WHERE id < ? ORDER BY id DESC LIMIT ?`, before, limit)
	if err != nil {
		return nil, fmt.Errorf("query observations before %d: %w", before, err)
	}
	return scanObs(rows, limit)
}
