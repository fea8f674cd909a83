package mqttsource

import (
	"context"
	"fmt"
	"log/slog"
	"net/url"
	"strings"
	"sync"
	"time"
)

// Status is one source's state, mirrored into the stats file.
type Status struct {
	Name               string
	Broker             string
	Connected          bool
	Subscribed         bool // every topic filter acknowledged since the last connect
	LastConnectUnix    int64
	LastDisconnectUnix int64
	// DisconnectedSinceUnix is when the current outage began (the last disconnect, or the
	// source's creation if it never connected); 0 while connected.
	DisconnectedSinceUnix int64
	LastPacketUnix        int64 // receipt clock
	LastMessageUnix       int64 // after the handler accepted it
	ConnectCount          int64
	DisconnectCount       int64
	ReconnectCount        int64
	PacketsTotal          int64
	PacketsLast5m         int64
	WatchdogReconnects    int64
	LastError             string
}

// Group owns every configured source.
type Group struct {
	opts    Options
	log     *slog.Logger
	sources []*source

	cancel       context.CancelFunc
	wg           sync.WaitGroup
	watchdogTick int64
	panics       int64
	mu           sync.Mutex
}

// New validates opts and builds the clients; it does no network I/O.
func New(opts Options) (*Group, error) {
	if opts.Logger == nil {
		opts.Logger = slog.New(slog.DiscardHandler)
	}
	if opts.Now == nil {
		opts.Now = time.Now
	}
	def := DefaultOptions()
	if opts.WatchdogInterval <= 0 {
		opts.WatchdogInterval = def.WatchdogInterval
	}
	if opts.ForceReconnectGap <= 0 {
		opts.ForceReconnectGap = def.ForceReconnectGap
	}
	g := &Group{opts: opts, log: opts.Logger.With("component", "mqtt")}
	seen := map[string]bool{}
	for i, so := range opts.Sources {
		d := DefaultSourceOptions(so.Name, so.Broker)
		if so.Name == "" {
			so.Name = so.Broker
		}
		if seen[so.Name] {
			return nil, fmt.Errorf("new mqtt source %d: duplicate name %q", i, so.Name)
		}
		seen[so.Name] = true
		if len(so.Topics) == 0 {
			so.Topics = d.Topics
		}
		if so.QoS == 0 {
			so.QoS = d.QoS
		}
		if so.ConnectTimeout <= 0 {
			so.ConnectTimeout = d.ConnectTimeout
		}
		if so.KeepAlive <= 0 {
			so.KeepAlive = d.KeepAlive
		}
		if so.MaxReconnectInterval <= 0 {
			so.MaxReconnectInterval = d.MaxReconnectInterval
		}
		if so.ClientID == "" {
			so.ClientID = "corescope-ingestor-" + so.Name
		}
		so.ClientID = clientIDSafe(so.ClientID)
		s, err := newSource(g, so)
		if err != nil {
			return nil, fmt.Errorf("new mqtt source %q: %w", so.Name, err)
		}
		g.sources = append(g.sources, s)
	}
	return g, nil
}

func (g *Group) now() time.Time { return g.opts.Now() }

// Open starts connecting every source and the watchdog, then returns without waiting:
// the ingest pipeline is already running, and a broker that is not up yet (e.g. started
// by the same supervisor) is retried in the background with bounded backoff. A source
// still unconnected after its ConnectTimeout is logged and marked in its status.
func (g *Group) Open(ctx context.Context) error {
	ctx, g.cancel = context.WithCancel(ctx)
	for _, s := range g.sources {
		g.wg.Add(1)
		go func() {
			defer g.wg.Done()
			tok := s.client.Connect()
			timer := time.NewTimer(s.opts.ConnectTimeout)
			defer timer.Stop()
			select {
			case <-tok.Done():
			case <-ctx.Done():
				return
			case <-timer.C:
				s.setError(fmt.Sprintf("not connected after %s; retrying", s.opts.ConnectTimeout), nil)
				s.log.Warn("mqtt not connected yet; retrying in background", "broker", redact(s.opts.Broker))
				select {
				case <-tok.Done():
				case <-ctx.Done():
					return
				}
			}
			if err := tok.Error(); err != nil {
				s.setError("connect failed", err)
				s.log.Error("mqtt connect failed", "broker", redact(s.opts.Broker), "err", err)
			}
		}()
	}
	g.wg.Add(1)
	go g.watchdog(ctx)
	return nil
}

// Close stops the watchdog and disconnects every client, waiting up to 2 s each for
// in-flight work.
func (g *Group) Close(ctx context.Context) error {
	if g.cancel != nil {
		g.cancel()
	}
	g.wg.Wait()
	for _, s := range g.sources {
		s.client.Disconnect(2000)
		s.connected.Store(false)
		s.subscribed.Store(false)
	}
	return nil
}

// Statuses returns every source's state in configuration order.
func (g *Group) Statuses() []Status {
	now := g.now()
	out := make([]Status, 0, len(g.sources))
	for _, s := range g.sources {
		out = append(out, s.status(now))
	}
	return out
}

// WatchdogInfo returns the last watchdog tick (unix seconds) and recovered panics.
func (g *Group) WatchdogInfo() (lastTickUnix, panics int64) {
	g.mu.Lock()
	defer g.mu.Unlock()
	return g.watchdogTick, g.panics
}

// redact hides URL passwords in logs and status strings.
func redact(s string) string {
	if u, err := url.Parse(s); err == nil && u.User != nil {
		if _, ok := u.User.Password(); ok {
			u.User = url.UserPassword(u.User.Username(), "****")
			return strings.Replace(u.String(), "%2A%2A%2A%2A", "****", 1)
		}
	}
	return s
}
