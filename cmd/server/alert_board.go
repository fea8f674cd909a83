package main

import (
	"errors"
	"fmt"
	"path/filepath"
	"time"

	"github.com/corescope/corescope/internal/alerts"
	"github.com/corescope/corescope/internal/api"
)

// alertStateFile is the side file of alert acknowledgements and muted rules, next to
// the database (the server writes nothing into the database itself).
const alertStateFile = "alerts-state.json"

// alertStatePath is alertStateFile next to dbPath ("" without a database path: in memory).
func alertStatePath(dbPath string) string {
	if dbPath == "" {
		return ""
	}
	return filepath.Join(filepath.Dir(dbPath), alertStateFile)
}

// alertBoard adapts the alert manager to api.AlertBoard.
type alertBoard struct{ m *alerts.Manager }

// List implements api.AlertBoard.
func (b alertBoard) List() api.AlertList {
	out := api.AlertList{Alerts: []api.AlertRecord{}, Rules: []api.AlertRule{}}
	for _, r := range b.m.Board() {
		rec := api.AlertRecord{Kind: r.Kind, Subject: r.Subject, Name: r.Name, Message: r.Message, Status: r.Status,
			Since: r.Since.UTC().Format(time.RFC3339), Acked: r.Acked, Muted: r.Muted}
		if !r.Resolved.IsZero() {
			rec.Resolved = r.Resolved.UTC().Format(time.RFC3339)
		}
		out.Alerts = append(out.Alerts, rec)
	}
	muted := b.m.Muted()
	for _, k := range alerts.Kinds() {
		out.Rules = append(out.Rules, api.AlertRule{Kind: k, Muted: muted[k]})
	}
	return out
}

// Ack implements api.AlertBoard.
func (b alertBoard) Ack(kind, subject string) error { return notFound(b.m.Ack(kind, subject)) }

// Mute implements api.AlertBoard.
func (b alertBoard) Mute(kind string, muted bool) error { return notFound(b.m.Mute(kind, muted)) }

// notFound maps the manager's "unknown" onto the API's 404 sentinel.
func notFound(err error) error {
	if errors.Is(err, alerts.ErrUnknown) {
		return fmt.Errorf("%w: %w", api.ErrNotFound, err)
	}
	return err
}
