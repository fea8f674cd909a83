package meshsim

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"
)

// Sink receives generated messages (an MQTT publisher, a database writer, a file).
type Sink interface {
	Send(ctx context.Context, m Message) error
}

// RunOptions controls how fast and how long Run generates.
type RunOptions struct {
	// Rate is packet messages per second of wall time, stamped with the real clock. The
	// generator's opening advert round is sent unpaced.
	// 0 runs as fast as possible on a simulated clock from Start over Span.
	Rate float64
	// Limit stops after this many packet messages (0 = until ctx is done).
	Limit int64
	// Start and Span place simulated time (Rate 0): message i of Limit happens at
	// Start + Span·i/Limit. Without a Limit scenarios are MeanGap apart.
	Start   time.Time
	Span    time.Duration
	MeanGap time.Duration
	// Now is the wall clock (tests); nil means time.Now.
	Now func() time.Time
}

// DefaultRunOptions returns a live-demo pace: 5 packet messages per second.
func DefaultRunOptions() RunOptions {
	return RunOptions{Rate: 5, Span: 24 * time.Hour, MeanGap: 2 * time.Second}
}

// RunStats counts what Run sent.
type RunStats struct {
	Packets, Statuses int64
	// Reports are …/neighbors reports and client …/regions answers.
	Reports       int64
	Transmissions int64
	Elapsed       time.Duration
}

// Run steps g and hands every message to sink until ctx is done, the limit is reached,
// or the sink fails. A cancelled context is not an error.
func Run(ctx context.Context, g *Generator, sink Sink, ro RunOptions) (RunStats, error) {
	now := ro.Now
	if now == nil {
		now = time.Now
	}
	if ro.Rate < 0 || ro.Limit < 0 || ro.Span < 0 {
		return RunStats{}, fmt.Errorf("run: %w: negative rate, limit or span", ErrOptions)
	}
	if ro.MeanGap <= 0 {
		ro.MeanGap = time.Second
	}
	if ro.Start.IsZero() {
		ro.Start = now().Add(-ro.Span)
	}
	var st RunStats
	began := now()
	next := began
	simAt := ro.Start
	for ro.Limit == 0 || st.Packets < ro.Limit {
		if ctx.Err() != nil {
			break
		}
		at := simAt
		switch {
		case ro.Rate > 0:
			at = now()
		case ro.Limit > 0:
			at = ro.Start.Add(time.Duration(float64(ro.Span) * float64(st.Packets) / float64(ro.Limit)))
		default:
			simAt = simAt.Add(ro.MeanGap/2 + time.Duration(g.rng.Int64N(int64(ro.MeanGap))))
		}
		paced := ro.Rate > 0 && !g.InAdvertRound()
		msgs, err := g.Step(at)
		if err != nil {
			return st, err
		}
		st.Transmissions = g.seq
		for _, m := range msgs {
			if m.Info != nil && ro.Limit > 0 && st.Packets >= ro.Limit {
				break
			}
			if paced && m.Info != nil {
				if t := now(); next.Before(t) {
					next = t // after an unpaced round or a slow sink, do not burst to catch up
				}
				next = next.Add(time.Duration(float64(time.Second) / ro.Rate))
				if err := sleepUntil(ctx, next, now); err != nil {
					st.Elapsed = now().Sub(began)
					return st, nil
				}
			}
			if err := sink.Send(ctx, m); err != nil {
				if errors.Is(err, context.Canceled) {
					break
				}
				return st, fmt.Errorf("send %s: %w", m.Topic, err)
			}
			switch {
			case m.Info != nil:
				st.Packets++
			case strings.HasSuffix(m.Topic, "/status"):
				st.Statuses++
			default:
				st.Reports++
			}
		}
	}
	st.Elapsed = now().Sub(began)
	return st, nil
}

func sleepUntil(ctx context.Context, t time.Time, now func() time.Time) error {
	d := t.Sub(now())
	if d <= 0 {
		return ctx.Err()
	}
	timer := time.NewTimer(d)
	defer timer.Stop()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-timer.C:
		return nil
	}
}
