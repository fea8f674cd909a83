package storage

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
)

// ScopeConfig is a node's configured scope set: the newest confirmed answer in
// scope_answers (issue #20). DeniesUnscoped is nil when the source did not say.
type ScopeConfig struct {
	NodePubkey     string
	Scopes         []string
	DeniesUnscoped *bool
	SourceKind     string
	SourceID       string
	AnsweredAt     string
}

// ScopeConfigs returns, per node, the newest answer whose query was answered
// (responded = 1), newest by answered_at; failed queries never win, so they never clear
// what is known. DeniesUnscoped is the newest confirmed statement about `denyf *`, which
// may be older than the scope list. A database without the scope_answers table yields
// no rows.
func ScopeConfigs(ctx context.Context, db *sql.DB) ([]ScopeConfig, error) {
	var n int
	if err := db.QueryRowContext(ctx, `SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = 'scope_answers'`).Scan(&n); err != nil {
		return nil, fmt.Errorf("look up scope_answers: %w", err)
	}
	if n == 0 {
		return nil, nil
	}
	// Whether `denyf *` is set comes from the newest confirmed answer that says so: a
	// client /regions answer lists regions only and must not erase it.
	rows, err := db.QueryContext(ctx, `SELECT a.node_pubkey, a.scopes_json, d.denies_unscoped, a.source_kind, a.source_id, a.answered_at
		FROM (SELECT *, ROW_NUMBER() OVER (PARTITION BY node_pubkey ORDER BY answered_at DESC, id DESC) AS rn
		      FROM scope_answers WHERE responded = 1) a
		LEFT JOIN (SELECT node_pubkey, denies_unscoped,
		             ROW_NUMBER() OVER (PARTITION BY node_pubkey ORDER BY answered_at DESC, id DESC) AS rn
		           FROM scope_answers WHERE responded = 1 AND denies_unscoped IS NOT NULL) d
		       ON d.node_pubkey = a.node_pubkey AND d.rn = 1
		WHERE a.rn = 1 ORDER BY a.node_pubkey`)
	if err != nil {
		return nil, fmt.Errorf("query scope answers: %w", err)
	}
	defer rows.Close()
	var out []ScopeConfig
	for rows.Next() {
		var c ScopeConfig
		var js string
		var deny sql.Null[bool]
		if err := rows.Scan(&c.NodePubkey, &js, &deny, &c.SourceKind, &c.SourceID, &c.AnsweredAt); err != nil {
			return nil, fmt.Errorf("scan scope answer: %w", err)
		}
		if err := json.Unmarshal([]byte(js), &c.Scopes); err != nil || c.Scopes == nil {
			c.Scopes = []string{}
		}
		if deny.Valid {
			v := deny.V
			c.DeniesUnscoped = &v
		}
		out = append(out, c)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("read scope answers: %w", err)
	}
	return out, nil
}

// TxScopeNames maps transport-route transmissions first seen at or after since
// (RFC3339) to their scope_name: "#name" for a matched region, "" for a scoped packet of
// unknown region. Transmissions whose scope_name is NULL (not scoped) are absent.
func TxScopeNames(ctx context.Context, db *sql.DB, since string) (map[int64]string, error) {
	rows, err := db.QueryContext(ctx, `SELECT id, scope_name FROM transmissions
		WHERE scope_name IS NOT NULL AND route_type IN (0, 3) AND first_seen >= ?`, since)
	if err != nil {
		return nil, fmt.Errorf("query scope names: %w", err)
	}
	defer rows.Close()
	out := map[int64]string{}
	for rows.Next() {
		var id int64
		var name string
		if err := rows.Scan(&id, &name); err != nil {
			return nil, fmt.Errorf("scan scope name: %w", err)
		}
		out[id] = name
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("read scope names: %w", err)
	}
	return out, nil
}
