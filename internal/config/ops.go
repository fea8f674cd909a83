package config

// Prometheus holds `prometheus.*`: the /metrics endpoints of both processes.
type Prometheus struct {
	// Enabled serves /metrics on the server's port and on IngestorListen (default true).
	Enabled *bool `json:"enabled"`
	// IngestorListen is the ingestor's metrics address (default 127.0.0.1:<port+2>; "off" disables).
	IngestorListen string `json:"ingestorListen"`
	// Token, when set, is required as "Authorization: Bearer <token>" on both endpoints.
	Token string `json:"token"`
}

// Operator holds `operator.*`: which operator-only surfaces are served without a credential.
// By default the GET /api/perf family, /api/mqtt/status and the server's /metrics need the apiKey
// (X-API-Key or Authorization: Bearer); /metrics also accepts prometheus.token.
type Operator struct {
	// PublicPerf serves /api/perf, /api/perf/io, /api/perf/sqlite, /api/perf/write-sources and
	// /api/mqtt/status to anyone.
	PublicPerf bool `json:"publicPerf"`
	// PublicMetrics serves the server's /metrics to anyone (prometheus.token still applies when set).
	PublicMetrics bool `json:"publicMetrics"`
}

// RateLimit holds `rateLimit.*`: per-IP token buckets on the server's expensive routes.
type RateLimit struct {
	Enabled        *bool    `json:"enabled"`
	PerSecond      float64  `json:"perSecond"`
	Burst          int      `json:"burst"`
	ExemptLoopback *bool    `json:"exemptLoopback"`
	TrustedProxies []string `json:"trustedProxies"`
}

// WebSocket holds `websocket.*`: limits on the server's live feed.
type WebSocket struct {
	// MaxPerClient caps concurrent connections per client address (default 16; negative
	// removes the cap). Clients and the loopback exemption are judged as in rateLimit.
	MaxPerClient int `json:"maxPerClient"`
	// ResumeMaxFrames caps the frames replayed to a client reconnecting with afterId
	// (default 5000; negative disables resume).
	ResumeMaxFrames int `json:"resumeMaxFrames"`
	// ResumeMaxMinutes: missed frames older than this are not replayed (default 10; negative = no age limit).
	ResumeMaxMinutes int `json:"resumeMaxMinutes"`
}

// Healthz holds `healthz.*`: when /api/healthz reports the ingestor unhealthy.
type Healthz struct {
	// StatsMaxAgeSec: stats file older than this is unhealthy (default 30; negative disables).
	StatsMaxAgeSec int `json:"statsMaxAgeSec"`
	// SourceSilentSec: an MQTT source silent this long is unhealthy (default 1800; negative disables).
	SourceSilentSec int `json:"sourceSilentSec"`
	// WriterStalledSec: queued messages without a commit this long is unhealthy (default 120; negative disables).
	WriterStalledSec int `json:"writerStalledSec"`
	// RequireStatsFile makes a missing stats file unhealthy.
	RequireStatsFile bool `json:"requireStatsFile"`
	// SourceDisconnectedSec: an MQTT source without its broker connection this long is
	// unhealthy (default 60; negative disables).
	SourceDisconnectedSec int `json:"sourceDisconnectedSec"`
	// HeartbeatMaxAgeSec: the ingestor's database heartbeat older than this is unhealthy
	// while its stats file looks fresh (default 60; negative disables).
	HeartbeatMaxAgeSec int `json:"heartbeatMaxAgeSec"`
}

// Alerts holds `alerts.*`: webhook notifications evaluated by the server.
type Alerts struct {
	Webhooks               []string `json:"webhooks"`
	IntervalSec            int      `json:"intervalSec"`
	RenotifyMinutes        int      `json:"renotifyMinutes"`
	TimeoutSec             int      `json:"timeoutSec"`
	IngestStalledSec       int      `json:"ingestStalledSec"`
	SourceSilentSec        int      `json:"sourceSilentSec"`
	ObserverOfflineMinutes int      `json:"observerOfflineMinutes"`
	Observers              []string `json:"observers"`
	Nodes                  []string `json:"nodes"`
	NodeSilentMinutes      int      `json:"nodeSilentMinutes"`
	// ScopeMismatchHours and ScopeUnscopedRelays are the region-scope alerts (docs/scopes.md).
	ScopeMismatchHours  int `json:"scopeMismatchHours"`
	ScopeUnscopedRelays int `json:"scopeUnscopedRelays"`
	// BridgeSilentMinutes: a relay that is a cut vertex of the neighbour graph silent this
	// long raises bridge_silent (and mesh_split); docs/monitoring.md.
	BridgeSilentMinutes int `json:"bridgeSilentMinutes"`
	// NodeChangeHours: how long node_renamed / node_moved / prefix_collision are reported;
	// NodeMovedKm: the move that counts as node_moved.
	NodeChangeHours int     `json:"nodeChangeHours"`
	NodeMovedKm     float64 `json:"nodeMovedKm"`
	// ObserverDegraded*: observer_degraded compares an observer's last hour with the median
	// of the same hour of the week over ObserverBaselineWeeks (docs/monitoring.md).
	ObserverDegradedPercent    int `json:"observerDegradedPercent"`
	ObserverBaselineWeeks      int `json:"observerBaselineWeeks"`
	ObserverBaselineMinWeeks   int `json:"observerBaselineMinWeeks"`
	ObserverDegradedMinPackets int `json:"observerDegradedMinPackets"`
	// Battery*: battery_falling fits a least-squares line to BatteryTrendDays of battery
	// readings and fires when it reaches BatteryThresholdMv within BatteryWithinDays.
	BatteryThresholdMv     int `json:"batteryThresholdMv"`
	BatteryTrendDays       int `json:"batteryTrendDays"`
	BatteryTrendMinSamples int `json:"batteryTrendMinSamples"`
	BatteryWithinDays      int `json:"batteryWithinDays"`
	// Noise*: noise_floor_rising compares the last NoiseSustainMinutes with the median of
	// the NoiseBaselineDays before (docs/monitoring.md).
	NoiseRiseDb             float64 `json:"noiseRiseDb"`
	NoiseBaselineDays       int     `json:"noiseBaselineDays"`
	NoiseSustainMinutes     int     `json:"noiseSustainMinutes"`
	NoiseBaselineMinSamples int     `json:"noiseBaselineMinSamples"`
}

// Default addresses and limits of the operability keys.
const (
	DefaultMetricsListen = "127.0.0.1:3002"
)

func (c *Config) applyOpsDefaults() {
	setStr(&c.LogLevel, "info")
	setStr(&c.LogFormat, "text")
	p := &c.Prometheus
	p.IngestorListen = c.instanceAddr(p.IngestorListen, metricsPortOffset)
	r := &c.RateLimit
	setFloat(&r.PerSecond, 10)
	setInt(&r.Burst, 60)
	if r.TrustedProxies == nil {
		r.TrustedProxies = []string{"127.0.0.1", "::1"}
	}
	setInt(&c.WebSocket.MaxPerClient, 16)
	setInt(&c.WebSocket.ResumeMaxFrames, 5000)
	setInt(&c.WebSocket.ResumeMaxMinutes, 10)
	setInt(&c.Healthz.StatsMaxAgeSec, 30)
	setInt(&c.Healthz.SourceSilentSec, 1800)
	setInt(&c.Healthz.WriterStalledSec, 120)
	setInt(&c.Healthz.SourceDisconnectedSec, 60)
	setInt(&c.Healthz.HeartbeatMaxAgeSec, 60)
	a := &c.Alerts
	setInt(&a.IntervalSec, 30)
	setInt(&a.RenotifyMinutes, 60)
	setInt(&a.TimeoutSec, 10)
	setInt(&a.IngestStalledSec, 120)
	setInt(&a.SourceSilentSec, 1800)
	setInt(&a.ObserverOfflineMinutes, 60)
	setInt(&a.NodeSilentMinutes, 1440)
	setInt(&a.ScopeMismatchHours, 6)
	setInt(&a.ScopeUnscopedRelays, 10)
	setInt(&a.BridgeSilentMinutes, 240)
	setInt(&a.NodeChangeHours, 24)
	setFloat(&a.NodeMovedKm, 2)
	setInt(&a.ObserverDegradedPercent, 25)
	setInt(&a.ObserverBaselineWeeks, 4)
	setInt(&a.ObserverBaselineMinWeeks, 2)
	setInt(&a.ObserverDegradedMinPackets, 20)
	setInt(&a.BatteryThresholdMv, 3400)
	setInt(&a.BatteryTrendDays, 3)
	setInt(&a.BatteryTrendMinSamples, 12)
	setInt(&a.BatteryWithinDays, 3)
	setFloat(&a.NoiseRiseDb, 6)
	setInt(&a.NoiseBaselineDays, 7)
	setInt(&a.NoiseSustainMinutes, 60)
	setInt(&a.NoiseBaselineMinSamples, 12)
}

// MetricsEnabled reports whether /metrics is served (default true).
func (p Prometheus) MetricsEnabled() bool { return p.Enabled == nil || *p.Enabled }

// On reports whether rate limiting is enabled (default true).
func (r RateLimit) On() bool { return r.Enabled == nil || *r.Enabled }

// LoopbackExempt reports whether loopback clients skip the limit (default true).
func (r RateLimit) LoopbackExempt() bool { return r.ExemptLoopback == nil || *r.ExemptLoopback }
