package alerts

import (
	"math"
	"testing"
	"time"
)

var t0 = time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC)

func day(d float64) time.Time { return t0.Add(time.Duration(d * 24 * float64(time.Hour))) }

func near(a, b float64) bool { return math.Abs(a-b) < 1e-9 }

// TestBatteryFitLine_HandComputed: (0,4000) (1,3900) (2,3850) (3,3700): mean x 1.5,
// mean y 3862.5; Sxx = 2.25+0.25+0.25+2.25 = 5; Sxy = -1.5*137.5 -0.5*37.5 +0.5*-12.5
// +1.5*-162.5 = -206.25-18.75-6.25-243.75 = -475; slope -95 mV/day; at day 3 the line
// is 3862.5 + 1.5*-95 = 3720; 3400 is (3720-3400)/95 = 3.368… days later.
func TestBatteryFitLine_HandComputed(t *testing.T) {
	pts := []Point{{day(0), 4000}, {day(1), 3900}, {day(2), 3850}, {day(3), 3700}}
	f, ok := FitLine(pts, day(3))
	if !ok || !near(f.Slope, -95) || !near(f.At, 3720) {
		t.Fatalf("fit %+v ok %v, want slope -95 at 3720", f, ok)
	}
	d, ok := f.DaysToReach(3400)
	if !ok || !near(d, 320.0/95) {
		t.Fatalf("days %v ok %v, want %v", d, ok, 320.0/95)
	}
}

// TestBatteryFitLine_FlatOrRisingNeverReaches: a steady or charging battery has no date.
func TestBatteryFitLine_FlatOrRisingNeverReaches(t *testing.T) {
	for _, pts := range [][]Point{
		{{day(0), 3900}, {day(1), 3900}, {day(2), 3900}},
		{{day(0), 3800}, {day(1), 3900}},
	} {
		f, ok := FitLine(pts, day(2))
		if !ok {
			t.Fatalf("fit failed on %v", pts)
		}
		if d, ok := f.DaysToReach(3400); ok {
			t.Fatalf("%v reaches 3400 in %v days", pts, d)
		}
	}
}

// TestBatteryFitLine_AlreadyBelow: a line already under the threshold reaches it now.
func TestBatteryFitLine_AlreadyBelow(t *testing.T) {
	f, _ := FitLine([]Point{{day(0), 3450}, {day(1), 3350}}, day(1))
	if d, ok := f.DaysToReach(3400); !ok || d != 0 {
		t.Fatalf("days %v ok %v, want 0 true", d, ok)
	}
}

// TestBatteryFitLine_Degenerate: one point, or every point at one time, has no slope.
func TestBatteryFitLine_Degenerate(t *testing.T) {
	if _, ok := FitLine([]Point{{day(0), 3900}}, day(0)); ok {
		t.Fatal("one point fitted")
	}
	if _, ok := FitLine([]Point{{day(1), 3900}, {day(1), 3800}}, day(1)); ok {
		t.Fatal("same-time points fitted")
	}
}

// TestNoiseMedianAndRise_HandComputed: baseline -118,-117,-119,-116 has median
// (-118 + -117)/2 = -117.5; +6 dB is -111.5, so -111,-110 rises and -111,-112 does not.
func TestNoiseMedianAndRise_HandComputed(t *testing.T) {
	base := []float64{-118, -117, -119, -116}
	if m := Median(base); m != -117.5 {
		t.Fatalf("median %v", m)
	}
	if m := Median([]float64{-110, -120, -115}); m != -115 {
		t.Fatalf("odd median %v", m)
	}
	if b, up := NoiseRise(base, []float64{-111, -110}, 6); !up || b != -117.5 {
		t.Fatalf("rise: base %v up %v", b, up)
	}
	if _, up := NoiseRise(base, []float64{-111, -112}, 6); up {
		t.Fatal("one reading under baseline+6 still counted as sustained")
	}
	if _, up := NoiseRise(base, nil, 6); up {
		t.Fatal("no recent readings counted as rising")
	}
}
