package main

import (
	"context"
	"path/filepath"
	"testing"

	"github.com/corescope/corescope/internal/testutil"
)

func TestRowCounts_FreshAndMissingDB(t *testing.T) {
	_, path := testutil.OpenTestDB(t)
	tx, obs, err := rowCounts(context.Background(), path)
	if err != nil || tx != 0 || obs != 0 {
		t.Errorf("fresh db: got %d, %d, %v; want 0, 0, nil", tx, obs, err)
	}
	if _, _, err := rowCounts(context.Background(), filepath.Join(t.TempDir(), "missing.db")); err == nil {
		t.Errorf("missing db: got nil error, want one")
	}
}
