package storage

import (
	"context"
	"database/sql"
	"fmt"
)

// MetricSample is one observer_metrics row (written by the ingestor from observer status
// messages, one sample per observer every ~5 min).
type MetricSample struct {
	ObserverID, Timestamp                           string
	Noise                                           sql.NullFloat64
	TxAir, RxAir, RecvErrors, BatteryMv, Sent, Recv sql.NullInt64
}

const metricCols = `observer_id, timestamp, noise_floor, tx_air_secs, rx_air_secs, recv_errors, battery_mv, packets_sent, packets_recv`

// ObserverMetricSamples reads one observer's samples with since <= timestamp <= until
// (compared as strings), oldest first.
func ObserverMetricSamples(ctx context.Context, db *sql.DB, observerID, since, until string) ([]MetricSample, error) {
	return metricSamples(ctx, db, `observer_id = ? AND timestamp >= ? AND timestamp <= ?`, observerID, since, until)
}

// MetricSamplesSince reads every observer's samples with timestamp >= since, oldest first.
func MetricSamplesSince(ctx context.Context, db *sql.DB, since string) ([]MetricSample, error) {
	return metricSamples(ctx, db, `timestamp >= ?`, since)
}

func metricSamples(ctx context.Context, db *sql.DB, where string, args ...any) ([]MetricSample, error) {
	rows, err := db.QueryContext(ctx, `SELECT `+metricCols+` FROM observer_metrics WHERE `+where+` ORDER BY timestamp ASC`, args...)
	if err != nil {
		return nil, fmt.Errorf("query observer_metrics: %w", err)
	}
	defer rows.Close()
	var out []MetricSample
	for rows.Next() {
		var m MetricSample
		if err := rows.Scan(&m.ObserverID, &m.Timestamp, &m.Noise, &m.TxAir, &m.RxAir, &m.RecvErrors, &m.BatteryMv, &m.Sent, &m.Recv); err != nil {
			return nil, fmt.Errorf("scan observer_metrics: %w", err)
		}
		out = append(out, m)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("read observer_metrics: %w", err)
	}
	return out, nil
}

// BatterySamples reads the samples with a battery reading of the observer whose id is
// pubkey (any case) with timestamp >= since, oldest first.
func BatterySamples(ctx context.Context, db *sql.DB, pubkey, since string) ([]MetricSample, error) {
	return metricSamples(ctx, db, `lower(observer_id) = ? AND timestamp >= ? AND battery_mv IS NOT NULL`, pubkey, since)
}
