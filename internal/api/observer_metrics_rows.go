package api

import (
	"context"
	"database/sql"
	"errors"
	"time"

	"github.com/corescope/corescope/internal/analytics"
	"github.com/corescope/corescope/internal/storage"
)

// errNoDB reports that the server has no SQLite handle for table reads.
var errNoDB = errors.New("database unavailable")

// metricSamples reads observer_metrics samples with read (storage) and parses their
// timestamps; a sample with an unreadable timestamp is skipped.
func (s *Server) metricSamples(ctx context.Context, read func(context.Context) ([]storage.MetricSample, error)) ([]analytics.MetricSample, error) {
	if s.opts.DB == nil {
		return nil, errorf(ErrUnavailable, errNoDB.Error())
	}
	rows, err := read(ctx)
	if err != nil {
		return nil, err
	}
	out := make([]analytics.MetricSample, 0, len(rows))
	for _, r := range rows {
		t, ok := analytics.ParseTime(r.Timestamp)
		if !ok {
			continue
		}
		m := analytics.MetricSample{ObserverID: r.ObserverID, At: t, Timestamp: r.Timestamp}
		if r.Noise.Valid {
			v := r.Noise.Float64
			m.Noise = &v
		}
		for _, c := range []struct {
			src sql.NullInt64
			dst **int64
		}{{r.TxAir, &m.TxAir}, {r.RxAir, &m.RxAir}, {r.RecvErrors, &m.RecvErrors}, {r.BatteryMv, &m.BatteryMv}, {r.Sent, &m.Sent}, {r.Recv, &m.Recv}} {
			if c.src.Valid {
				v := c.src.Int64
				*c.dst = &v
			}
		}
		out = append(out, m)
	}
	return out, nil
}

// metricTime formats a bound the way the ingestor stores observer_metrics timestamps.
func metricTime(t time.Time) string { return t.UTC().Format(time.RFC3339) }
