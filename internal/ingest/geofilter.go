package ingest

import "github.com/corescope/corescope/internal/sidechannel"

// reloadGeoFilter applies the server's geo-filter override (PUT /api/config/geo-filter)
// when there is one: a polygon replaces Options.GeoFilter, an empty one clears the filter.
// Without the file the configured filter stays; an unreadable or untrusted file is logged
// and the filter in force is kept.
func (in *Ingester) reloadGeoFilter() {
	if in.opts.GeoFilterFile == "" {
		return
	}
	g, ok, err := sidechannel.ReadGeoFilter(in.opts.GeoFilterFile)
	if err != nil {
		in.log.Warn("geo filter override ignored", "err", err)
		return
	}
	next := in.opts.GeoFilter
	if ok {
		next = &GeoFilter{}
		if len(g.Polygon) >= 3 {
			next = &GeoFilter{Polygon: g.Polygon, BufferKm: g.BufferKm}
		}
	}
	in.geo.Store(next)
	if ok && g.UpdatedAt != in.geoApplied {
		in.geoApplied = g.UpdatedAt
		in.log.Info("geo filter override applied", "points", len(g.Polygon), "bufferKm", g.BufferKm, "updatedAt", g.UpdatedAt)
	}
}
