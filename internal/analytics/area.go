package analytics

// Area is one config.areas entry: a polygon of [lat,lon] points or a bounding box.
type Area struct {
	Label   string       `json:"label"`
	Polygon [][2]float64 `json:"polygon"`
	LatMin  *float64     `json:"latMin"`
	LatMax  *float64     `json:"latMax"`
	LonMin  *float64     `json:"lonMin"`
	LonMax  *float64     `json:"lonMax"`
}

// Valid reports whether the area has a polygon (3+ points) or a full bounding box.
func (a *Area) Valid() bool {
	return len(a.Polygon) >= 3 || (a.LatMin != nil && a.LatMax != nil && a.LonMin != nil && a.LonMax != nil)
}

// Contains reports whether a GPS position (nil = none) lies inside the area.
func (a *Area) Contains(latP, lonP *float64) bool {
	if latP == nil || lonP == nil {
		return false
	}
	lat, lon := *latP, *lonP
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
