package main

import (
	"context"
	"fmt"
	"os"

	"github.com/corescope/corescope/internal/meshsim/loadtest"
	"github.com/corescope/corescope/internal/schema"
)

// datasetShape counts the dataset's rows and measures its file (plus WAL) on disk.
func datasetShape(ctx context.Context, path string) (loadtest.Shape, error) {
	var s loadtest.Shape
	st, err := os.Stat(path)
	if err != nil {
		return s, fmt.Errorf("dataset: %w", err)
	}
	s.DBBytes = st.Size()
	if wal, err := os.Stat(path + "-wal"); err == nil {
		s.DBBytes += wal.Size()
	}
	db, err := schema.OpenReadOnly(ctx, path, 1)
	if err != nil {
		return s, err
	}
	defer db.Close()
	err = db.QueryRowContext(ctx, `SELECT (SELECT COUNT(*) FROM transmissions), (SELECT COUNT(*) FROM observations),
		(SELECT COUNT(*) FROM nodes), (SELECT COUNT(*) FROM observers)`).
		Scan(&s.Transmissions, &s.Observations, &s.Nodes, &s.Observers)
	if err != nil {
		return s, fmt.Errorf("count dataset rows: %w", err)
	}
	return s, nil
}
