package analytics

import "math"

// GeoFilter is geo_filter as the server applies it: a polygon of [lat,lon] points and a
// buffer in km around it (flat earth, 111 km per degree, as the ingestor measures it).
type GeoFilter struct {
	Polygon  [][2]float64
	BufferKm float64
}

// Active reports whether the filter has a polygon (3+ points).
func (g *GeoFilter) Active() bool { return g != nil && len(g.Polygon) >= 3 }

// Allows reports whether a position passes: no filter, no GPS (nil or exactly 0,0),
// inside the polygon, or within BufferKm of its edge.
func (g *GeoFilter) Allows(latP, lonP *float64) bool {
	if !g.Active() || latP == nil || lonP == nil || (*latP == 0 && *lonP == 0) {
		return true
	}
	lat, lon := *latP, *lonP
	if inPolygon(g.Polygon, lat, lon) {
		return true
	}
	return g.BufferKm > 0 && edgeDistanceDeg(g.Polygon, lat, lon)*111 <= g.BufferKm
}

// edgeDistanceDeg is the planar distance in degrees from (lat, lon) to the nearest polygon edge.
func edgeDistanceDeg(poly [][2]float64, lat, lon float64) float64 {
	best := math.Inf(1)
	for i, j := 0, len(poly)-1; i < len(poly); j, i = i, i+1 {
		ay, ax, by, bx := poly[j][0], poly[j][1], poly[i][0], poly[i][1]
		dy, dx := by-ay, bx-ax
		t := 0.0
		if l := dx*dx + dy*dy; l > 0 {
			t = math.Max(0, math.Min(1, ((lon-ax)*dx+(lat-ay)*dy)/l))
		}
		best = math.Min(best, math.Hypot(lon-(ax+t*dx), lat-(ay+t*dy)))
	}
	return best
}
