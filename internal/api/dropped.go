package api

import (
	"net/http"
	"strings"
	"time"

	"github.com/corescope/corescope/internal/analytics"
	"github.com/corescope/corescope/internal/storage"
)

// Dropped-packet list bounds (api.md §3.2 #23: clamp [1, 500], default 100).
const (
	droppedDefaultLimit = 100
	droppedMaxLimit     = 500
)

// droppedJSON is one /api/dropped-packets row.
type droppedJSON struct {
	ID           int64   `json:"id"`
	Hash         *string `json:"hash"`
	Reason       string  `json:"reason"`
	ObserverID   *string `json:"observer_id"`
	ObserverName *string `json:"observer_name"`
	NodePubkey   *string `json:"node_pubkey"`
	NodeName     *string `json:"node_name"`
	DroppedAt    *string `json:"dropped_at"`
	RawHex       *string `json:"raw_hex"`
}

// listDroppedPackets lists the packets the ingestor refused (dropped_packets), newest
// first, filtered by reason, observer, node pubkey and since.
func (s *Server) listDroppedPackets(w http.ResponseWriter, r *http.Request) {
	if s.opts.DB == nil {
		s.writeError(w, r, errorf(ErrUnavailable, "database unavailable"))
		return
	}
	q := r.URL.Query()
	f := storage.DroppedFilter{
		Reason: strings.TrimSpace(q.Get("reason")), Observer: strings.TrimSpace(q.Get("observer")),
		Pubkey: strings.TrimSpace(q.Get("pubkey")), Limit: clampLimit(q.Get("limit"), droppedDefaultLimit, droppedMaxLimit),
	}
	if v := strings.TrimSpace(q.Get("since")); v != "" {
		t, ok := analytics.ParseTime(v)
		if d, err := time.Parse(time.DateOnly, v); !ok && err == nil {
			t, ok = d, true
		}
		if !ok {
			s.writeError(w, r, errorf(ErrBadRequest, "since must be an ISO 8601 time"))
			return
		}
		f.Since = t.UTC().Format("2006-01-02 15:04:05")
	}
	rows, err := storage.DroppedPackets(r.Context(), s.opts.DB, f)
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	out := make([]droppedJSON, len(rows))
	for i, d := range rows {
		out[i] = droppedJSON{ID: d.ID, Hash: d.Hash, Reason: d.Reason, ObserverID: d.ObserverID, ObserverName: d.ObserverName,
			NodePubkey: d.NodePubkey, NodeName: d.NodeName, DroppedAt: d.DroppedAt, RawHex: d.RawHex}
	}
	writeJSON(w, http.StatusOK, out)
}
