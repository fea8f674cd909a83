package api

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/corescope/corescope/internal/analytics"
)

// parseHexRes reads ?z= (the map zoom, which is the hex resolution): blank is 12.
func parseHexRes(v string) (int, error) {
	v = strings.TrimSpace(v)
	if v == "" {
		return 12, nil
	}
	n, err := strconv.Atoi(v)
	if err != nil || n < analytics.HexResMin || n > analytics.HexResMax {
		return 0, errorf(ErrBadRequest, fmt.Sprintf("z must be an integer from %d to %d", analytics.HexResMin, analytics.HexResMax))
	}
	return n, nil
}

// parseBBox reads ?bbox=minLat,minLon,maxLat,maxLon; blank is the whole world.
func parseBBox(v string) (*[4]float64, error) {
	v = strings.TrimSpace(v)
	if v == "" {
		return nil, nil
	}
	bad := errorf(ErrBadRequest, "bbox must be minLat,minLon,maxLat,maxLon with -90 ≤ lat ≤ 90, -180 ≤ lon ≤ 180 and min ≤ max")
	parts := strings.Split(v, ",")
	if len(parts) != 4 || len(v) > 200 {
		return nil, bad
	}
	var b [4]float64
	for i, p := range parts {
		f, err := strconv.ParseFloat(strings.TrimSpace(p), 64)
		if err != nil || f != f {
			return nil, bad
		}
		b[i] = f
	}
	if b[0] < -90 || b[2] > 90 || b[1] < -180 || b[3] > 180 || b[0] > b[2] || b[1] > b[3] {
		return nil, bad
	}
	return &b, nil
}
