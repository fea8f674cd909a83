package sidechannel

import (
	"errors"
	"os"
	"path/filepath"
)

// GeoFilter is geo-filter.json: the polygon ([lat,lon] points) and buffer set through
// PUT /api/config/geo-filter. An empty polygon means the operator cleared the filter.
type GeoFilter struct {
	Polygon   [][2]float64 `json:"polygon"`
	BufferKm  float64      `json:"bufferKm"`
	UpdatedAt string       `json:"updatedAt"`
}

// GeoFilterPath is the override file next to the database at dbPath.
func GeoFilterPath(dbPath string) string {
	return filepath.Join(filepath.Dir(dbPath), "geo-filter.json")
}

// WriteGeoFilter stores g at path.
func WriteGeoFilter(path string, g GeoFilter) error { return writeJSON(path, g) }

// ReadGeoFilter reads the override at path; ok is false when there is none.
func ReadGeoFilter(path string) (g GeoFilter, ok bool, err error) {
	err = readJSON(path, &g)
	if errors.Is(err, os.ErrNotExist) {
		return g, false, nil
	}
	return g, err == nil, err
}
