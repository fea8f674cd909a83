package mqttsource

import (
	"context"
	"fmt"
	"time"
)

// watchdog checks every source each WatchdogInterval and forces a reconnect when a
// connected source has been silent for longer than its StallTimeout (a half-open socket
// or a broker that stopped routing), throttled to once per ForceReconnectGap.
func (g *Group) watchdog(ctx context.Context) {
	defer g.wg.Done()
	t := time.NewTicker(g.opts.WatchdogInterval)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
		now := g.now()
		g.mu.Lock()
		g.watchdogTick = now.Unix()
		g.mu.Unlock()
		for _, s := range g.sources {
			g.checkSource(ctx, s, now)
		}
	}
}

func (g *Group) checkSource(ctx context.Context, s *source, now time.Time) {
	defer func() {
		if r := recover(); r != nil {
			g.mu.Lock()
			g.panics++
			g.mu.Unlock()
			s.log.Error("panic in mqtt watchdog", "panic", fmt.Sprint(r))
		}
	}()
	if s.opts.StallTimeout <= 0 || !s.client.IsConnectionOpen() {
		return
	}
	s.mu.Lock()
	since := s.connectedAt
	s.mu.Unlock()
	if last := s.lastReceiptNano.Load(); last > 0 {
		if lt := time.Unix(0, last); lt.After(since) {
			since = lt
		}
	}
	silent := now.Sub(since)
	s.mu.Lock()
	if silent < s.opts.StallTimeout {
		if s.stalled {
			s.log.Info("mqtt feed recovered")
		}
		s.stalled = false
		s.mu.Unlock()
		return
	}
	if !s.stalled {
		s.log.Warn("mqtt feed stalled; forcing reconnect", "silentSec", int(silent.Seconds()))
	}
	s.stalled = true
	if now.Sub(s.lastForced) < g.opts.ForceReconnectGap {
		s.mu.Unlock()
		return
	}
	s.lastForced = now
	s.lastError = fmt.Sprintf("watchdog: no messages for %ds", int(silent.Seconds()))
	s.mu.Unlock()
	s.watchdogReconnects.Add(1)
	// Disconnect stops paho's own reconnect loop, so connect again explicitly.
	s.client.Disconnect(250)
	s.connected.Store(false)
	s.subscribed.Store(false)
	s.lastDisconnect.Store(now.Unix())
	s.disconnectCount.Add(1)
	g.wg.Add(1)
	go func() {
		defer g.wg.Done()
		tok := s.client.Connect()
		select {
		case <-tok.Done():
		case <-ctx.Done():
		}
	}()
}
