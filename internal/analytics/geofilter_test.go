package analytics

import "testing"

func TestGeoFilter_Allows(t *testing.T) {
	f := func(v float64) *float64 { return &v }
	// A 1°×1° square; 0.5° east of its east edge is 55.5 km away (hand-checked: 0.5 × 111).
	g := &GeoFilter{Polygon: [][2]float64{{0, 0}, {0, 1}, {1, 1}, {1, 0}}}
	cases := []struct {
		name     string
		lat, lon *float64
		buffer   float64
		want     bool
	}{
		{"inside", f(0.5), f(0.5), 0, true},
		{"outside", f(0.5), f(1.5), 0, false},
		{"outside but within 60 km buffer", f(0.5), f(1.5), 60, true},
		{"outside beyond 50 km buffer", f(0.5), f(1.5), 50, false},
		{"no GPS", nil, nil, 0, true},
		{"0,0 counts as no GPS", f(0), f(0), 0, true},
	}
	for _, c := range cases {
		g.BufferKm = c.buffer
		if got := g.Allows(c.lat, c.lon); got != c.want {
			t.Errorf("%s: Allows = %v, want %v", c.name, got, c.want)
		}
	}
	if (&GeoFilter{Polygon: [][2]float64{{0, 0}, {1, 1}}}).Allows(f(50), f(50)) != true {
		t.Error("a two-point polygon is no filter")
	}
}
