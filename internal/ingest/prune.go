package ingest

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"time"
)

// pruneRequest is the marker file the server's POST /api/admin/prune-geo-filter writes
// into <db dir>/prune-requests/request-<id>.json (storage spec §3.7).
type pruneRequest struct {
	ID          string   `json:"id"`
	RequestedAt string   `json:"requestedAt"`
	Reason      string   `json:"reason"`
	Pubkeys     []string `json:"pubkeys"`
}

// pruneResult is written as result-<id>.json when the request was handled.
type pruneResult struct {
	ID          string `json:"id"`
	RequestedAt string `json:"requestedAt"`
	CompletedAt string `json:"completedAt"`
	Deleted     int64  `json:"deleted"`
	Error       string `json:"error,omitempty"`
}

var pruneFile = regexp.MustCompile(`^request-([0-9a-fA-F]{1,64})\.json$`)

// processPruneRequests handles every pending request in PruneDir: it deletes the listed
// nodes (500 per statement), writes the result file (tmp + rename) and removes the request.
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
		m := pruneFile.FindStringSubmatch(e.Name())
		if m == nil || e.Type()&os.ModeSymlink != 0 {
			continue
		}
		res := pruneResult{ID: m[1]}
		b, err := os.ReadFile(filepath.Join(dir, e.Name()))
		var req pruneRequest
		if err == nil {
			err = json.Unmarshal(b, &req)
		}
		if err == nil {
			res.RequestedAt = req.RequestedAt
			res.Deleted, err = in.deleteNodes(ctx, req.Pubkeys)
		}
		if err != nil {
			res.Error = err.Error()
		}
		res.CompletedAt = in.opts.Now().UTC().Format(time.RFC3339)
		if err := writeJSONAtomic(filepath.Join(dir, "result-"+m[1]+".json"), res); err != nil {
			return err
		}
		os.Remove(filepath.Join(dir, e.Name()))
		in.log.Info("geo prune request handled", "id", m[1], "deleted", res.Deleted, "err", res.Error)
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

func writeJSONAtomic(path string, v any) error {
	b, err := json.Marshal(v)
	if err != nil {
		return err
	}
	tmp := path + ".tmp"
	if err := os.WriteFile(tmp, b, 0o644); err != nil {
		return fmt.Errorf("write %s: %w", tmp, err)
	}
	if err := os.Rename(tmp, path); err != nil {
		os.Remove(tmp)
		return fmt.Errorf("rename %s: %w", path, err)
	}
	return nil
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
