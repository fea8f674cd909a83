package main

import (
	"context"
	"encoding/json"
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

// writeShape stores a shape as JSON, so a bench can count a large dataset's rows once,
// before the server starts, instead of competing with its load.
func writeShape(path string, s loadtest.Shape) error {
	b, err := json.Marshal(s)
	if err != nil {
		return fmt.Errorf("encode shape: %w", err)
	}
	if err := os.WriteFile(path, b, 0o644); err != nil {
		return fmt.Errorf("write shape: %w", err)
	}
	return nil
}

func readShape(path string) (loadtest.Shape, error) {
	var s loadtest.Shape
	b, err := os.ReadFile(path)
	if err != nil {
		return s, fmt.Errorf("read shape: %w", err)
	}
	if err := json.Unmarshal(b, &s); err != nil {
		return s, fmt.Errorf("decode shape %s: %w", path, err)
	}
	return s, nil
}
