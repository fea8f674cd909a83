package alerts

import (
	"slices"
	"time"
)

// Point is one timed reading of a series (a battery voltage in mV, a noise floor in dBm).
type Point struct {
	At time.Time
	V  float64
}

// LineFit is the least-squares line through a series: Slope in units per day, At the
// fitted value at Ref.
type LineFit struct {
	Slope float64
	At    float64
	Ref   time.Time
}

// FitLine fits a least-squares line to pts and evaluates it at ref; ok is false with
// fewer than two points or when every point has the same time (no slope exists).
func FitLine(pts []Point, ref time.Time) (LineFit, bool) {
	if len(pts) < 2 {
		return LineFit{}, false
	}
	// x is days relative to the first point, which keeps the sums small and exact enough.
	t0 := pts[0].At
	var sx, sy float64
	for _, p := range pts {
		sx += p.At.Sub(t0).Hours() / 24
		sy += p.V
	}
	n := float64(len(pts))
	mx, my := sx/n, sy/n
	var sxx, sxy float64
	for _, p := range pts {
		dx := p.At.Sub(t0).Hours()/24 - mx
		sxx += dx * dx
		sxy += dx * (p.V - my)
	}
	if sxx == 0 {
		return LineFit{}, false
	}
	slope := sxy / sxx
	x := ref.Sub(t0).Hours() / 24
	return LineFit{Slope: slope, At: my + slope*(x-mx), Ref: ref}, true
}

// DaysToReach is how many days after f.Ref the fitted line falls to threshold: 0 when
// it is already at or below it; ok is false when the line is not falling.
func (f LineFit) DaysToReach(threshold float64) (float64, bool) {
	if f.At <= threshold {
		return 0, true
	}
	if f.Slope >= 0 {
		return 0, false
	}
	return (f.At - threshold) / -f.Slope, true
}

// Median is the middle value of vs (the mean of the two middle values for an even
// count); 0 for none. vs is not modified.
func Median(vs []float64) float64 {
	if len(vs) == 0 {
		return 0
	}
	s := slices.Clone(vs)
	slices.Sort(s)
	if len(s)%2 == 1 {
		return s[len(s)/2]
	}
	return (s[len(s)/2-1] + s[len(s)/2]) / 2
}

// NoiseRise compares the recent noise-floor readings with the median of the baseline
// ones: rising when every recent reading is more than riseDB above it (sustained, not a
// single burst). It is false without recent readings.
func NoiseRise(baseline, recent []float64, riseDB float64) (base float64, rising bool) {
	base = Median(baseline)
	if len(recent) == 0 || len(baseline) == 0 {
		return base, false
	}
	return base, slices.Min(recent) > base+riseDB
}
