package api

import (
	"encoding/json"
	"net/url"
)

// area is one config.areas entry: a polygon of [lat,lon] points or a bounding box.
type area struct {
	Label   string       `json:"label"`
	Polygon [][2]float64 `json:"polygon"`
	LatMin  *float64     `json:"latMin"`
	LatMax  *float64     `json:"latMax"`
	LonMin  *float64     `json:"lonMin"`
	LonMax  *float64     `json:"lonMax"`
}

// areaParam returns the area named by ?area=, or nil when absent or unknown (§1.5: an
// unknown key is ignored).
func (s *Server) areaParam(q url.Values) *area {
	raw, ok := s.opts.UI.Areas[q.Get("area")]
	if !ok {
		return nil
	}
	var a area
	if json.Unmarshal(raw, &a) != nil {
		return nil
	}
	if len(a.Polygon) < 3 && (a.LatMin == nil || a.LatMax == nil || a.LonMin == nil || a.LonMax == nil) {
		return nil
	}
	return &a
}

// contains reports whether the node's own GPS lies inside the area.
func (a *area) contains(n *NodeRow) bool {
	if n.Lat == nil || n.Lon == nil {
		return false
	}
	lat, lon := *n.Lat, *n.Lon
	if len(a.Polygon) >= 3 {
		return inPolygon(a.Polygon, lat, lon)
	}
	return lat >= *a.LatMin && lat <= *a.LatMax && lon >= *a.LonMin && lon <= *a.LonMax
}

// inPolygon is the even-odd ray test over [lat,lon] vertices.
func inPolygon(poly [][2]float64, lat, lon float64) bool {
	in := false
	for i, j := 0, len(poly)-1; i < len(poly); j, i = i, i+1 {
		yi, xi, yj, xj := poly[i][0], poly[i][1], poly[j][0], poly[j][1]
		if (yi > lat) != (yj > lat) && lon < (xj-xi)*(lat-yi)/(yj-yi)+xi {
			in = !in
		}
	}
	return in
}
