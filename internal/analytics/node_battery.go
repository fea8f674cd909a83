package analytics

// Battery thresholds (millivolts) for /api/nodes/{pubkey}/battery.
const (
	batteryLowMv      = 3300
	batteryCriticalMv = 3000
)

// NodeBattery is a node's battery series (api.md §3.4 #37). JSON keys are in the order
// the endpoint has always written them (alphabetical).
type NodeBattery struct {
	Days       int               `json:"days"`
	LatestMv   *int64            `json:"latest_mv"`
	LatestTS   *string           `json:"latest_ts"`
	PublicKey  string            `json:"public_key"`
	Samples    []BatterySample   `json:"samples"`
	Status     string            `json:"status"`
	Thresholds BatteryThresholds `json:"thresholds"`
}

// BatterySample is one reading.
type BatterySample struct {
	Timestamp string `json:"timestamp"`
	BatteryMv int64  `json:"battery_mv"`
}

// BatteryThresholds are the grading bounds.
type BatteryThresholds struct {
	CriticalMv int `json:"critical_mv"`
	LowMv      int `json:"low_mv"`
}

// ComputeNodeBattery grades the newest of a node's battery samples (oldest first; every
// sample has a reading): unknown without one, critical below 3000 mV, low below 3300.
func ComputeNodeBattery(pubkey string, days int, rows []MetricSample) NodeBattery {
	out := NodeBattery{PublicKey: pubkey, Days: days, Samples: make([]BatterySample, 0, len(rows)),
		Thresholds: BatteryThresholds{LowMv: batteryLowMv, CriticalMv: batteryCriticalMv}}
	for _, m := range rows {
		if m.BatteryMv != nil {
			out.Samples = append(out.Samples, BatterySample{Timestamp: m.Timestamp, BatteryMv: *m.BatteryMv})
		}
	}
	if n := len(out.Samples); n > 0 {
		v, ts := out.Samples[n-1].BatteryMv, out.Samples[n-1].Timestamp
		out.LatestMv, out.LatestTS = &v, &ts
	}
	out.Status = batteryStatus(out.LatestMv)
	return out
}

// batteryStatus grades the latest reading.
func batteryStatus(latest *int64) string {
	switch {
	case latest == nil:
		return "unknown"
	case *latest < batteryCriticalMv:
		return "critical"
	case *latest < batteryLowMv:
		return "low"
	}
	return "ok"
}
