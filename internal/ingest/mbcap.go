package ingest

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"strings"
)

// mbcapSnapshot is the server analytics' multibyte-capability verdicts, written to
// <db dir>/mbcap-snapshot/snapshot.json (storage spec §3.7).
type mbcapSnapshot struct {
	WrittenAt string `json:"writtenAt"`
	Entries   []struct {
		PublicKey string          `json:"public_key"`
		Status    string          `json:"status"`
		Evidence  json.RawMessage `json:"evidence"`
	} `json:"entries"`
}

// applyMultibyteSnapshot copies confirmed (2) / suspected (1) verdicts into nodes and
// inactive_nodes; unknown entries are skipped and a malformed file is a no-op.
func (in *Ingester) applyMultibyteSnapshot(ctx context.Context) error {
	if in.opts.MultibyteSnapshot == "" {
		return nil
	}
	b, err := os.ReadFile(in.opts.MultibyteSnapshot)
	if errors.Is(err, os.ErrNotExist) {
		return nil
	} else if err != nil {
		return fmt.Errorf("read multibyte snapshot: %w", err)
	}
	var snap mbcapSnapshot
	if json.Unmarshal(b, &snap) != nil || snap.WrittenAt == "" || snap.WrittenAt == in.mbcapApplied {
		return nil
	}
	tx, err := in.db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	var n int64
	for _, e := range snap.Entries {
		sup := map[string]int{"confirmed": 2, "suspected": 1}[e.Status]
		if sup == 0 || e.PublicKey == "" {
			continue
		}
		ev := string(e.Evidence)
		if ev == "" || ev == "null" {
			ev = ""
		}
		for _, table := range []string{"nodes", "inactive_nodes"} {
			res, err := tx.ExecContext(ctx, `UPDATE `+table+` SET multibyte_sup = ?, multibyte_evidence = NULLIF(?, '')
				WHERE public_key = ? AND (multibyte_sup IS NOT ? OR COALESCE(multibyte_evidence, '') <> ?)`,
				sup, ev, strings.ToLower(e.PublicKey), sup, ev)
			if err != nil {
				return fmt.Errorf("apply multibyte verdict: %w", err)
			}
			k, _ := res.RowsAffected()
			n += k
		}
	}
	if err := tx.Commit(); err != nil {
		return err
	}
	in.mbcapApplied = snap.WrittenAt
	in.counters.walCommits.Add(1)
	in.counters.backfill("multibyte_sup", n)
	return nil
}
