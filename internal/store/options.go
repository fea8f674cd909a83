package store

import (
	"log/slog"
	"time"
)

// Options configures a Store. Zero values take the defaults of DefaultOptions.
type Options struct {
	// ChunkSize is the number of transmissions per startup load chunk (default 10 000).
	ChunkSize int
	// PollInterval is how often new rows are followed (default 1 s).
	PollInterval time.Duration
	// MaxMemoryMB bounds the store's self-accounted bytes; above it the oldest
	// transmissions are evicted down to 85 % (0 = unlimited).
	MaxMemoryMB int
	// Retention keeps only transmissions first seen within this window (0 = unlimited).
	Retention time.Duration
	// EvictInterval is how often retention and rows pruned by the ingestor are
	// evicted (default 1 min).
	EvictInterval time.Duration
	// TablesInterval is how often the nodes and observers tables are re-read (default 10 s).
	TablesInterval time.Duration
	// Now is the clock (default time.Now).
	Now func() time.Time
	// Logger receives load, follow and eviction diagnostics (default: discard).
	Logger *slog.Logger
}

// DefaultOptions returns the defaults.
func DefaultOptions() Options {
	return Options{
		ChunkSize:      10000,
		PollInterval:   time.Second,
		EvictInterval:  time.Minute,
		TablesInterval: 10 * time.Second,
		Now:            time.Now,
		Logger:         slog.New(slog.DiscardHandler),
	}
}

func (o Options) withDefaults() Options {
	d := DefaultOptions()
	if o.ChunkSize <= 0 {
		o.ChunkSize = d.ChunkSize
	}
	if o.PollInterval <= 0 {
		o.PollInterval = d.PollInterval
	}
	if o.EvictInterval <= 0 {
		o.EvictInterval = d.EvictInterval
	}
	if o.TablesInterval <= 0 {
		o.TablesInterval = d.TablesInterval
	}
	if o.Now == nil {
		o.Now = d.Now
	}
	if o.Logger == nil {
		o.Logger = d.Logger
	}
	return o
}
