package ingest

import (
	"log/slog"
	"time"

	"github.com/corescope/corescope/internal/meshcore"
)

// GeoFilter keeps adverts inside a polygon (plus BufferKm) or a bounding box.
type GeoFilter struct {
	Polygon                        [][2]float64
	BufferKm                       float64
	LatMin, LatMax, LonMin, LonMax *float64
}

// SourceFilter is the per-source packet filter and fallback region.
type SourceFilter struct {
	IATAFilter []string // exact match on the topic IATA; empty = all
	Region     string   // fallback IATA when the topic has none
}

// Retention holds the retention windows in days (0 = off; ObserverDays -1 = never).
type Retention struct {
	NodeDays, ObserverDays, MetricsDays, PacketDays, NeighborEdgeDays, ClientRxDays int
}

// Options configures an Ingester.
type Options struct {
	Logger      *slog.Logger
	ChannelKeys *meshcore.ChannelKeys
	// HashRegions are transport-scope region names ('#' optional) for scope_name.
	HashRegions        []string
	ValidateSignatures bool

	ObserverBlacklist     []string
	ObserverIATAWhitelist []string
	Sources               map[string]SourceFilter
	NodeBlacklist         []string
	HiddenNamePrefixes    []string
	GeoFilter             *GeoFilter
	ForeignDrop           bool // foreignAdverts.mode == "drop"
	// ClientRxCoverage stores meshcore/client/<PUBKEY>/packets receptions (opt-in).
	ClientRxCoverage bool

	QueueSize     int
	BatchSize     int
	FlushInterval time.Duration
	SlowWriter    time.Duration
	// DiskFullRetryMin and DiskFullRetryMax bound the backoff between retries of a batch
	// that failed because the disk is full (doubling from min to max).
	DiskFullRetryMin time.Duration
	DiskFullRetryMax time.Duration

	Retention              Retention
	MetricsSampleInterval  time.Duration
	IncrementalVacuumPages int
	CheckpointInterval     time.Duration
	NeighborFlushInterval  time.Duration
	NodeIndexRefresh       time.Duration
	RetentionInterval      time.Duration
	// RetentionStartDelay defers the first retention pass after Open (default 60 s) so
	// startup traffic and short maintenance runs are not held up by pruning.
	RetentionStartDelay time.Duration
	// HeartbeatInterval is how often the writer commits the ingestor_heartbeat row
	// (default 5 s; negative disables).
	HeartbeatInterval time.Duration

	// PruneDir is polled for geo-prune request files from the server ("" disables).
	PruneDir      string
	PruneInterval time.Duration
	// GeoFilterFile is the server's geo-filter override (PUT /api/config/geo-filter), re-read
	// at Open and every PruneInterval; when present it replaces GeoFilter ("" disables).
	GeoFilterFile string

	// OnWriterPerf, when set, receives every writer wait (queued → start) and hold (busy)
	// per component, for the ingestor's /metrics histograms. It must not block.
	OnWriterPerf func(component string, wait, hold time.Duration)

	// Now is the clock (tests); nil means time.Now.
	Now func() time.Time
}

// DefaultOptions returns production defaults.
func DefaultOptions() Options {
	return Options{
		ValidateSignatures:     true,
		QueueSize:              50000,
		BatchSize:              2000,
		FlushInterval:          100 * time.Millisecond,
		SlowWriter:             500 * time.Millisecond,
		DiskFullRetryMin:       time.Second,
		DiskFullRetryMax:       30 * time.Second,
		Retention:              Retention{NodeDays: 7, ObserverDays: 14, MetricsDays: 30, NeighborEdgeDays: 5},
		MetricsSampleInterval:  300 * time.Second,
		IncrementalVacuumPages: 1024,
		CheckpointInterval:     time.Hour,
		NeighborFlushInterval:  60 * time.Second,
		NodeIndexRefresh:       60 * time.Second,
		RetentionInterval:      time.Hour,
		RetentionStartDelay:    time.Minute,
		HeartbeatInterval:      5 * time.Second,
	}
}

func (o *Options) fill() {
	d := DefaultOptions()
	if o.Logger == nil {
		o.Logger = slog.New(slog.DiscardHandler)
	}
	if o.Now == nil {
		o.Now = time.Now
	}
	if o.QueueSize < 1 {
		o.QueueSize = d.QueueSize
	}
	if o.BatchSize < 1 {
		o.BatchSize = d.BatchSize
	}
	if o.FlushInterval <= 0 {
		o.FlushInterval = d.FlushInterval
	}
	if o.SlowWriter <= 0 {
		o.SlowWriter = d.SlowWriter
	}
	if o.DiskFullRetryMin <= 0 {
		o.DiskFullRetryMin = d.DiskFullRetryMin
	}
	if o.DiskFullRetryMax < o.DiskFullRetryMin {
		o.DiskFullRetryMax = max(d.DiskFullRetryMax, o.DiskFullRetryMin)
	}
	if o.MetricsSampleInterval <= 0 {
		o.MetricsSampleInterval = d.MetricsSampleInterval
	}
	if o.CheckpointInterval <= 0 {
		o.CheckpointInterval = d.CheckpointInterval
	}
	if o.NeighborFlushInterval <= 0 {
		o.NeighborFlushInterval = d.NeighborFlushInterval
	}
	if o.NodeIndexRefresh <= 0 {
		o.NodeIndexRefresh = d.NodeIndexRefresh
	}
	if o.PruneInterval <= 0 {
		o.PruneInterval = 15 * time.Second
	}
	if o.RetentionInterval <= 0 {
		o.RetentionInterval = d.RetentionInterval
	}
	if o.HeartbeatInterval == 0 {
		o.HeartbeatInterval = d.HeartbeatInterval
	}
}
