package meshsim

import (
	"context"
	"testing"
	"time"
)

// BenchmarkGenerator_Step measures whole scenarios: traffic choice, encoding (signing,
// encryption), flood propagation and the observers' JSON messages. It reports packet
// messages (observations) and transmissions generated per second.
func BenchmarkGenerator_Step(b *testing.B) {
	w, err := NewWorld(DefaultOptions())
	if err != nil {
		b.Fatal(err)
	}
	g := NewGenerator(w)
	at := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	var packets int
	b.ReportAllocs()
	b.ResetTimer()
	start := time.Now()
	for i := 0; b.Loop(); i++ {
		msgs, err := g.Step(at.Add(time.Duration(i) * time.Second))
		if err != nil {
			b.Fatal(err)
		}
		for _, m := range msgs {
			if m.Info != nil {
				packets++
			}
		}
	}
	secs := time.Since(start).Seconds()
	b.ReportMetric(float64(packets)/secs, "packets/s")
	b.ReportMetric(float64(g.seq)/secs, "transmissions/s")
}

// BenchmarkRun_LargeWorld measures Run into a discarding sink over a 1000-node,
// 40-observer world (the scale of the 10M-observation dataset).
func BenchmarkRun_LargeWorld(b *testing.B) {
	o := DefaultOptions()
	o.Nodes, o.Observers, o.RadiusKm = 1000, 40, 80
	w, err := NewWorld(o)
	if err != nil {
		b.Fatal(err)
	}
	g := NewGenerator(w)
	n := int64(max(b.N, 1))
	b.ResetTimer()
	st, err := Run(context.Background(), g, discard{}, RunOptions{Limit: n, Span: time.Hour})
	if err != nil {
		b.Fatal(err)
	}
	b.ReportMetric(float64(st.Packets)/st.Elapsed.Seconds(), "packets/s")
}

type discard struct{}

func (discard) Send(context.Context, Message) error { return nil }
