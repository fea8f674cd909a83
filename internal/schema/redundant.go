package schema

import (
	"context"
	"database/sql"
	"fmt"
)

// redundantIndex is an index whose key is the leading part of another index's key (or
// of the UNIQUE constraint's), so every lookup it served is served by the other one.
type redundantIndex struct {
	name string
	// covered counts the indexes that serve its lookups; the drop needs at least one.
	covered string
}

// redundantIndexes are dropped by drop_redundant_indexes_v1. The hash index duplicates
// transmissions' UNIQUE(hash) (storage spec §3.3 calls it redundant); the observation
// ones are prefixes of idx_observations_tx_ts and idx_observations_observer_idx_timestamp.
var redundantIndexes = []redundantIndex{
	{"idx_transmissions_hash", `SELECT COUNT(*) FROM pragma_index_list('transmissions') l
		WHERE l."unique" = 1 AND (SELECT group_concat(name) FROM pragma_index_info(l.name)) = 'hash'`},
	{"idx_observations_transmission_id", `SELECT COUNT(*) FROM sqlite_master
		WHERE type = 'index' AND name = 'idx_observations_tx_ts'`},
	{"idx_observations_observer_idx", `SELECT COUNT(*) FROM sqlite_master
		WHERE type = 'index' AND name = 'idx_observations_observer_idx_timestamp'`},
}

// dropRedundantIndexes drops each redundant index whose covering index exists; on a
// legacy database without the covering one it keeps the index.
func dropRedundantIndexes(ctx context.Context, tx *sql.Tx) error {
	for _, ix := range redundantIndexes {
		var n int
		if err := tx.QueryRowContext(ctx, ix.covered).Scan(&n); err != nil {
			return fmt.Errorf("look for the index covering %s: %w", ix.name, err)
		}
		if n == 0 {
			continue
		}
		if _, err := tx.ExecContext(ctx, `DROP INDEX IF EXISTS `+ix.name); err != nil {
			return fmt.Errorf("drop index %s: %w", ix.name, err)
		}
	}
	return nil
}
