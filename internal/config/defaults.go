package config

import (
	"path/filepath"
	"strings"
)

// applyDefaults fills every unset key with its documented default. configDir is the
// directory of the config file, used for channel-rainbow.json.
func (c *Config) applyDefaults(configDir string) {
	if c.DBPath == "" {
		c.DBPath = filepath.Join("data", "meshcore.db")
	}
	setInt(&c.Retention.NodeDays, 7)
	setInt(&c.Retention.ObserverDays, 14)
	setInt(&c.Retention.MetricsDays, 30)
	setInt(&c.Metrics.SampleIntervalSec, 300)
	setInt(&c.DB.IncrementalVacuumPages, 1024)
	setInt(&c.DB.Load.ChunkSize, 10000)
	if c.ForeignAdverts.Mode == "" {
		c.ForeignAdverts.Mode = "flag"
	}
	setInt(&c.NeighborEdgesMaxAgeDays, c.NeighborGraph.MaxAgeDays)
	setInt(&c.NeighborEdgesMaxAgeDays, 5)
	setInt(&c.IngestBufferSize, 50000)
	if c.ChannelKeysPath == "" && configDir != "" {
		c.ChannelKeysPath = filepath.Join(configDir, "channel-rainbow.json")
	}

	c.applyInstanceDefaults()
	ig := &c.Ingestor
	ig.InjectListen = c.instanceAddr(ig.InjectListen, injectPortOffset)
	if ig.InjectToken == "" {
		ig.InjectToken = c.APIKey
	}
	setInt(&ig.BatchSize, 2000)
	setInt(&ig.FlushMs, 100)
	setInt(&ig.WatchdogStallSec, 300)
	setInt(&ig.SlowWriterMs, 500)
	if ig.ClientIDPrefix == "" {
		ig.ClientIDPrefix = "corescope-ingestor"
	}

	s := &c.Server
	setInt(&s.ListLimits.PacketsMax, 10000)
	setInt(&s.ListLimits.NodesMax, 2000)
	setInt(&s.ListLimits.AnalyticsMax, 200)
	setInt(&s.ListLimits.ChannelMessagesMax, 500)
	setInt(&s.ListLimits.BulkHealthMax, 200)
	h := &s.HealthThresholds
	setFloat(&h.InfraDegradedHours, 24)
	setFloat(&h.InfraSilentHours, 72)
	setFloat(&h.NodeDegradedHours, 1)
	setFloat(&h.NodeSilentHours, 24)
	setFloat(&h.RelayActiveHours, 24)
	setFloat(&h.ObserverOnlineMinutes, 60)
	setFloat(&h.ObserverStaleMinutes, 1440)
	setInt(&s.LiveMap.PropagationBufferMs, 5000)
	setInt(&s.LiveMap.MaxNodes, 2000)
	s.LiveMap.MaxNodes = min(max(s.LiveMap.MaxNodes, 100), 20000)
	setInt(&s.CacheTTL.AnalyticsRF, 60)
	setInt(&s.CacheTTL.AnalyticsHashSizes, 3600)
	setInt(&s.CacheTTL.InvalidationDebounce, 300)
	t := &s.Timestamps
	setStr(&t.DefaultMode, "ago")
	setStr(&t.Timezone, "local")
	setStr(&t.FormatPreset, "iso")
	setInt(&s.PacketStore.MaxResolvedPubkeyIndexEntries, 5_000_000)
	setFloat(&s.NeighborGraph.MaxEdgeKm, 500)
	setInt(&s.NeighborGraph.CacheRecomputeIntervalSeconds, 300)
	setInt(&s.ObserversCache.TTLSeconds, 30)
	setInt(&s.Analytics.DefaultIntervalSeconds, 300)
	if s.Analytics.DutyCycleLimitPct <= 0 || s.Analytics.DutyCycleLimitPct > 100 {
		s.Analytics.DutyCycleLimitPct = 10 // EU868 g3 (869.4–869.65 MHz), MeshCore's EU/UK preset
	}
	setInt(&s.BatteryThresholds.LowMv, 3300)
	setInt(&s.BatteryThresholds.CriticalMv, 3000)
	setInt(&s.KnownChannelsRefreshMs, 24*3600*1000)
	c.applyOpsDefaults()
	for i := range c.ObserverIATAWhitelist {
		c.ObserverIATAWhitelist[i] = strings.ToUpper(strings.TrimSpace(c.ObserverIATAWhitelist[i]))
	}
}

func setInt(p *int, def int) {
	if *p == 0 {
		*p = def
	}
}

func setFloat(p *float64, def float64) {
	if *p == 0 {
		*p = def
	}
}

func setStr(p *string, def string) {
	if *p == "" {
		*p = def
	}
}
