package analytics

import "testing"

func TestEvenSample_KeepsOrderAndCap(t *testing.T) {
	s := make([]int, 10_007)
	for i := range s {
		s[i] = i
	}
	got := evenSample(s, maxSNRTrend)
	if len(got) != maxSNRTrend || got[0] != 0 {
		t.Fatalf("%d elements, first %d", len(got), got[0])
	}
	for i := 1; i < len(got); i++ {
		if got[i] <= got[i-1] || got[i]-got[i-1] > 6 {
			t.Fatalf("uneven or unordered at %d: %d after %d", i, got[i], got[i-1])
		}
	}
	if short := evenSample(s[:5], maxSNRTrend); len(short) != 5 {
		t.Fatalf("a short series was cut to %d", len(short))
	}
}
