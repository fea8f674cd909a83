package api

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strings"
	"time"

	"github.com/corescope/corescope/internal/meshcore"
)

// HexBody is the POST /api/decode body.
type HexBody struct {
	Hex string `json:"hex"`
}

// DecodeResponse is {decoded:{header, path, payload}}.
type DecodeResponse struct {
	Decoded json.RawMessage `json:"decoded"`
}

// decodedJSON renders header, path and payload of a packet (api.md §4.6).
func decodedJSON(p *meshcore.Packet) (json.RawMessage, error) {
	var full map[string]json.RawMessage
	if err := json.Unmarshal(p.AppendJSON(nil), &full); err != nil {
		return nil, fmt.Errorf("encode packet: %w", err)
	}
	return json.Marshal(map[string]json.RawMessage{"header": full["header"], "path": full["path"], "payload": full["payload"]})
}

func (s *Server) decodePacket(w http.ResponseWriter, r *http.Request) {
	var body HexBody
	if err := decodeBody(w, r, s.opts.MaxBodyBytes, &body); err != nil {
		s.writeError(w, r, err)
		return
	}
	hex := strings.Join(strings.Fields(body.Hex), "")
	if hex == "" {
		s.writeError(w, r, errorf(ErrBadRequest, "hex is required"))
		return
	}
	p, err := meshcore.DecodeHex(hex, meshcore.DecodeOptions{Keys: s.opts.ChannelKeys})
	if err != nil {
		s.writeError(w, r, errorf(ErrBadRequest, err.Error()))
		return
	}
	d, err := decodedJSON(p)
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, DecodeResponse{Decoded: d})
}

// InjectRequest is the POST /api/packets body, forwarded to the ingestor.
type InjectRequest struct {
	Hex      string   `json:"hex"`
	Observer string   `json:"observer,omitempty"`
	SNR      *float64 `json:"snr,omitempty"`
	RSSI     *float64 `json:"rssi,omitempty"`
	Region   string   `json:"region,omitempty"`
	Hash     string   `json:"hash,omitempty"`
}

// InjectResponse is {id, decoded} plus the ingestor's observation id, hash and novelty.
type InjectResponse struct {
	ID            int64           `json:"id"`
	ObservationID int64           `json:"observationId"`
	Hash          string          `json:"hash"`
	New           bool            `json:"new"`
	Decoded       json.RawMessage `json:"decoded"`
}

// injectPacket validates and decodes the packet, then hands it to the ingestor's loopback
// injection endpoint: the server never writes (api.md §12 quirk 1, option b).
func (s *Server) injectPacket(w http.ResponseWriter, r *http.Request) {
	var body InjectRequest
	if err := decodeBody(w, r, s.opts.MaxBodyBytes, &body); err != nil {
		s.writeError(w, r, err)
		return
	}
	body.Hex = strings.Join(strings.Fields(body.Hex), "")
	if body.Hex == "" {
		s.writeError(w, r, errorf(ErrBadRequest, "hex is required"))
		return
	}
	p, err := meshcore.DecodeHex(body.Hex, meshcore.DecodeOptions{SkipSignatureCheck: true})
	if err != nil {
		s.writeError(w, r, errorf(ErrBadRequest, err.Error()))
		return
	}
	decoded, err := decodedJSON(p)
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	if s.opts.InjectURL == "" {
		s.writeError(w, r, errorf(ErrUnavailable, "packet injection disabled — ingestor.injectListen is not set"))
		return
	}
	resp, err := s.forwardInject(r.Context(), body)
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	resp.Decoded = decoded
	writeJSON(w, http.StatusOK, resp)
}

func (s *Server) forwardInject(ctx context.Context, body InjectRequest) (InjectResponse, error) {
	b, _ := json.Marshal(body)
	ctx, cancel := context.WithTimeout(ctx, 15*time.Second)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, s.injectURL(), bytes.NewReader(b))
	if err != nil {
		return InjectResponse{}, fmt.Errorf("build inject request: %w", err)
	}
	req.Header.Set("Content-Type", "application/json")
	tok := s.opts.InjectToken
	if tok == "" {
		tok = s.opts.APIKey
	}
	req.Header.Set("X-API-Key", tok)
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		return InjectResponse{}, errorf(ErrUnavailable, "ingestor unreachable")
	}
	defer res.Body.Close()
	raw, _ := io.ReadAll(io.LimitReader(res.Body, 1<<20))
	var out InjectResponse
	var e struct {
		Error string `json:"error"`
	}
	json.Unmarshal(raw, &e)
	switch res.StatusCode {
	case http.StatusOK:
		if err := json.Unmarshal(raw, &out); err != nil {
			return out, fmt.Errorf("decode inject response: %w", err)
		}
		return out, nil
	case http.StatusBadRequest:
		return out, errorf(ErrBadRequest, e.Error)
	case http.StatusServiceUnavailable:
		return out, errorf(ErrUnavailable, "ingestor busy: "+e.Error)
	case http.StatusUnauthorized:
		return out, errors.New("inject: ingestor rejected the inject token")
	case http.StatusForbidden:
		return out, errorf(ErrUnavailable, "packet injection refused by the ingestor: "+e.Error)
	default:
		return out, fmt.Errorf("inject: ingestor status %d: %s", res.StatusCode, e.Error)
	}
}
