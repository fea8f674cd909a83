package main

import (
	"context"
	"encoding/json"
	"fmt"
	"log/slog"
	"os"

	"github.com/corescope/corescope/internal/meshsim/loadtest"
)

// ingestMain runs the ingest phase and writes its result to out (JSON).
func ingestMain(ctx context.Context, log *slog.Logger, o ingestOptions, out string) int {
	if o.db == "" || out == "" {
		log.Error("ingest phase needs -db (the ingestor's database) and -ingest-out")
		return 2
	}
	res, err := runIngest(ctx, o)
	if err != nil {
		log.Error("ingest phase", "err", err)
		return 1
	}
	if err := writeIngest(out, res); err != nil {
		log.Error("ingest result", "err", err)
		return 1
	}
	return 0
}

func writeIngest(path string, in *loadtest.Ingest) error {
	b, err := json.MarshalIndent(in, "", "  ")
	if err != nil {
		return fmt.Errorf("encode ingest result: %w", err)
	}
	if err := os.WriteFile(path, b, 0o644); err != nil {
		return fmt.Errorf("write ingest result: %w", err)
	}
	return nil
}

func readIngest(path string) (*loadtest.Ingest, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("read ingest result: %w", err)
	}
	var in loadtest.Ingest
	if err := json.Unmarshal(b, &in); err != nil {
		return nil, fmt.Errorf("decode ingest result %s: %w", path, err)
	}
	return &in, nil
}
