package analytics

import (
	"time"
)

// MetricSample is one observer_metrics sample with its timestamp parsed.
type MetricSample struct {
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

// MetricPoint is one /api/observers/{id}/metrics entry (api.md §3.7 #66).
type MetricPoint struct {
	Timestamp      string   `json:"timestamp"`
	NoiseFloor     *float64 `json:"noise_floor"`
	TxAirSecs      *int64   `json:"tx_air_secs,omitempty"`
	RxAirSecs      *int64   `json:"rx_air_secs,omitempty"`
	RecvErrors     *int64   `json:"recv_errors,omitempty"`
	BatteryMv      *int64   `json:"battery_mv"`
	PacketsSent    *int64   `json:"packets_sent,omitempty"`
	PacketsRecv    *int64   `json:"packets_recv,omitempty"`
	TxAirtimePct   *float64 `json:"tx_airtime_pct"`
	RxAirtimePct   *float64 `json:"rx_airtime_pct"`
	RecvErrorRate  *float64 `json:"recv_error_rate"`
	IsRebootSample bool     `json:"is_reboot_sample,omitempty"`
}

// ObserverMetrics is one observer's metric series. JSON keys are in the order the
// endpoint has always written them (alphabetical).
type ObserverMetrics struct {
	Metrics      []MetricPoint `json:"metrics"`
	ObserverID   string        `json:"observer_id"`
	ObserverName *string       `json:"observer_name"`
	Reboots      []string      `json:"reboots"`
}

// metricBucket accumulates the samples of one resolution step.
type metricBucket struct {
	at                          time.Time
	noiseSum                    float64
	noiseN                      int
	battery                     *int64
	tx, rx, errs, sent, recv    int64
	hasTx, hasRx, hasErr, hasPk bool
	elapsed                     float64
	reboot                      bool
}

// counterDelta is the increase of a cumulative counter, false on a missing value or a
// decrease (a reboot reset the counter).
func counterDelta(prev, cur *int64) (int64, bool) {
	if prev == nil || cur == nil || *cur < *prev {
		return 0, false
	}
	return *cur - *prev, true
}

// ComputeObserverMetrics buckets one observer's samples (oldest first) by step with
// counter deltas and reboot detection (a cumulative counter going down).
func ComputeObserverMetrics(rows []MetricSample, step time.Duration) (points []MetricPoint, reboots []string) {
	reboots = []string{}
	var buckets []*metricBucket
	for i, m := range rows {
		at := m.At.Truncate(step)
		if len(buckets) == 0 || !buckets[len(buckets)-1].at.Equal(at) {
			buckets = append(buckets, &metricBucket{at: at})
		}
		b := buckets[len(buckets)-1]
		if m.Noise != nil {
			b.noiseSum += *m.Noise
			b.noiseN++
		}
		if m.BatteryMv != nil {
			b.battery = m.BatteryMv
		}
		if i == 0 {
			continue
		}
		p := rows[i-1]
		if (p.TxAir != nil && m.TxAir != nil && *m.TxAir < *p.TxAir) || (p.Recv != nil && m.Recv != nil && *m.Recv < *p.Recv) {
			b.reboot = true
			reboots = append(reboots, m.Timestamp)
			continue
		}
		b.elapsed += m.At.Sub(p.At).Seconds()
		for _, c := range []struct {
			prev, cur *int64
			sum       *int64
			has       *bool
		}{{p.TxAir, m.TxAir, &b.tx, &b.hasTx}, {p.RxAir, m.RxAir, &b.rx, &b.hasRx}, {p.RecvErrors, m.RecvErrors, &b.errs, &b.hasErr},
			{p.Sent, m.Sent, &b.sent, &b.hasPk}, {p.Recv, m.Recv, &b.recv, &b.hasPk}} {
			if d, ok := counterDelta(c.prev, c.cur); ok {
				*c.sum += d
				*c.has = true
			}
		}
	}
	points = make([]MetricPoint, 0, len(buckets))
	for _, b := range buckets {
		points = append(points, b.point())
	}
	return points, reboots
}

func (b *metricBucket) point() MetricPoint {
	p := MetricPoint{Timestamp: b.at.Format(time.RFC3339), BatteryMv: b.battery, IsRebootSample: b.reboot}
	if b.noiseN > 0 {
		v := Round2(b.noiseSum / float64(b.noiseN))
		p.NoiseFloor = &v
	}
	pct := func(d int64) *float64 {
		if b.elapsed <= 0 {
			return nil
		}
		v := Round2(float64(d) / b.elapsed * 100)
		return &v
	}
	if b.hasTx {
		p.TxAirSecs, p.TxAirtimePct = &b.tx, pct(b.tx)
	}
	if b.hasRx {
		p.RxAirSecs, p.RxAirtimePct = &b.rx, pct(b.rx)
	}
	if b.hasErr {
		p.RecvErrors = &b.errs
		if total := b.errs + b.recv; total > 0 {
			v := Round2(float64(b.errs) / float64(total))
			p.RecvErrorRate = &v
		}
	}
	if b.hasPk {
		p.PacketsSent, p.PacketsRecv = &b.sent, &b.recv
	}
	return p
}
