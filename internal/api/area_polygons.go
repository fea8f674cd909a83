package api

import (
	"encoding/json"
	"net/http"
	"sort"
)

// areaPolygon is one /api/config/areas/polygons entry: the shape behind an area key.
type areaPolygon struct {
	Key     string       `json:"key"`
	Label   string       `json:"label"`
	Polygon [][2]float64 `json:"polygon,omitempty"`
	LatMin  *float64     `json:"latMin,omitempty"`
	LatMax  *float64     `json:"latMax,omitempty"`
	LonMin  *float64     `json:"lonMin,omitempty"`
	LonMax  *float64     `json:"lonMax,omitempty"`
}

// getConfigAreaPolygons lists every configured area with its polygon or bounding box,
// sorted by key, for the map overlay and public/area-map.html. An entry that is not a JSON
// object is skipped and logged (config-check reports it too).
func (s *Server) getConfigAreaPolygons(w http.ResponseWriter, r *http.Request) {
	out := []areaPolygon{}
	for k, raw := range s.opts.UI.Areas {
		var a area
		if err := json.Unmarshal(raw, &a); err != nil {
			s.log.Warn("area skipped: not an object", "key", k, "err", err)
			continue
		}
		out = append(out, areaPolygon{Key: k, Label: a.Label, Polygon: a.Polygon, LatMin: a.LatMin, LatMax: a.LatMax, LonMin: a.LonMin, LonMax: a.LonMax})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Key < out[j].Key })
	writeJSON(w, http.StatusOK, out)
}
