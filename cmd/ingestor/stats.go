package main

import (
	"context"
	"log/slog"
	"sync"
	"time"

	"github.com/corescope/corescope/internal/ingest"
	"github.com/corescope/corescope/internal/mqttsource"
	"github.com/corescope/corescope/internal/statsfile"
)

// statsWriter writes the stats file once a second from ingest counters, /proc/self/io
// deltas and MQTT source state.
type statsWriter struct {
	path string
	// metricsAddr and injectAddr are the bound /metrics and /api/inject addresses.
	metricsAddr, injectAddr string
	in                      *ingest.Ingester
	group                   *mqttsource.Group
	log                     *slog.Logger
	mu                      sync.Mutex // run and the final write in main may overlap
	prevIO                  *statsfile.ProcIO
	failed                  bool
}

func newStatsWriter(path, metricsAddr, injectAddr string, in *ingest.Ingester, g *mqttsource.Group, log *slog.Logger) *statsWriter {
	return &statsWriter{path: path, metricsAddr: metricsAddr, injectAddr: injectAddr, in: in, group: g, log: log.With("component", "stats")}
}

func (w *statsWriter) run(ctx context.Context) {
	t := time.NewTicker(time.Second)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case now := <-t.C:
			w.writeOnce(now)
		}
	}
}

func (w *statsWriter) writeOnce(now time.Time) {
	w.mu.Lock()
	defer w.mu.Unlock()
	s := w.in.Stats(now)
	if cur, err := statsfile.ReadProcIO(now); err == nil {
		if w.prevIO != nil {
			r := statsfile.Rate(*w.prevIO, cur)
			s.ProcIO = &r
		}
		w.prevIO = &cur
	}
	s.SourceLiveness = map[string]statsfile.SourceLiveness{}
	for _, st := range w.group.Statuses() {
		s.SourceStatuses = append(s.SourceStatuses, statsfile.SourceStatus{
			Name: st.Name, Broker: st.Broker, Connected: st.Connected, Subscribed: st.Subscribed,
			LastConnectUnix: st.LastConnectUnix, LastDisconnectUnix: st.LastDisconnectUnix, DisconnectedSinceUnix: st.DisconnectedSinceUnix,
			LastPacketUnix: st.LastPacketUnix, ConnectCount: st.ConnectCount, DisconnectCount: st.DisconnectCount,
			PacketsTotal: st.PacketsTotal, PacketsLast5m: st.PacketsLast5m, ReconnectCount: st.ReconnectCount,
			WatchdogReconnects: st.WatchdogReconnects, LastError: st.LastError,
		})
		s.SourceLiveness[st.Name] = statsfile.SourceLiveness{LastReceiptUnix: st.LastPacketUnix, LastMessageUnix: st.LastMessageUnix}
	}
	tick, panics := w.group.WatchdogInfo()
	s.WatchdogLastTickUnix, s.WatchdogPanicCount = &tick, &panics
	s.InjectAddr, s.MetricsAddr = w.injectAddr, w.metricsAddr
	if err := statsfile.Write(w.path, s); err != nil {
		if !w.failed {
			w.log.Warn("write stats file", "path", w.path, "err", err)
		}
		w.failed = true
		return
	}
	if w.failed {
		w.log.Info("stats file writable again", "path", w.path)
	}
	w.failed = false
}
