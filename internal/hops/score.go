package hops

import (
	"math"
	"strings"
)

// Per-hop weights of edge affinity, geography, recency and prefix selectivity in
// HopScore (the path inspector's beam search).
const (
	wEdge    = 0.35
	wGeo     = 0.20
	wRecency = 0.15
	wSelect  = 0.30
)

// DistanceKm is the great-circle distance between two known nodes with GPS.
func (r *Resolver) DistanceKm(a, b string) (float64, bool) {
	na, nb := r.nodes[strings.ToLower(a)], r.nodes[strings.ToLower(b)]
	if na == nil || nb == nil || !na.HasGPS || !nb.HasGPS {
		return 0, false
	}
	return HaversineKm(na.Lat, na.Lon, nb.Lat, nb.Lon), true
}

// HaversineKm is the great-circle distance in km on a 6371 km sphere.
func HaversineKm(lat1, lon1, lat2, lon2 float64) float64 {
	const r = 6371.0
	toRad := math.Pi / 180
	dLat, dLon := (lat2-lat1)*toRad, (lon2-lon1)*toRad
	h := math.Sin(dLat/2)*math.Sin(dLat/2) + math.Cos(lat1*toRad)*math.Cos(lat2*toRad)*math.Sin(dLon/2)*math.Sin(dLon/2)
	return 2 * r * math.Asin(math.Min(1, math.Sqrt(h)))
}

// geo scores how plausible a radio hop from a to b is by distance: 1 up to 10 km,
// halving every further 40 km; 0.5 when either end lacks GPS.
func (r *Resolver) geo(a, b string) float64 {
	d, ok := r.DistanceKm(a, b)
	switch {
	case !ok:
		return 0.5
	case d <= 10:
		return 1
	}
	return math.Pow(0.5, (d-10)/40)
}

// recency is 1 for a node heard within a day, decaying to 0 over 30 days; 0.2 when
// its last-seen time is unknown.
func (r *Resolver) recency(key string) float64 {
	n := r.nodes[strings.ToLower(key)]
	if n == nil || n.LastSeen.IsZero() {
		return 0.2
	}
	age := r.now.Sub(n.LastSeen).Hours() / 24
	if age <= 1 {
		return 1
	}
	return math.Max(0, 1-(age-1)/29)
}

// HopScore weighs candidate key after prev ("" at the start of a path) among k
// candidates for its prefix, and returns the link affinity it used.
func (r *Resolver) HopScore(prev, key string, k int) (score, edge float64) {
	edge, geo := 0.5, 0.5
	if prev != "" {
		edge = r.Affinity(prev, key)
		geo = r.geo(prev, key)
	}
	sel := 1.0
	if k > 0 {
		sel = 1 / float64(k)
	}
	return wEdge*edge + wGeo*geo + wRecency*r.recency(key) + wSelect*sel, edge
}
