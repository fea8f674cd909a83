package alerts

import (
	"context"
	"log/slog"
	"net/http"
	"sync"
	"time"

	"github.com/corescope/corescope/internal/statsfile"
)

// Alert kinds.
const (
	KindIngestStalled   = "ingest_stalled"
	KindSourceSilent    = "source_silent"
	KindObserverOffline = "observer_offline"
	KindNodeSilent      = "node_silent"
	KindDiskFull        = "disk_full"
)

// Seen is one watched observer's or node's last activity (zero LastSeen: never heard).
type Seen struct {
	ID       string
	Name     string
	LastSeen time.Time
}

// Options configures a Manager. Zero thresholds disable their condition.
type Options struct {
	// Webhooks receive every event as a JSON POST; none disables the manager.
	Webhooks []string
	// Interval is the evaluation period (default 30 s).
	Interval time.Duration
	// Renotify repeats a still-firing alert after this long (0 never repeats).
	Renotify time.Duration
	// Timeout bounds one webhook POST (default 10 s).
	Timeout time.Duration

	// StatsPath is the ingestor stats file.
	StatsPath string
	// IngestStalled: stats file older than this (or gone after it existed), or queued
	// messages with no commit for this long.
	IngestStalled time.Duration
	// SourceSilent: an MQTT source without a message for this long.
	SourceSilent time.Duration
	// SourceSilentBy overrides SourceSilent per source name (0 or less: never silent).
	SourceSilentBy map[string]time.Duration
	// ObserverOffline: a watched observer not heard for this long.
	ObserverOffline time.Duration
	// WatchObservers lists observer ids; empty watches those heard within ObserverWindow.
	WatchObservers []string
	// ObserverWindow bounds the default watch list (default 7 days).
	ObserverWindow time.Duration
	// NodeSilent: a claimed node not heard for this long.
	NodeSilent time.Duration
	// Nodes are the claimed node public keys.
	Nodes []string
	// ScopeMismatch: a repeater in scope_config_state mismatch for this long (scopes.go).
	ScopeMismatch time.Duration
	// ScopeUnscopedRelays: unscoped floods relayed in 24 h in a region configured scoped.
	ScopeUnscopedRelays int

	// Observers reads every observer's last activity (nil skips observer alerts).
	Observers func() ([]Seen, error)
	// NodesSeen reads the last activity of the given public keys (nil skips node alerts).
	NodesSeen func(pubkeys []string) ([]Seen, error)
	// BridgeSilent: a relay that is a cut vertex of the neighbour graph not heard or seen
	// relaying for this long (mesh.go); it also drives mesh_split.
	BridgeSilent time.Duration
	// MeshGraph reads the resolved neighbour graph (nil skips mesh alerts).
	MeshGraph func() (MeshGraph, error)
	// NodeChangeHold: how long a rename, a move or a new prefix collision is reported
	// (nodechanges.go); also what "new since yesterday" means for collisions.
	NodeChangeHold time.Duration
	// NodeMovedKm: a move further than this is a node_moved (0 disables moves).
	NodeMovedKm float64
	// NodeFacts reads every node's name, position, role and first sighting (nil skips).
	NodeFacts func() ([]NodeFact, error)
	// DegradedRatio: an observer whose last hour is below this share of its baseline
	// (median of the same hour of the week over DegradedWeeks weeks) is degraded
	// (observer_degraded.go; 0 disables). DegradedMinWeeks non-empty weeks and a baseline
	// of DegradedMinPackets are needed.
	DegradedRatio      float64
	DegradedWeeks      int
	DegradedMinWeeks   int
	DegradedMinPackets int
	// ObserverRates reads the hourly counts (nil skips observer_degraded).
	ObserverRates func(now time.Time, weeks int) ([]ObserverRate, error)
	// BatteryThresholdMv, BatteryWindow, BatteryMinSamples, BatteryWithin: battery_falling
	// fits a least-squares line to the battery readings of the last BatteryWindow (at
	// least BatteryMinSamples) and fires when it reaches BatteryThresholdMv within
	// BatteryWithin (battery_noise.go; a zero disables).
	BatteryThresholdMv float64
	BatteryWindow      time.Duration
	BatteryMinSamples  int
	BatteryWithin      time.Duration
	// NoiseRiseDB, NoiseBaseline, NoiseSustain, NoiseMinSamples: noise_floor_rising fires
	// when every reading of the last NoiseSustain is NoiseRiseDB above the median of the
	// NoiseBaseline before it (NoiseMinSamples readings needed; a zero disables).
	NoiseRiseDB     float64
	NoiseBaseline   time.Duration
	NoiseSustain    time.Duration
	NoiseMinSamples int
	// StatusSamples reads every observer status reading at or after since (nil skips
	// battery_falling and noise_floor_rising).
	StatusSamples func(since time.Time) ([]StatusSample, error)
	// ScopeRepeaters reads every repeater's scope facts (nil skips scope alerts).
	ScopeRepeaters func() ([]ScopeRepeater, error)
	// Ready reports whether Observers and NodesSeen have loaded their data; until then
	// observer and node conditions are not evaluated (nil means always ready), so a
	// store still loading at startup raises no false "never heard" alerts.
	Ready func() bool

	// StatePath is the JSON side file of acknowledgements and muted rules (board.go);
	// "" keeps them in memory only.
	StatePath string

	Client *http.Client
	Logger *slog.Logger
	Now    func() time.Time
}

// Manager evaluates the conditions on a timer and delivers events.
type Manager struct {
	opts    Options
	log     *slog.Logger
	started time.Time

	progress statsfile.WriterProgress

	mu        sync.Mutex
	episodes  map[string]*episode
	seenStats bool
	lastErr   time.Time
	// scopeSince is when each repeater now in scope mismatch was first seen so.
	scopeSince map[string]time.Time
	// known is every node as last evaluated (nil before the first evaluation); changes
	// are the renames and moves still reported.
	known   map[string]NodeFact
	changes map[string]change
	// state is the acknowledgements and mutes; recent the resolved alerts (board.go).
	state  boardState
	recent []Record

	cancel context.CancelFunc
	wg     sync.WaitGroup
}

// New returns a Manager; it does no I/O.
func New(opts Options) *Manager {
	if opts.Interval <= 0 {
		opts.Interval = 30 * time.Second
	}
	if opts.Timeout <= 0 {
		opts.Timeout = 10 * time.Second
	}
	if opts.ObserverWindow <= 0 {
		opts.ObserverWindow = 7 * 24 * time.Hour
	}
	if opts.Client == nil {
		opts.Client = &http.Client{Timeout: opts.Timeout}
	}
	if opts.Logger == nil {
		opts.Logger = slog.New(slog.DiscardHandler)
	}
	if opts.Now == nil {
		opts.Now = time.Now
	}
	m := &Manager{opts: opts, log: opts.Logger.With("component", "alerts"), started: opts.Now(), episodes: map[string]*episode{}}
	m.state = boardState{Acked: map[string]string{}, Muted: map[string]bool{}}
	return m
}

// Open reads the acknowledgement side file and starts the evaluation loop; without
// webhooks it still runs, for the Alerts page and the metrics.
func (m *Manager) Open(ctx context.Context) error {
	m.loadState()
	ctx, m.cancel = context.WithCancel(ctx)
	m.wg.Add(1)
	go func() {
		defer m.wg.Done()
		t := time.NewTicker(m.opts.Interval)
		defer t.Stop()
		for {
			m.Tick(ctx)
			select {
			case <-ctx.Done():
				return
			case <-t.C:
			}
		}
	}()
	return nil
}

// Close stops the loop and waits for an in-flight delivery.
func (m *Manager) Close(ctx context.Context) error {
	if m.cancel != nil {
		m.cancel()
	}
	done := make(chan struct{})
	go func() { m.wg.Wait(); close(done) }()
	select {
	case <-done:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

// Firing returns the number of alerts currently firing.
func (m *Manager) Firing() int {
	m.mu.Lock()
	defer m.mu.Unlock()
	n := 0
	for _, e := range m.episodes {
		if e.announced {
			n++
		}
	}
	return n
}
