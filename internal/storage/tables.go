package storage

import (
	"context"
	"database/sql"
	"fmt"
)

// Nodes returns every nodes row ordered by public key.
func Nodes(ctx context.Context, db *sql.DB) ([]Node, error) {
	rows, err := db.QueryContext(ctx, `SELECT public_key, name, role, lat, lon, last_seen, first_seen,
		coalesce(advert_count, 0), battery_mv, temperature_c, coalesce(foreign_advert, 0), default_scope
		FROM nodes ORDER BY public_key`)
	if err != nil {
		return nil, fmt.Errorf("query nodes: %w", err)
	}
	defer rows.Close()
	var out []Node
	for rows.Next() {
		var n Node
		if err := rows.Scan(&n.PublicKey, &n.Name, &n.Role, &n.Lat, &n.Lon, &n.LastSeen, &n.FirstSeen,
			&n.AdvertCount, &n.BatteryMv, &n.TemperatureC, &n.Foreign, &n.DefaultScope); err != nil {
			return nil, fmt.Errorf("scan node: %w", err)
		}
		out = append(out, n)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("read nodes: %w", err)
	}
	return out, nil
}

// Observers returns every observers row ordered by rowid.
func Observers(ctx context.Context, db *sql.DB) ([]Observer, error) {
	rows, err := db.QueryContext(ctx, `SELECT rowid, id, name, iata, last_seen, first_seen,
		coalesce(packet_count, 0), model, firmware, client_version, radio, battery_mv, uptime_secs,
		noise_floor, coalesce(inactive, 0), last_packet_at, clock_skew_seconds,
		coalesce(clock_skew_count_24h, 0), clock_last_naive_at,
		CASE WHEN coalesce(can_relay_seen, 0) = 0 THEN NULL ELSE can_relay END
		FROM observers ORDER BY rowid`)
	if err != nil {
		return nil, fmt.Errorf("query observers: %w", err)
	}
	defer rows.Close()
	var out []Observer
	for rows.Next() {
		var o Observer
		if err := rows.Scan(&o.RowID, &o.ID, &o.Name, &o.IATA, &o.LastSeen, &o.FirstSeen, &o.PacketCount,
			&o.Model, &o.Firmware, &o.ClientVersion, &o.Radio, &o.BatteryMv, &o.UptimeSecs, &o.NoiseFloor,
			&o.Inactive, &o.LastPacketAt, &o.ClockSkewSeconds, &o.ClockSkewCount24h, &o.ClockLastNaiveAt,
			&o.CanRelay); err != nil {
			return nil, fmt.Errorf("scan observer: %w", err)
		}
		out = append(out, o)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("read observers: %w", err)
	}
	return out, nil
}

// HashAliases returns the legacy hash → current content hash pairs the ingestor's hash repair
// recorded. A database the ingestor has not migrated yet has no such table: that is no aliases.
func HashAliases(ctx context.Context, db *sql.DB) (map[string]string, error) {
	var n int
	if err := db.QueryRowContext(ctx, `SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'hash_aliases'`).Scan(&n); err != nil {
		return nil, fmt.Errorf("look up hash_aliases: %w", err)
	}
	out := map[string]string{}
	if n == 0 {
		return out, nil
	}
	rows, err := db.QueryContext(ctx, `SELECT alias, hash FROM hash_aliases`)
	if err != nil {
		return nil, fmt.Errorf("query hash aliases: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var alias, hash string
		if err := rows.Scan(&alias, &hash); err != nil {
			return nil, fmt.Errorf("scan hash alias: %w", err)
		}
		out[alias] = hash
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("read hash aliases: %w", err)
	}
	return out, nil
}
