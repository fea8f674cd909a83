package api

import (
	"errors"
	"fmt"
	"math"
	"net/http"
	"syscall"
	"time"

	"github.com/corescope/corescope/internal/analytics"
	"github.com/corescope/corescope/internal/apikey"
	"github.com/corescope/corescope/internal/sidechannel"
)

// Geo-filter PUT bounds (api.md §3.1 #9).
const (
	geoFilterMaxBody   = 1 << 20
	geoFilterMaxPoints = 1000
	geoFilterMaxBuffer = 20000
)

// errSaveFailed is a side-channel file that could not be written or read (500, with the
// reason: these routes are operator-only).
var errSaveFailed = errors.New("side-channel file failed")

// geoFilterJSON is the wire shape of GET and PUT /api/config/geo-filter.
// A nil Polygon encodes as null (no filter).
type geoFilterJSON struct {
	Polygon      [][2]float64 `json:"polygon"`
	BufferKm     float64      `json:"bufferKm"`
	WriteEnabled *bool        `json:"writeEnabled,omitempty"`
}

func (s *Server) getConfigGeoFilter(w http.ResponseWriter, r *http.Request) {
	enabled := s.opts.APIKey != "" && !apikey.Weak(s.opts.APIKey)
	out := geoFilterJSON{WriteEnabled: &enabled}
	if g := s.geoFilter(); g.Active() {
		out.Polygon, out.BufferKm = g.Polygon, g.BufferKm
	}
	writeJSON(w, http.StatusOK, out)
}

// putConfigGeoFilter validates the polygon, persists it in the side-channel override file
// (config.json is never rewritten; the ingestor applies the file within its 15 s poll) and
// swaps the server's filter. An empty or missing polygon clears the filter.
func (s *Server) putConfigGeoFilter(w http.ResponseWriter, r *http.Request) {
	var body struct {
		Polygon  [][]float64 `json:"polygon"`
		BufferKm float64     `json:"bufferKm"`
	}
	if err := decodeBody(w, r, geoFilterMaxBody, &body); err != nil {
		s.writeError(w, r, err)
		return
	}
	poly, err := validGeoFilter(body.Polygon, body.BufferKm)
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	if s.opts.GeoFilterFile == "" {
		s.writeError(w, r, errorf(ErrUnavailable, "geo filter cannot be saved: the server has no database path"))
		return
	}
	s.geoMu.Lock()
	defer s.geoMu.Unlock()
	s.geoFilter() // load the file once before replacing it
	rec := sidechannel.GeoFilter{Polygon: poly, BufferKm: body.BufferKm, UpdatedAt: s.opts.Now().UTC().Format(time.RFC3339)}
	if err := sidechannel.WriteGeoFilter(s.opts.GeoFilterFile, rec); err != nil {
		msg := "failed to save geo filter"
		if errors.Is(err, syscall.ENOSPC) {
			msg += ": disk full"
		}
		s.writeError(w, r, errorf(errSaveFailed, msg+" ("+err.Error()+")"))
		return
	}
	var g *analytics.GeoFilter
	if len(poly) > 0 {
		g = &analytics.GeoFilter{Polygon: poly, BufferKm: body.BufferKm}
	}
	s.geo.Store(g)
	s.log.Info("geo filter updated", "points", len(poly), "bufferKm", body.BufferKm)
	out := geoFilterJSON{Polygon: poly, BufferKm: body.BufferKm}
	if poly == nil {
		out.BufferKm = 0
	}
	writeJSON(w, http.StatusOK, out)
}

// validGeoFilter checks a PUT body: no points (clear) or 3–1000 [lat,lon] pairs within
// range, and a finite buffer in [0, 20000] km.
func validGeoFilter(points [][]float64, bufferKm float64) ([][2]float64, error) {
	bad := func(format string, a ...any) error { return errorf(ErrBadRequest, fmt.Sprintf(format, a...)) }
	if math.IsNaN(bufferKm) || math.IsInf(bufferKm, 0) || bufferKm < 0 || bufferKm > geoFilterMaxBuffer {
		return nil, bad("bufferKm must be between 0 and %d", geoFilterMaxBuffer)
	}
	switch n := len(points); {
	case n == 0:
		return nil, nil
	case n < 3:
		return nil, bad("polygon needs at least 3 points, got %d", n)
	case n > geoFilterMaxPoints:
		return nil, bad("polygon has %d points, at most %d allowed", n, geoFilterMaxPoints)
	}
	out := make([][2]float64, len(points))
	for i, p := range points {
		if len(p) != 2 {
			return nil, bad("point %d must be [lat, lon]", i)
		}
		lat, lon := p[0], p[1]
		if math.IsNaN(lat) || math.IsNaN(lon) || lat < -90 || lat > 90 || lon < -180 || lon > 180 {
			return nil, bad("point %d is outside lat [-90, 90] / lon [-180, 180]", i)
		}
		out[i] = [2]float64{lat, lon}
	}
	return out, nil
}
