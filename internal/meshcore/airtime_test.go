package meshcore

import (
	"math"
	"testing"
)

func TestAirtimeMs_ReferenceValues(t *testing.T) {
	cases := []struct {
		n    int
		r    Radio
		want float64
	}{
		{8, DefaultRadio(), 242.688},
		{16, DefaultRadio(), 283.648},
		{32, DefaultRadio(), 365.568},
		{64, DefaultRadio(), 529.408},
		{8, Radio{BandwidthKHz: 125, SpreadingFactor: 11, CodingRate: 5, PreambleSymbols: 16}, 626.688},
		{8, Radio{BandwidthKHz: 125, SpreadingFactor: 11, CodingRate: 5}, 626.688}, // default preamble 16
		{0, Radio{BandwidthKHz: 500, SpreadingFactor: 6, CodingRate: 8, PreambleSymbols: 8}, (8 + 4.25 + 8 + 1*8) * 0.128},
		{0, Radio{BandwidthKHz: 125, SpreadingFactor: 12, CodingRate: 5}, (16 + 4.25 + 8) * 32.768}, // numerator ≤ 0: exactly 8 payload symbols
	}
	for _, c := range cases {
		if got := AirtimeMs(c.n, c.r); math.Abs(got-c.want) > 1e-9 {
			t.Errorf("AirtimeMs(%d, %+v) = %v, want %v", c.n, c.r, got, c.want)
		}
	}
}

func TestAirtimeMs_InvalidGivesZero(t *testing.T) {
	for _, r := range []Radio{
		{BandwidthKHz: 0, SpreadingFactor: 8, CodingRate: 5},
		{BandwidthKHz: 62.5, SpreadingFactor: 5, CodingRate: 5},
		{BandwidthKHz: 62.5, SpreadingFactor: 13, CodingRate: 5},
		{BandwidthKHz: 62.5, SpreadingFactor: 8, CodingRate: 4},
		{BandwidthKHz: math.NaN(), SpreadingFactor: 8, CodingRate: 5},
	} {
		if got := AirtimeMs(10, r); got != 0 {
			t.Errorf("AirtimeMs(10, %+v) = %v, want 0", r, got)
		}
	}
	if got := AirtimeMs(-1, DefaultRadio()); got != 0 {
		t.Errorf("AirtimeMs(-1) = %v, want 0", got)
	}
}
