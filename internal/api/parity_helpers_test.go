package api

import (
	"context"
	"testing"
	"time"

	"github.com/corescope/corescope/internal/schema"
)

// newShiftedFixture is newFixture over a fixture copy whose times are moved forward so
// its newest observation is now (whole seconds), as parity.md measured both systems: the
// 1 h / 24 h windows then hold the fixture's traffic.
func newShiftedFixture(t testing.TB, mods ...fixtureOpt) *fixture {
	t.Helper()
	return newFixtureAt(t, shiftedFixture(t), mods...)
}

// shiftedFixture returns a migrated fixture copy with every stored time moved by the same
// whole number of seconds; text times keep their own format (with or without millis).
func shiftedFixture(t testing.TB) string {
	t.Helper()
	path := migratedFixture(t)
	ctx := context.Background()
	w, err := schema.Open(ctx, path)
	if err != nil {
		t.Fatalf("open writer: %v", err)
	}
	defer w.Close()
	var newest int64
	if err := w.QueryRow(`SELECT max(timestamp) FROM observations`).Scan(&newest); err != nil {
		t.Fatal(err)
	}
	d := time.Now().Unix() - newest
	shiftText := func(table, col string) string {
		return `UPDATE ` + table + ` SET ` + col + ` = CASE WHEN length(` + col + `) = 20
			THEN strftime('%Y-%m-%dT%H:%M:%SZ', ` + col + `, ?1 || ' seconds')
			ELSE strftime('%Y-%m-%dT%H:%M:%fZ', ` + col + `, ?1 || ' seconds') END
			WHERE ` + col + ` IS NOT NULL AND ` + col + ` != ''`
	}
	stmts := []string{
		`UPDATE observations SET timestamp = timestamp + ?1`,
		shiftText("transmissions", "first_seen"),
		shiftText("nodes", "last_seen"), shiftText("nodes", "first_seen"),
		shiftText("observers", "last_seen"), shiftText("observers", "first_seen"),
		shiftText("observers", "last_packet_at"),
		shiftText("neighbor_edges", "last_seen"),
	}
	for _, q := range stmts {
		if _, err := w.Exec(q, d); err != nil {
			t.Fatalf("shift: %s: %v", q, err)
		}
	}
	return path
}
