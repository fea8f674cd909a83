package api

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"github.com/corescope/corescope/internal/analytics"
	"time"
)

// metricRow is one observer_metrics sample (the table is written by the ingestor from
// observer status messages, one sample per observer every ~5 min).
type metricRow struct {
	ObserverID string
	At         time.Time
	Timestamp  string
	Noise      *float64
	TxAir      *int64
	RxAir      *int64
	RecvErrors *int64
	BatteryMv  *int64
	Sent       *int64
	Recv       *int64
}

const metricCols = `observer_id, timestamp, noise_floor, tx_air_secs, rx_air_secs, recv_errors, battery_mv, packets_sent, packets_recv`

// errNoDB reports that the server has no SQLite handle for table reads.
var errNoDB = errors.New("database unavailable")

// metricRows reads observer_metrics rows matching where (with args), oldest first.
func (s *Server) metricRows(ctx context.Context, where string, args ...any) ([]metricRow, error) {
	if s.opts.DB == nil {
		return nil, errorf(ErrUnavailable, errNoDB.Error())
	}
	rows, err := s.opts.DB.QueryContext(ctx, `SELECT `+metricCols+` FROM observer_metrics WHERE `+where+` ORDER BY timestamp ASC`, args...)
	if err != nil {
		return nil, fmt.Errorf("query observer_metrics: %w", err)
	}
	defer rows.Close()
	var out []metricRow
	for rows.Next() {
		var m metricRow
		var noise sql.NullFloat64
		var ints [6]sql.NullInt64
		if err := rows.Scan(&m.ObserverID, &m.Timestamp, &noise, &ints[0], &ints[1], &ints[2], &ints[3], &ints[4], &ints[5]); err != nil {
			return nil, fmt.Errorf("scan observer_metrics: %w", err)
		}
		t, ok := analytics.ParseTime(m.Timestamp)
		if !ok {
			continue
		}
		m.At = t
		if noise.Valid {
			v := noise.Float64
			m.Noise = &v
		}
		for i, dst := range []**int64{&m.TxAir, &m.RxAir, &m.RecvErrors, &m.BatteryMv, &m.Sent, &m.Recv} {
			if ints[i].Valid {
				v := ints[i].Int64
				*dst = &v
			}
		}
		out = append(out, m)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("read observer_metrics: %w", err)
	}
	return out, nil
}

// metricTime formats a bound the way the ingestor stores observer_metrics timestamps.
func metricTime(t time.Time) string { return t.UTC().Format(time.RFC3339) }
