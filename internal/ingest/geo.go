package ingest

import "math"

// allows reports whether an advert position passes the geo filter g (nil = none).
// Missing coordinates and exactly 0,0 always pass (§2.8).
func (g *GeoFilter) allows(lat, lon *float64) bool {
	if g == nil || lat == nil || lon == nil || (*lat == 0 && *lon == 0) {
		return true
	}
	la, lo := *lat, *lon
	if len(g.Polygon) >= 3 {
		if pointInPolygon(la, lo, g.Polygon) {
			return true
		}
		return g.BufferKm > 0 && distanceToPolygonKm(la, lo, g.Polygon) <= g.BufferKm
	}
	if g.LatMin != nil && la < *g.LatMin || g.LatMax != nil && la > *g.LatMax {
		return false
	}
	if g.LonMin != nil && lo < *g.LonMin || g.LonMax != nil && lo > *g.LonMax {
		return false
	}
	return true
}

func pointInPolygon(lat, lon float64, poly [][2]float64) bool {
	inside := false
	for i, j := 0, len(poly)-1; i < len(poly); j, i = i, i+1 {
		yi, xi := poly[i][0], poly[i][1]
		yj, xj := poly[j][0], poly[j][1]
		if (yi > lat) != (yj > lat) && lon < (xj-xi)*(lat-yi)/(yj-yi)+xi {
			inside = !inside
		}
	}
	return inside
}

// distanceToPolygonKm is the flat-earth (111 km per degree) distance to the nearest edge.
func distanceToPolygonKm(lat, lon float64, poly [][2]float64) float64 {
	best := math.Inf(1)
	for i, j := 0, len(poly)-1; i < len(poly); j, i = i, i+1 {
		best = math.Min(best, segDist(lat, lon, poly[j], poly[i]))
	}
	return best * 111
}

func segDist(py, px float64, a, b [2]float64) float64 {
	ay, ax, by, bx := a[0], a[1], b[0], b[1]
	dy, dx := by-ay, bx-ax
	t := 0.0
	if l := dx*dx + dy*dy; l > 0 {
		t = math.Max(0, math.Min(1, ((px-ax)*dx+(py-ay)*dy)/l))
	}
	return math.Hypot(px-(ax+t*dx), py-(ay+t*dy))
}
