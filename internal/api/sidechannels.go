package api

import (
	"path/filepath"

	"github.com/corescope/corescope/internal/analytics"
	"github.com/corescope/corescope/internal/sidechannel"
)

// initSideChannels fills the side-channel paths from DBPath (no I/O).
func (s *Server) initSideChannels() {
	if p := s.opts.DBPath; p != "" {
		if s.opts.PruneDir == "" {
			s.opts.PruneDir = sidechannel.PruneDir(p)
		}
		if s.opts.GeoFilterFile == "" {
			s.opts.GeoFilterFile = sidechannel.GeoFilterPath(p)
		}
		if s.opts.BackupDir == "" {
			s.opts.BackupDir = filepath.Dir(p)
		}
	}
	s.backupSlot = make(chan struct{}, 1)
}

// geoFilter returns the geo filter in force (nil = none): config.json's geo_filter,
// replaced by the override file when one exists (the rule the ingestor applies too). The
// file is read on first use, so New stays free of I/O; later PUTs swap the pointer.
func (s *Server) geoFilter() *analytics.GeoFilter {
	s.geoOnce.Do(s.loadGeoFilter)
	return s.geo.Load()
}

func (s *Server) loadGeoFilter() {
	var g *analytics.GeoFilter
	if c := s.opts.UI.GeoFilter; c != nil && len(c.Polygon) > 0 {
		g = &analytics.GeoFilter{Polygon: c.Polygon, BufferKm: c.BufferKm}
	}
	if s.opts.GeoFilterFile != "" {
		o, ok, err := sidechannel.ReadGeoFilter(s.opts.GeoFilterFile)
		switch {
		case err != nil:
			s.log.Warn("geo filter override ignored", "err", err)
		case ok:
			g = &analytics.GeoFilter{Polygon: o.Polygon, BufferKm: o.BufferKm}
		}
	}
	s.geo.Store(g)
}
