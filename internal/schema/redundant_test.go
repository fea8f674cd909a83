package schema_test

import (
	"context"
	"strings"
	"testing"

	"github.com/corescope/corescope/internal/schema"
	"github.com/corescope/corescope/internal/testutil"
)

// TestMigrate_DropsRedundantIndexes checks, on a copy of the reference fixture (which has
// all three), that the indexes duplicating another index's leading key are gone after
// Migrate and that the lookups they served still use an index.
func TestMigrate_DropsRedundantIndexes(t *testing.T) {
	ctx := context.Background()
	db, err := schema.Open(ctx, testutil.CopyFixture(t))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	redundant := `SELECT COUNT(*) FROM sqlite_master WHERE type = 'index' AND name IN
		('idx_transmissions_hash', 'idx_observations_transmission_id', 'idx_observations_observer_idx')`
	if got := count(t, db, redundant); got != 3 {
		t.Fatalf("redundant indexes in the fixture before migrate: got %d, want 3", got)
	}
	if _, err := schema.Migrate(ctx, db, nil); err != nil {
		t.Fatal(err)
	}
	if got := count(t, db, redundant); got != 0 {
		t.Errorf("redundant indexes after migrate: got %d, want 0", got)
	}
	for q, want := range map[string]string{
		`SELECT id FROM transmissions WHERE hash = 'x'`:                    "sqlite_autoindex_transmissions_1",
		`SELECT id FROM observations WHERE transmission_id = 1`:            "INDEX idx_observations_",
		`SELECT id FROM observations WHERE observer_idx = 1`:               "idx_observations_observer_idx_timestamp",
		`SELECT COUNT(*) FROM observations WHERE transmission_id IN (1,2)`: "INDEX idx_observations_",
	} {
		rows, err := db.Query(`EXPLAIN QUERY PLAN ` + q)
		if err != nil {
			t.Fatal(err)
		}
		var plan []string
		for rows.Next() {
			var id, parent, unused int
			var detail string
			if err := rows.Scan(&id, &parent, &unused, &detail); err != nil {
				t.Fatal(err)
			}
			plan = append(plan, detail)
		}
		rows.Close()
		if p := strings.Join(plan, "; "); !strings.Contains(p, want) {
			t.Errorf("plan of %q: got %q, want it to use %s", q, p, want)
		}
	}
}
