package schema

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"
)

// ErrNotReady means the database exists but the ingestor has not migrated it yet.
var ErrNotReady = errors.New("schema not ready")

// requiredColumns are what readers rely on (storage spec §3.4 AssertReady list plus the
// base columns the server selects).
var requiredColumns = map[string][]string{
	"transmissions":  {"id", "raw_hex", "hash", "first_seen", "route_type", "payload_type", "decoded_json", "channel_hash", "from_pubkey", "last_seen", "scope_name"},
	"observations":   {"id", "transmission_id", "observer_idx", "snr", "rssi", "score", "path_json", "timestamp", "resolved_path", "raw_hex"},
	"observers":      {"id", "inactive", "last_packet_at", "iata", "clock_skew_seconds", "clock_skew_count_24h", "clock_last_naive_at", "can_relay", "can_relay_seen"},
	"nodes":          {"public_key", "foreign_advert", "default_scope", "multibyte_sup", "multibyte_evidence"},
	"inactive_nodes": {"public_key", "foreign_advert", "default_scope", "multibyte_sup", "multibyte_evidence"},
	"neighbor_edges": {"node_a", "node_b", "count", "last_seen"},
}

// AssertReady returns nil when every migration is recorded and every column readers need
// exists; otherwise an error wrapping ErrNotReady that lists what is missing. It only reads.
func AssertReady(ctx context.Context, db *sql.DB) error {
	var missing []string
	done, err := Applied(ctx, db)
	if err != nil {
		return fmt.Errorf("assert ready: %w", err)
	}
	for _, m := range Migrations() {
		if !done[m.Name] {
			missing = append(missing, "migration "+m.Name)
		}
	}
	for table, cols := range requiredColumns {
		have, err := columns(ctx, db, table)
		if err != nil {
			return fmt.Errorf("assert ready: %w", err)
		}
		for _, c := range cols {
			if !have[c] {
				missing = append(missing, table+"."+c)
			}
		}
	}
	if len(missing) > 0 {
		return fmt.Errorf("%w: missing %s", ErrNotReady, strings.Join(missing, ", "))
	}
	return nil
}

// WaitReady polls AssertReady every interval until it succeeds, ctx ends, or a non
// readiness error occurs. onWait (may be nil) is called with each not-ready error so the
// caller can log it.
func WaitReady(ctx context.Context, db *sql.DB, interval time.Duration, onWait func(error)) error {
	if interval <= 0 {
		interval = time.Second
	}
	t := time.NewTicker(interval)
	defer t.Stop()
	for {
		err := AssertReady(ctx, db)
		if err == nil || !errors.Is(err, ErrNotReady) {
			return err
		}
		if onWait != nil {
			onWait(err)
		}
		select {
		case <-ctx.Done():
			return fmt.Errorf("wait for schema: %w", ctx.Err())
		case <-t.C:
		}
	}
}
