package analytics

import "testing"

func TestInPolygon_Square(t *testing.T) {
	sq := [][2]float64{{0, 0}, {0, 10}, {10, 10}, {10, 0}}
	for _, c := range []struct {
		lat, lon float64
		in       bool
	}{{5, 5, true}, {11, 5, false}, {5, -1, false}, {0.1, 9.9, true}} {
		if got := inPolygon(sq, c.lat, c.lon); got != c.in {
			t.Errorf("(%v,%v): got %v, want %v", c.lat, c.lon, got, c.in)
		}
	}
}
