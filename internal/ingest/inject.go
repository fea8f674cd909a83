package ingest

import (
	"context"
	"crypto/subtle"
	"encoding/json"
	"errors"
	"fmt"
	"net"
	"net/http"
	"strings"
	"time"

	"github.com/corescope/corescope/internal/apikey"
)

// InjectRequest is the body of POST /api/inject (the server's POST /api/packets).
type InjectRequest struct {
	Hex      string   `json:"hex"`
	Observer string   `json:"observer,omitempty"`
	SNR      *float64 `json:"snr,omitempty"`
	RSSI     *float64 `json:"rssi,omitempty"`
	Region   string   `json:"region,omitempty"`
}

// InjectResponse is the 200 answer: the transmission and observation ids after commit.
type InjectResponse struct {
	ID            int64  `json:"id"`
	ObservationID int64  `json:"observationId"`
	Hash          string `json:"hash"`
	New           bool   `json:"new"`
}

// ErrBadPacket wraps injected packets that are refused: undecodable, a corrupt or
// forged advert, or filtered. The text after the prefix is the reason.
var ErrBadPacket = errors.New("bad packet")

// Inject runs one packet through the same checks as an MQTT message (observer and IATA
// filters, decode, advert signature through the shared cache, corrupt-advert rules,
// geo and node filters, dropped-packet rows and counters), queues it and waits until
// it is committed. A refused packet answers ErrBadPacket with the reason; if the MQTT
// path would record it in dropped_packets, it is recorded first.
func (in *Ingester) Inject(ctx context.Context, req InjectRequest) (InjectResponse, error) {
	raw := strings.ToUpper(strings.Join(strings.Fields(req.Hex), ""))
	if raw == "" {
		return InjectResponse{}, fmt.Errorf("%w: hex is required", ErrBadPacket)
	}
	it := &item{kind: kindPacket, source: "inject", at: in.opts.Now(), observerID: clip(strings.TrimSpace(req.Observer), 128),
		iata: effectiveIATA(req.Region, "", ""), done: make(chan result, 1)}
	if reason := in.observerFilter(it.observerID, it.iata); reason != "" {
		in.counters.filtered(reason)
		return InjectResponse{}, fmt.Errorf("%w: filtered (%s)", ErrBadPacket, reason)
	}
	it.snr, _ = bounded(deref(req.SNR), req.SNR != nil, -60, 60)
	it.rssi, _ = bounded(deref(req.RSSI), req.RSSI != nil, -250, 50)
	it, reason := in.decodeInto(it, raw, "api/inject")
	if it == nil {
		in.counters.filtered(reason)
		return InjectResponse{}, fmt.Errorf("%w: filtered (%s)", ErrBadPacket, reason)
	}
	r, err := in.commitInjected(ctx, it)
	switch {
	case err != nil:
		return InjectResponse{}, err
	case it.kind == kindDropped:
		return InjectResponse{}, fmt.Errorf("%w: %s", ErrBadPacket, it.drop.reason)
	}
	return InjectResponse{ID: r.txID, ObservationID: r.obsID, Hash: r.hash, New: r.isNew}, nil
}

// commitInjected queues it and waits for the writer's verdict.
func (in *Ingester) commitInjected(ctx context.Context, it *item) (result, error) {
	if !in.enqueue(it) {
		if in.closed.Load() {
			return result{}, ErrClosed
		}
		return result{}, ErrQueueFull
	}
	select {
	case r := <-it.done:
		return r, r.err
	case <-ctx.Done():
		return result{}, ctx.Err()
	}
}

func deref(f *float64) float64 {
	if f == nil {
		return 0
	}
	return *f
}

// startInject serves POST /api/inject on the loopback address InjectListen. Only a
// non-loopback address is an error.
func (in *Ingester) startInject() error {
	host, _, err := net.SplitHostPort(in.opts.InjectListen)
	if err != nil || !(host == "127.0.0.1" || host == "::1" || host == "localhost") {
		return fmt.Errorf("inject listen %q: must be a loopback host:port", in.opts.InjectListen)
	}
	// A busy or unusable port costs the injection endpoint, never ingest: the server finds
	// the address actually bound in the stats file (Snapshot.InjectAddr).
	ln, busy, err := ListenOrFree(in.opts.InjectListen)
	if err != nil {
		in.log.Error("injection endpoint not started; ingest continues without POST /api/packets",
			"addr", in.opts.InjectListen, "err", err)
		return nil
	}
	if busy {
		in.log.Warn("injection port busy; serving the injection endpoint on a free port instead (announced in the stats file)",
			"wanted", in.opts.InjectListen, "addr", ln.Addr().String())
	}
	mux := http.NewServeMux()
	mux.HandleFunc("POST /api/inject", in.handleInject)
	in.http = &http.Server{Handler: mux, ReadTimeout: 10 * time.Second, WriteTimeout: 15 * time.Second}
	in.injectAt = ln.Addr().String()
	go in.http.Serve(ln)
	return nil
}

// InjectAddr returns the bound injection address ("" when disabled).
func (in *Ingester) InjectAddr() string { return in.injectAt }

func (in *Ingester) handleInject(w http.ResponseWriter, r *http.Request) {
	tok := in.opts.InjectToken
	got := r.Header.Get("X-API-Key")
	if tok == "" || subtle.ConstantTimeCompare([]byte(got), []byte(tok)) != 1 {
		injectJSON(w, http.StatusUnauthorized, map[string]string{"error": "invalid or missing API key"})
		return
	}
	if apikey.Weak(tok) { // the server's policy for its own write routes
		injectJSON(w, http.StatusForbidden, map[string]string{"error": "inject token is too weak — set a random ingestor.injectToken (or apiKey) of 16+ characters"})
		return
	}
	var req InjectRequest
	if err := json.NewDecoder(http.MaxBytesReader(w, r.Body, 16<<10)).Decode(&req); err != nil {
		injectJSON(w, http.StatusBadRequest, map[string]string{"error": "invalid JSON body"})
		return
	}
	ctx, cancel := context.WithTimeout(r.Context(), 10*time.Second)
	defer cancel()
	resp, err := in.Inject(ctx, req)
	switch {
	case errors.Is(err, ErrBadPacket):
		injectJSON(w, http.StatusBadRequest, map[string]string{"error": strings.TrimPrefix(err.Error(), ErrBadPacket.Error()+": ")})
	case errors.Is(err, ErrQueueFull), errors.Is(err, ErrClosed):
		injectJSON(w, http.StatusServiceUnavailable, map[string]string{"error": err.Error()})
	case err != nil:
		injectJSON(w, http.StatusInternalServerError, map[string]string{"error": "transmission insert: " + err.Error()})
	default:
		injectJSON(w, http.StatusOK, resp)
	}
}

func injectJSON(w http.ResponseWriter, code int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(code)
	json.NewEncoder(w).Encode(v)
}
