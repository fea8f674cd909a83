package ingesthttp

import (
	"context"
	"crypto/subtle"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"strings"
	"time"

	"github.com/corescope/corescope/internal/apikey"
	"github.com/corescope/corescope/internal/ingest"
)

// Injector runs one packet through the ingest pipeline and waits for its commit
// (*ingest.Ingester).
type Injector interface {
	Inject(ctx context.Context, req ingest.InjectRequest) (ingest.InjectResponse, error)
}

// InjectOptions configure the injection endpoint.
type InjectOptions struct {
	Listen string // loopback host:port; "" starts nothing
	Token  string // expected X-API-Key
	Logger *slog.Logger
}

// InjectEndpoint serves POST /api/inject. A nil *InjectEndpoint is a disabled one.
type InjectEndpoint struct {
	in   Injector
	tok  string
	srv  *http.Server
	addr string
}

// StartInject serves POST /api/inject on opts.Listen. Only a non-loopback address is
// an error: a port that cannot be bound costs the endpoint (logged), never ingest.
func StartInject(in Injector, opts InjectOptions) (*InjectEndpoint, error) {
	log := opts.Logger
	if log == nil {
		log = slog.New(slog.NewTextHandler(io.Discard, nil))
	}
	e := &InjectEndpoint{in: in, tok: opts.Token}
	if opts.Listen == "" {
		return e, nil
	}
	host, _, err := net.SplitHostPort(opts.Listen)
	if err != nil || !(host == "127.0.0.1" || host == "::1" || host == "localhost") {
		return nil, fmt.Errorf("inject listen %q: must be a loopback host:port", opts.Listen)
	}
	// The server finds the address actually bound in the stats file (InjectAddr).
	ln, busy, err := ListenOrFree(opts.Listen)
	if err != nil {
		log.Error("injection endpoint not started; ingest continues without POST /api/packets",
			"addr", opts.Listen, "err", err)
		return e, nil
	}
	if busy {
		log.Warn("injection port busy; serving the injection endpoint on a free port instead (announced in the stats file)",
			"wanted", opts.Listen, "addr", ln.Addr().String())
	}
	mux := http.NewServeMux()
	mux.HandleFunc("POST /api/inject", e.handle)
	e.srv = &http.Server{Handler: mux, ReadTimeout: 10 * time.Second, WriteTimeout: 15 * time.Second}
	e.addr = ln.Addr().String()
	go e.srv.Serve(ln)
	return e, nil
}

// Addr returns the bound address ("" when disabled or not started).
func (e *InjectEndpoint) Addr() string {
	if e == nil {
		return ""
	}
	return e.addr
}

// Close stops accepting requests and waits (at most 2 s, or ctx) for those in flight.
func (e *InjectEndpoint) Close(ctx context.Context) error {
	if e == nil || e.srv == nil {
		return nil
	}
	sctx, cancel := context.WithTimeout(ctx, 2*time.Second)
	defer cancel()
	return e.srv.Shutdown(sctx)
}

func (e *InjectEndpoint) handle(w http.ResponseWriter, r *http.Request) {
	got := r.Header.Get("X-API-Key")
	if e.tok == "" || subtle.ConstantTimeCompare([]byte(got), []byte(e.tok)) != 1 {
		writeJSON(w, http.StatusUnauthorized, map[string]string{"error": "invalid or missing API key"})
		return
	}
	if apikey.Weak(e.tok) { // the server's policy for its own write routes
		writeJSON(w, http.StatusForbidden, map[string]string{"error": "inject token is too weak — set a random ingestor.injectToken (or apiKey) of 16+ characters"})
		return
	}
	var req ingest.InjectRequest
	if err := json.NewDecoder(http.MaxBytesReader(w, r.Body, 16<<10)).Decode(&req); err != nil {
		writeJSON(w, http.StatusBadRequest, map[string]string{"error": "invalid JSON body"})
		return
	}
	ctx, cancel := context.WithTimeout(r.Context(), 10*time.Second)
	defer cancel()
	resp, err := e.in.Inject(ctx, req)
	switch {
	case errors.Is(err, ingest.ErrBadPacket):
		writeJSON(w, http.StatusBadRequest, map[string]string{"error": strings.TrimPrefix(err.Error(), ingest.ErrBadPacket.Error()+": ")})
	case errors.Is(err, ingest.ErrQueueFull), errors.Is(err, ingest.ErrClosed):
		writeJSON(w, http.StatusServiceUnavailable, map[string]string{"error": err.Error()})
	case err != nil:
		writeJSON(w, http.StatusInternalServerError, map[string]string{"error": "transmission insert: " + err.Error()})
	default:
		writeJSON(w, http.StatusOK, resp)
	}
}

func writeJSON(w http.ResponseWriter, code int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(code)
	json.NewEncoder(w).Encode(v)
}
