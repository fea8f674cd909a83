package ingest

import (
	"context"
	"database/sql"
	"fmt"

	"github.com/corescope/corescope/internal/meshcore"
	"github.com/corescope/corescope/internal/schema"
)

// rehashMarker records in _migrations that legacy hashes were repaired.
const rehashMarker = "content_hash_repair_v1"

// repairLegacyHashes rewrites stored transmission hashes that differ from the content
// hash of their raw_hex (packet-format §7: 145 fixture rows came from a buggy migration),
// so new receptions of those packets deduplicate onto the existing rows. When the correct
// hash already has its own row, the legacy row's observations move there and the legacy
// row is deleted; either way the old hash is kept in hash_aliases. It runs once per database, in chunks of 1000 rows, before the writer
// starts, and returns the number of rows changed.
func repairLegacyHashes(ctx context.Context, db *sql.DB, _ *meshcore.ChannelKeys) (int, error) {
	done, err := schema.Applied(ctx, db)
	if err != nil {
		return 0, err
	}
	if done[rehashMarker] {
		return 0, nil
	}
	changed := 0
	var cursor int64
	for {
		type row struct {
			id        int64
			raw, hash string
		}
		rows, err := db.QueryContext(ctx, `SELECT id, raw_hex, hash FROM transmissions WHERE id > ? ORDER BY id LIMIT 1000`, cursor)
		if err != nil {
			return changed, fmt.Errorf("scan transmissions: %w", err)
		}
		var chunk []row
		for rows.Next() {
			var r row
			if err := rows.Scan(&r.id, &r.raw, &r.hash); err != nil {
				rows.Close()
				return changed, err
			}
			chunk = append(chunk, r)
		}
		rows.Close()
		if len(chunk) == 0 {
			break
		}
		cursor = chunk[len(chunk)-1].id
		tx, err := db.BeginTx(ctx, nil)
		if err != nil {
			return changed, err
		}
		for _, r := range chunk {
			want, err := meshcore.ContentHashHex(r.raw)
			if err != nil || want == r.hash {
				continue
			}
			if err := rehashRow(ctx, tx, r.id, r.hash, want); err != nil {
				tx.Rollback()
				return changed, err
			}
			changed++
		}
		if err := tx.Commit(); err != nil {
			return changed, err
		}
	}
	return changed, schema.MarkDone(ctx, db, rehashMarker)
}

// rehashRow gives transmission id its correct hash (merging it into the row that already has
// it), and records the old hash as an alias of the new one.
// RepairLegacyHashes runs the one-time legacy hash repair outside an Ingester (the ingestor's
// -migrate-only step, so a server started right after sees the repaired hashes); it returns the
// number of rows changed, 0 once done.
func RepairLegacyHashes(ctx context.Context, db *sql.DB) (int, error) {
	return repairLegacyHashes(ctx, db, nil)
}

func rehashRow(ctx context.Context, tx *sql.Tx, id int64, old, hash string) error {
	if _, err := tx.ExecContext(ctx, `INSERT OR IGNORE INTO hash_aliases(alias, hash) VALUES (lower(?), ?)`, old, hash); err != nil {
		return fmt.Errorf("record hash alias: %w", err)
	}
	var other int64
	err := tx.QueryRowContext(ctx, `SELECT id FROM transmissions WHERE hash = ?`, hash).Scan(&other)
	switch {
	case err == sql.ErrNoRows:
		_, err = tx.ExecContext(ctx, `UPDATE transmissions SET hash = ? WHERE id = ?`, hash, id)
		return err
	case err != nil:
		return err
	}
	// Merge into the row that already carries the correct hash.
	if _, err := tx.ExecContext(ctx, `UPDATE OR IGNORE observations SET transmission_id = ? WHERE transmission_id = ?`, other, id); err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, `DELETE FROM observations WHERE transmission_id = ?`, id); err != nil {
		return err
	}
	_, err = tx.ExecContext(ctx, `DELETE FROM transmissions WHERE id = ?`, id)
	return err
}
