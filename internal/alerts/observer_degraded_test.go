package alerts

import (
	"context"
	"strings"
	"testing"
	"time"
)

// TestObserverDegraded_BaselineRules: weeks {100, 80, 0, 120} have a median of 100 over
// three non-empty weeks, so 20 packets (20 %) is degraded and 30 (30 %) is not at a 25 %
// limit; one non-empty week is too little history, a median of 10 is too quiet, and an
// observer already offline is left to observer_offline. It fires once and clears.
func TestObserverDegraded_BaselineRules(t *testing.T) {
	rcv := newReceiver(t)
	now := time.Date(2026, 12, 1, 12, 0, 0, 0, time.UTC)
	rates := []ObserverRate{
		{ID: "OBS1", Name: "Roof", Current: 20, Weekly: []int{100, 80, 0, 120}},
		{ID: "OBS2", Current: 0, Weekly: []int{100, 0, 0, 0}},
		{ID: "OBS3", Current: 0, Weekly: []int{10, 10, 10, 10}},
		{ID: "OBS4", Current: 0, Weekly: []int{50, 50, 50, 50}},
	}
	var asked int
	m := New(Options{Webhooks: []string{rcv.srv.URL}, DegradedRatio: 0.25, DegradedWeeks: 4, DegradedMinWeeks: 2, DegradedMinPackets: 20,
		ObserverRates: func(at time.Time, weeks int) ([]ObserverRate, error) {
			asked = weeks
			return rates, nil
		},
		ObserverOffline: time.Hour, Observers: func() ([]Seen, error) {
			return []Seen{{ID: "OBS1", LastSeen: now}, {ID: "OBS4", LastSeen: now.Add(-2 * time.Hour)}}, nil
		},
		Now: func() time.Time { return now }})
	ctx := context.Background()
	for range 3 {
		m.Tick(ctx)
	}
	evs := rcv.take()
	if summary(evs) != "firing observer_degraded OBS1; firing observer_offline OBS4" || asked != 4 {
		t.Fatalf("got %s (weeks asked %d)", summary(evs), asked)
	}
	if !strings.Contains(evs[0].Message, "20 packets in the last hour, 20% of its usual 100") {
		t.Errorf("message: %s", evs[0].Message)
	}
	rates[0].Current = 30
	m.Tick(ctx)
	if got := summary(rcv.take()); got != "resolved observer_degraded OBS1" {
		t.Fatalf("back to 30 %%: %s", got)
	}
}
