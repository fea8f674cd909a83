package storage

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
)

// ClientReception is one client_receptions row: a mobile client (RxPubkey) heard the
// node whose key starts with HeardKey at (Lat, Lon).
type ClientReception struct {
	RxPubkey string
	HeardKey string
	SNR      sql.NullFloat64
	RSSI     sql.NullInt64
	Lat, Lon float64
	RxAt     string
}

// ClientRxQuery selects client receptions: rx_at >= Since (RFC 3339), optionally one
// receiver, heard keys from a set, and a bounding box; at most Limit rows, newest first.
type ClientRxQuery struct {
	Since     string
	RxPubkey  string
	HeardKeys []string
	// BBox is minLat, minLon, maxLat, maxLon; nil = everywhere.
	BBox  *[4]float64
	Limit int
}

// ClientReceptions reads the rows q selects. The second result reports that the
// Limit cut the answer short.
func ClientReceptions(ctx context.Context, db *sql.DB, q ClientRxQuery) ([]ClientReception, bool, error) {
	where := []string{"rx_at >= ?"}
	args := []any{q.Since}
	if q.RxPubkey != "" {
		where = append(where, "rx_pubkey = ?")
		args = append(args, strings.ToLower(q.RxPubkey))
	}
	if len(q.HeardKeys) > 0 {
		where = append(where, "heard_key IN (?"+strings.Repeat(",?", len(q.HeardKeys)-1)+")")
		for _, k := range q.HeardKeys {
			args = append(args, strings.ToLower(k))
		}
	}
	if b := q.BBox; b != nil {
		where = append(where, "lat BETWEEN ? AND ? AND lon BETWEEN ? AND ?")
		args = append(args, b[0], b[2], b[1], b[3])
	}
	args = append(args, q.Limit+1)
	rows, err := db.QueryContext(ctx, `SELECT rx_pubkey, heard_key, snr, rssi, lat, lon, rx_at FROM client_receptions
		WHERE `+strings.Join(where, " AND ")+` ORDER BY rx_at DESC, id DESC LIMIT ?`, args...)
	if err != nil {
		return nil, false, fmt.Errorf("query client receptions: %w", err)
	}
	defer rows.Close()
	var out []ClientReception
	for rows.Next() {
		var r ClientReception
		if err := rows.Scan(&r.RxPubkey, &r.HeardKey, &r.SNR, &r.RSSI, &r.Lat, &r.Lon, &r.RxAt); err != nil {
			return nil, false, fmt.Errorf("scan client reception: %w", err)
		}
		out = append(out, r)
	}
	if err := rows.Err(); err != nil {
		return nil, false, fmt.Errorf("read client receptions: %w", err)
	}
	if len(out) > q.Limit {
		return out[:q.Limit], true, nil
	}
	return out, false, nil
}

// ClientObserverNames maps client_observers pubkeys to their last reported name.
func ClientObserverNames(ctx context.Context, db *sql.DB) (map[string]string, error) {
	rows, err := db.QueryContext(ctx, `SELECT pubkey, COALESCE(name, '') FROM client_observers`)
	if err != nil {
		return nil, fmt.Errorf("query client observers: %w", err)
	}
	defer rows.Close()
	out := map[string]string{}
	for rows.Next() {
		var pk, name string
		if err := rows.Scan(&pk, &name); err != nil {
			return nil, fmt.Errorf("scan client observer: %w", err)
		}
		out[strings.ToLower(pk)] = name
	}
	return out, rows.Err()
}
