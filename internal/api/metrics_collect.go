package api

import (
	"github.com/corescope/corescope/internal/metrics"
)

func serverFamilies() []metrics.Family {
	g, c := metrics.KindGauge, metrics.KindCounter
	return []metrics.Family{
		{Name: "store_transmissions", Help: "Transmissions held in the in-memory store.", Kind: g},
		{Name: "store_observations", Help: "Observations held in the in-memory store.", Kind: g},
		{Name: "store_nodes", Help: "Nodes known to the store.", Kind: g},
		{Name: "store_observers", Help: "Observers known to the store.", Kind: g},
		{Name: "store_tracked_bytes", Help: "Estimated bytes held by the in-memory store.", Kind: g},
		{Name: "store_evicted_total", Help: "Transmissions evicted from the store.", Kind: c},
		{Name: "store_inserts_total", Help: "Rows applied to the store by following the database.", Kind: c},
		{Name: "store_load_rows", Help: "Rows loaded by the startup load so far.", Kind: g},
		{Name: "store_load_complete", Help: "1 once the startup load finished.", Kind: g},
		{Name: "store_load_first_chunk", Help: "1 once the first chunk is loaded (data routes open).", Kind: g},
		{Name: "websocket_clients", Help: "Connected WebSocket clients.", Kind: g},
		{Name: "websocket_messages_sent_total", Help: "Frames written to WebSocket clients.", Kind: c},
		{Name: "websocket_dropped_clients_total", Help: "Clients disconnected because their queue was full.", Kind: c},
		{Name: "websocket_broadcasts_total", Help: "Messages offered to the hub.", Kind: c},
		{Name: "websocket_origin_rejected_total", Help: "WebSocket upgrades refused for a cross-site Origin.", Kind: c},
		{Name: "ingestor_stats_age_seconds", Help: "Age of the ingestor stats file as seen by the server (-1 when unreadable).", Kind: g},
		{Name: "healthz_healthy", Help: "1 when /api/healthz would answer 200.", Kind: g},
	}
}

// collectServer reads the store, hub and stats file once per scrape.
func (s *Server) collectServer(emit metrics.Emit) {
	b := func(v bool) float64 {
		if v {
			return 1
		}
		return 0
	}
	if s.store != nil {
		c := s.store.Counts()
		emit("store_transmissions", float64(c.Transmissions))
		emit("store_observations", float64(c.Observations))
		emit("store_nodes", float64(c.Nodes))
		emit("store_observers", float64(c.Observers))
		emit("store_tracked_bytes", float64(c.TrackedBytes))
		emit("store_evicted_total", float64(c.Evicted))
		emit("store_inserts_total", float64(c.Inserts))
	}
	first, done, rows := s.loadState()
	emit("store_load_rows", float64(rows))
	emit("store_load_complete", b(done))
	emit("store_load_first_chunk", b(first))
	if h := s.opts.Hub; h != nil {
		st := h.Stats()
		emit("websocket_clients", float64(st.Clients))
		emit("websocket_messages_sent_total", float64(st.Sent))
		emit("websocket_dropped_clients_total", float64(st.Dropped))
		emit("websocket_broadcasts_total", float64(st.Broadcast))
		emit("websocket_origin_rejected_total", float64(st.OriginRejected))
	}
	ih := s.ingestHealth()
	emit("ingestor_stats_age_seconds", ih.statsAge)
	emit("healthz_healthy", b(first && done && s.store != nil && len(ih.reasons) == 0))
}
