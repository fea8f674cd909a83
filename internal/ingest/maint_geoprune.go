package ingest

import (
	"context"
	"errors"
	"fmt"
	"os"
	"strings"
	"syscall"
	"time"

	"github.com/corescope/corescope/internal/sidechannel"
)

// processPruneRequests handles every pending request in PruneDir (formats in
// internal/sidechannel): it deletes the listed nodes (500 per statement), writes the result
// file and removes the request. A file the reader does not trust (another owner, group- or
// world-writable, a symlink) is left alone and logged, never acted on.
func (in *Ingester) processPruneRequests(ctx context.Context) error {
	dir := in.opts.PruneDir
	if dir == "" {
		return nil
	}
	entries, err := os.ReadDir(dir)
	if errors.Is(err, os.ErrNotExist) {
		return nil
	} else if err != nil {
		return fmt.Errorf("read prune requests: %w", err)
	}
	for _, e := range entries {
		id := sidechannel.RequestID(e.Name())
		if id == "" {
			continue
		}
		req, err := sidechannel.ReadPruneRequest(dir, id)
		if errors.Is(err, sidechannel.ErrUntrusted) || errors.Is(err, os.ErrNotExist) || errors.Is(err, syscall.ELOOP) {
			in.log.Warn("geo prune request ignored", "id", id, "err", err)
			continue
		}
		res := sidechannel.PruneResult{ID: id, RequestedAt: req.RequestedAt}
		if err == nil {
			res.Deleted, err = in.deleteNodes(ctx, req.Pubkeys)
		}
		if err != nil {
			res.Error = err.Error()
		}
		res.CompletedAt = in.opts.Now().UTC().Format(time.RFC3339)
		if err := sidechannel.WritePruneResult(dir, res); err != nil {
			return err
		}
		sidechannel.RemovePruneRequest(dir, id)
		in.log.Info("geo prune request handled", "id", id, "deleted", res.Deleted, "err", res.Error)
	}
	return nil
}

func (in *Ingester) deleteNodes(ctx context.Context, pubkeys []string) (int64, error) {
	var total int64
	for start := 0; start < len(pubkeys); start += 500 {
		chunk := pubkeys[start:min(start+500, len(pubkeys))]
		args := make([]any, len(chunk))
		for i, k := range chunk {
			args[i] = strings.ToLower(strings.TrimSpace(k))
		}
		q := `DELETE FROM nodes WHERE public_key IN (?` + strings.Repeat(",?", len(chunk)-1) + `)`
		n, err := in.execCount(ctx, q, args...)
		if err != nil {
			return total, fmt.Errorf("delete nodes: %w", err)
		}
		total += n
	}
	return total, nil
}

// softDeleteBlacklisted marks blacklisted observers inactive at startup (§2.8).
func (in *Ingester) softDeleteBlacklisted(ctx context.Context) error {
	for id := range in.obsBlack {
		if _, err := in.db.ExecContext(ctx, `UPDATE observers SET inactive = 1 WHERE lower(id) = ?`, id); err != nil {
			return fmt.Errorf("soft-delete blacklisted observer: %w", err)
		}
	}
	return nil
}
