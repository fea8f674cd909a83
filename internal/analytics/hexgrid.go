package analytics

import (
	"math"
	"strconv"
	"strings"
)

// Hex bins for coverage maps: pointy-top hexagons laid on the Web Mercator plane, so a
// cell looks the same size on screen at every latitude. Resolution r is the Leaflet zoom
// it is drawn best at: the hexagon spans about hexTargetPx pixels there. A cell id is
// "r:q:s" (axial coordinates).
const (
	mercatorRadius = 6378137.0
	metresPerPxZ0  = 156543.03392
	hexTargetPx    = 28.0
	mercatorMaxLat = 85.05112878
	// HexResMin and HexResMax bound the resolution a request may ask for.
	HexResMin, HexResMax = 3, 18
)

func hexSize(res int) float64 { return hexTargetPx / 2 * metresPerPxZ0 / math.Pow(2, float64(res)) }

func toMercator(lat, lon float64) (x, y float64) {
	lat = math.Max(-mercatorMaxLat, math.Min(mercatorMaxLat, lat))
	return mercatorRadius * lon * math.Pi / 180, mercatorRadius * math.Log(math.Tan(math.Pi/4+lat*math.Pi/360))
}

func fromMercator(x, y float64) (lat, lon float64) {
	return (2*math.Atan(math.Exp(y/mercatorRadius)) - math.Pi/2) * 180 / math.Pi, x / mercatorRadius * 180 / math.Pi
}

// HexCell returns the id of the cell at resolution res that holds (lat, lon).
func HexCell(lat, lon float64, res int) string {
	x, y := toMercator(lat, lon)
	size := hexSize(res)
	q := (math.Sqrt(3)/3*x - y/3) / size
	r := 2.0 / 3 * y / size
	qi, ri := cubeRound(q, r)
	return strconv.Itoa(res) + ":" + strconv.Itoa(qi) + ":" + strconv.Itoa(ri)
}

// cubeRound rounds fractional axial coordinates to the nearest hexagon.
func cubeRound(q, r float64) (int, int) {
	s := -q - r
	rq, rr, rs := math.Round(q), math.Round(r), math.Round(s)
	dq, dr, ds := math.Abs(rq-q), math.Abs(rr-r), math.Abs(rs-s)
	switch {
	case dq > dr && dq > ds:
		rq = -rr - rs
	case dr > ds:
		rr = -rq - rs
	}
	return int(rq), int(rr)
}

// HexRing returns the closed outline of a cell as GeoJSON [lon, lat] pairs; ok is
// false for a malformed id.
func HexRing(cell string) ([][2]float64, bool) {
	p := strings.Split(cell, ":")
	if len(p) != 3 {
		return nil, false
	}
	res, e1 := strconv.Atoi(p[0])
	q, e2 := strconv.Atoi(p[1])
	r, e3 := strconv.Atoi(p[2])
	if e1 != nil || e2 != nil || e3 != nil {
		return nil, false
	}
	size := hexSize(res)
	cx := size * (math.Sqrt(3)*float64(q) + math.Sqrt(3)/2*float64(r))
	cy := size * 1.5 * float64(r)
	ring := make([][2]float64, 0, 7)
	for i := 0; i < 6; i++ {
		a := math.Pi / 180 * float64(60*i-30)
		lat, lon := fromMercator(cx+size*math.Cos(a), cy+size*math.Sin(a))
		ring = append(ring, [2]float64{round6(lon), round6(lat)})
	}
	return append(ring, ring[0]), true
}

func round6(v float64) float64 { return math.Round(v*1e6) / 1e6 }
