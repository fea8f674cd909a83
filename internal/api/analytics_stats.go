package api

import (
	"math"
	"sort"
)

// Stats is {min, max, avg, median, stddev} of a sample.
type Stats struct {
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

func describe(v []float64) Stats {
	if len(v) == 0 {
		return Stats{}
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
	return Stats{Min: round2(s[0]), Max: round2(s[len(s)-1]), Avg: round2(avg), Median: round2(med), Stddev: round2(math.Sqrt(ss / float64(len(s))))}
}

// histogram spreads v over n equal-width bins.
func histogram(v []float64, n int) Histogram {
	h := Histogram{Bins: []Bin{}}
	if len(v) == 0 {
		return h
	}
	lo, hi := v[0], v[0]
	for _, x := range v {
		lo, hi = math.Min(lo, x), math.Max(hi, x)
	}
	h.Min, h.Max = round2(lo), round2(hi)
	w := (hi - lo) / float64(n)
	if w == 0 {
		h.Bins = append(h.Bins, Bin{X: round2(lo), W: 1, Count: len(v)})
		return h
	}
	counts := make([]int, n)
	for _, x := range v {
		counts[min(n-1, int((x-lo)/w))]++
	}
	for i, c := range counts {
		h.Bins = append(h.Bins, Bin{X: round2(lo + float64(i)*w), W: round2(w), Count: c})
	}
	return h
}
