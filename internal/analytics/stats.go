package analytics

import (
	"math"
	"sort"
)

// SampleStats is {min, max, avg, median, stddev} of a sample, each rounded to 2 places.
type SampleStats struct {
	Min    float64 `json:"min"`
	Max    float64 `json:"max"`
	Avg    float64 `json:"avg"`
	Median float64 `json:"median"`
	Stddev float64 `json:"stddev"`
}

// Bin is one histogram bin starting at X with width W.
type Bin struct {
	X     float64 `json:"x"`
	W     float64 `json:"w"`
	Count int     `json:"count"`
}

// Histogram is {bins, min, max}.
type Histogram struct {
	Bins []Bin   `json:"bins"`
	Min  float64 `json:"min"`
	Max  float64 `json:"max"`
}

// Describe summarises v (zero for an empty sample).
func Describe(v []float64) SampleStats {
	if len(v) == 0 {
		return SampleStats{}
	}
	s := append([]float64(nil), v...)
	sort.Float64s(s)
	sum := 0.0
	for _, x := range s {
		sum += x
	}
	avg := sum / float64(len(s))
	ss := 0.0
	for _, x := range s {
		ss += (x - avg) * (x - avg)
	}
	med := s[len(s)/2]
	if len(s)%2 == 0 {
		med = (s[len(s)/2-1] + s[len(s)/2]) / 2
	}
	return SampleStats{Min: Round2(s[0]), Max: Round2(s[len(s)-1]), Avg: Round2(avg), Median: Round2(med), Stddev: Round2(math.Sqrt(ss / float64(len(s))))}
}

// NewHistogram spreads v over n equal-width bins.
func NewHistogram(v []float64, n int) Histogram {
	h := Histogram{Bins: []Bin{}}
	if len(v) == 0 {
		return h
	}
	lo, hi := v[0], v[0]
	for _, x := range v {
		lo, hi = math.Min(lo, x), math.Max(hi, x)
	}
	h.Min, h.Max = Round2(lo), Round2(hi)
	w := (hi - lo) / float64(n)
	if w == 0 {
		h.Bins = append(h.Bins, Bin{X: Round2(lo), W: 1, Count: len(v)})
		return h
	}
	counts := make([]int, n)
	for _, x := range v {
		counts[min(n-1, int((x-lo)/w))]++
	}
	for i, c := range counts {
		h.Bins = append(h.Bins, Bin{X: Round2(lo + float64(i)*w), W: Round2(w), Count: c})
	}
	return h
}

// Mean accumulates an average of optional values.
type Mean struct {
	Sum float64
	N   int
}

// Add counts v unless it is nil.
func (a *Mean) Add(v *float64) {
	if v != nil {
		a.Sum += *v
		a.N++
	}
}

// Value is the rounded mean, nil before any value.
func (a Mean) Value() *float64 {
	if a.N == 0 {
		return nil
	}
	v := Round2(a.Sum / float64(a.N))
	return &v
}

// Round2 rounds to two decimal places.
func Round2(f float64) float64 { return math.Round(f*100) / 100 }

func deref(p *string) string {
	if p == nil {
		return ""
	}
	return *p
}
