package main

import (
	"context"
	"log/slog"
	"strings"
	"time"

	"github.com/corescope/corescope/internal/alerts"
	"github.com/corescope/corescope/internal/api"
	"github.com/corescope/corescope/internal/config"
	"github.com/corescope/corescope/internal/metrics"
)

// ops wires the server's operability features from config: the Prometheus registry,
// rate limits and healthz thresholds (api.Ops) and the alert manager.
type ops struct {
	api    api.Ops
	alerts *alerts.Manager
	scopes scopeFacts
	log    *slog.Logger
}

// newOps maps config onto api.Ops and the alert manager, reading the store, readiness
// and stats path from the API options; it does no I/O.
func newOps(cfg *config.Config, ao api.Options, log *slog.Logger) *ops {
	store := ao.Store
	o := &ops{log: log.With("component", "ops")}
	secs := func(n int) time.Duration {
		if n < 0 {
			return 0 // negative disables a threshold
		}
		return time.Duration(n) * time.Second
	}
	days := func(n int) time.Duration { return 24 * time.Hour * time.Duration(max(n, 0)) }
	silentBy := map[string]time.Duration{} // mqttSources[].silentSec overrides
	for _, s := range cfg.Sources() {
		if s.SilentSec != 0 {
			silentBy[s.Name] = secs(s.SilentSec)
		}
	}
	o.api.PublicPerf, o.api.PublicMetrics = cfg.Operator.PublicPerf, cfg.Operator.PublicMetrics
	o.api.Health = api.IngestHealth{StatsMaxAge: secs(cfg.Healthz.StatsMaxAgeSec), SourceSilent: secs(cfg.Healthz.SourceSilentSec),
		SourceSilentBy: silentBy, WriterStalled: secs(cfg.Healthz.WriterStalledSec), RequireStats: cfg.Healthz.RequireStatsFile,
		SourceDisconnected: secs(cfg.Healthz.SourceDisconnectedSec), HeartbeatMaxAge: secs(cfg.Healthz.HeartbeatMaxAgeSec)}
	// Who a client is (trusted proxies, loopback exemption) also serves the WebSocket cap,
	// so it is set even when the token buckets are off (PerSecond 0 disables them).
	r := cfg.RateLimit
	o.api.RateLimit = api.RateLimit{ExemptLoopback: r.LoopbackExempt(), TrustedProxies: r.TrustedProxies}
	if r.On() {
		o.api.RateLimit.PerSecond, o.api.RateLimit.Burst = r.PerSecond, r.Burst
	}
	o.api.WSMaxPerClient = cfg.WebSocket.MaxPerClient
	a := cfg.Alerts
	o.alerts = alerts.New(alerts.Options{Webhooks: a.Webhooks, Interval: secs(a.IntervalSec), Renotify: time.Duration(max(a.RenotifyMinutes, 0)) * time.Minute,
		Timeout: secs(a.TimeoutSec), StatsPath: ao.StatsPath, IngestStalled: secs(a.IngestStalledSec), SourceSilent: secs(a.SourceSilentSec), SourceSilentBy: silentBy,
		ObserverOffline: time.Duration(max(a.ObserverOfflineMinutes, 0)) * time.Minute, WatchObservers: a.Observers,
		NodeSilent: time.Duration(max(a.NodeSilentMinutes, 0)) * time.Minute, Nodes: a.Nodes,
		Observers: func() ([]alerts.Seen, error) { return observersSeen(store, cfg.ObserverBlacklist) },
		NodesSeen: func(keys []string) ([]alerts.Seen, error) { return nodesSeen(store, keys) }, Logger: log,
		ScopeMismatch: time.Duration(max(a.ScopeMismatchHours, 0)) * time.Hour, ScopeUnscopedRelays: max(a.ScopeUnscopedRelays, 0), ScopeRepeaters: o.scopes.read,
		BridgeSilent:   time.Duration(max(a.BridgeSilentMinutes, 0)) * time.Minute,
		MeshGraph:      o.scopes.mesh,
		NodeChangeHold: time.Duration(max(a.NodeChangeHours, 0)) * time.Hour, NodeMovedKm: max(a.NodeMovedKm, 0),
		NodeFacts:     o.scopes.nodeFacts,
		DegradedRatio: float64(max(a.ObserverDegradedPercent, 0)) / 100, DegradedWeeks: max(a.ObserverBaselineWeeks, 0),
		DegradedMinWeeks: a.ObserverBaselineMinWeeks, DegradedMinPackets: a.ObserverDegradedMinPackets,
		ObserverRates: func(now time.Time, weeks int) ([]alerts.ObserverRate, error) {
			rows, err := o.scopes.observerRates(now, weeks)
			return withoutBlacklisted(rows, cfg.ObserverBlacklist), err
		},
		BatteryThresholdMv: float64(max(a.BatteryThresholdMv, 0)), BatteryWindow: days(a.BatteryTrendDays),
		BatteryMinSamples: a.BatteryTrendMinSamples, BatteryWithin: days(a.BatteryWithinDays),
		NoiseRiseDB: max(a.NoiseRiseDb, 0), NoiseBaseline: days(a.NoiseBaselineDays),
		NoiseSustain: time.Duration(max(a.NoiseSustainMinutes, 0)) * time.Minute, NoiseMinSamples: a.NoiseBaselineMinSamples,
		StatusSamples: func(since time.Time) ([]alerts.StatusSample, error) {
			return o.scopes.statusSamples(since, cfg.ObserverBlacklist)
		},
		StatePath: alertStatePath(ao.DBPath),
		Ready:     func() bool { return storeLoaded(ao.Ready) }})
	if cfg.Prometheus.MetricsEnabled() {
		o.api.Metrics = metrics.New(metrics.DefaultOptions())
		o.api.MetricsToken = cfg.Prometheus.Token
		err := o.api.Metrics.Snapshot([]metrics.Family{{Name: "alerts_firing", Help: "Alerts currently firing (delivered and not resolved).",
			Kind: metrics.KindGauge}, {Name: "alerts_firing_by_rule", Help: "Alerts currently firing per rule (alert kind).",
			Kind: metrics.KindGauge, Labels: []string{"rule"}}}, func(emit metrics.Emit) {
			emit("alerts_firing", float64(o.alerts.Firing()))
			for kind, n := range o.alerts.FiringByKind() {
				emit("alerts_firing_by_rule", float64(n), kind)
			}
		})
		if err != nil {
			o.log.Error("register alert metrics", "err", err)
		}
	}
	return o
}

// open starts the alert loop (a no-op without webhooks).
func (o *ops) open(ctx context.Context) {
	if err := o.alerts.Open(ctx); err != nil {
		o.log.Error("start alerts", "err", err)
	}
}

// close stops the alert loop, waiting at most a few seconds for a delivery in flight.
func (o *ops) close() {
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	if err := o.alerts.Close(ctx); err != nil {
		o.log.Warn("stop alerts", "err", err)
	}
}

// storeLoaded reports whether the store finished its startup load (nil: always).
func storeLoaded(r api.Readiness) bool {
	if r == nil {
		return true
	}
	_, _, done := r.LoadProgress()
	return done
}

// observersSeen lists the observers the API shows: not inactive, not blacklisted.
func observersSeen(store api.Store, blacklist []string) ([]alerts.Seen, error) {
	rows, err := store.Observers()
	if err != nil {
		return nil, err
	}
	hidden := map[string]bool{}
	for _, id := range blacklist {
		hidden[strings.ToLower(strings.TrimSpace(id))] = true
	}
	out := make([]alerts.Seen, 0, len(rows))
	for _, r := range rows {
		if r.Inactive || hidden[strings.ToLower(r.ID)] {
			continue
		}
		out = append(out, alerts.Seen{ID: r.ID, Name: deref(r.Name), LastSeen: parseSeen(r.LastSeen)})
	}
	return out, nil
}

func nodesSeen(store api.Store, keys []string) ([]alerts.Seen, error) {
	want := map[string]bool{}
	for _, k := range keys {
		want[strings.ToLower(k)] = true
	}
	rows, err := store.Nodes()
	if err != nil {
		return nil, err
	}
	var out []alerts.Seen
	for _, r := range rows {
		if want[strings.ToLower(r.PublicKey)] {
			out = append(out, alerts.Seen{ID: strings.ToLower(r.PublicKey), Name: deref(r.Name), LastSeen: parseSeen(r.LastSeen)})
		}
	}
	return out, nil
}

func deref(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}

// parseSeen reads the database's ISO timestamps (zero when absent or unparseable).
func parseSeen(s *string) time.Time {
	if s == nil {
		return time.Time{}
	}
	for _, layout := range []string{time.RFC3339Nano, "2006-01-02T15:04:05", "2006-01-02 15:04:05"} {
		if t, err := time.Parse(layout, *s); err == nil {
			return t
		}
	}
	return time.Time{}
}
