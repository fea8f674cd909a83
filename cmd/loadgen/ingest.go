package main

import (
	"context"
	"fmt"
	"sync/atomic"
	"time"

	"github.com/corescope/corescope/internal/meshsim/loadtest"
	"github.com/corescope/corescope/internal/statsfile"
	paho "github.com/eclipse/paho.mqtt.golang"
)

// ingestOptions configures the MQTT → ingestor → server phase.
type ingestOptions struct {
	base, broker, db string
	world            worldFlags    // the dataset's simulated world, for new packets of it
	burst            int           // messages in the as-fast-as-possible burst
	burstWS          int           // WebSocket clients during the burst
	rate             float64       // paced observations per second
	paced            time.Duration // paced phase length
	ws               int           // WebSocket clients during the paced phase
	poll             time.Duration // read-only commit poll interval
	drain            time.Duration // give up waiting for commits after this much silence
	window           int           // burst: most messages published but not yet seen committed
	stats            string        // the ingestor's stats file, for queue_drops ("" = skip)
}

// runIngest publishes a burst and then a paced stream of new packets to the broker and
// measures what the ingestor commits and what the server's /ws clients receive.
func runIngest(ctx context.Context, o ingestOptions) (*loadtest.Ingest, error) {
	if o.burst < 1 || o.burstWS < 0 || o.rate <= 0 || o.paced <= 0 || o.ws < 1 || o.poll <= 0 || o.window < 1 {
		return nil, fmt.Errorf("ingest phase: need burst ≥ 1, burst-ws ≥ 0, rate > 0, paced > 0, ws ≥ 1, poll > 0, window ≥ 1")
	}
	src, err := newPacketSource(o.world)
	if err != nil {
		return nil, fmt.Errorf("ingest phase: %w", err)
	}
	w, err := openWatcher(ctx, o.db, o.poll)
	if err != nil {
		return nil, err
	}
	defer w.close()
	wctx, stopWatch := context.WithCancel(ctx)
	watched := make(chan struct{})
	go func() { defer close(watched); w.run(wctx) }()
	defer func() { stopWatch(); <-watched }()
	p, err := newPublisher(o.broker, src)
	if err != nil {
		return nil, err
	}
	defer p.close()
	res := &loadtest.Ingest{PacedRate: o.rate, PacedFor: o.paced, PollEvery: o.poll, Window: o.window}
	drops0 := queueDrops(o.stats)

	// Burst: QoS 1 as fast as the broker acknowledges, with at most o.window messages
	// not yet seen committed, so the ingestor's bounded queue is not simply overrun.
	bfleet, err := dialFleet(ctx, o.base, o.burstWS)
	if err != nil {
		return nil, err
	}
	bsent := newSentTimes()
	var bclosing atomic.Bool
	breaders := bfleet.read(bsent, &bclosing)
	start := time.Now()
	gate := func(sent int) {
		for ctx.Err() == nil {
			if n, _ := w.state(); sent-n < o.window {
				return
			}
			time.Sleep(time.Millisecond)
		}
	}
	if err := sendN(ctx, p, o.burst, 0, bsent, gate); err != nil {
		bfleet.close()
		return nil, err
	}
	res.BurstSent = o.burst
	res.ObsPerTx = float64(o.burst) / float64(max(bsent.len(), 1))
	waitRows(ctx, w, o.burst, o.drain)
	n, lastAt := w.state()
	res.BurstCommitted = min(n, o.burst)
	if n > 0 {
		res.BurstRate = float64(n) / lastAt.Sub(start).Seconds()
	}
	bfleet.settle(ctx, int64(o.burst)*int64(o.burstWS), 2*time.Second, 60*time.Second) // the server follows, frames arrive
	if o.burstWS == 0 {
		time.Sleep(5 * time.Second) // let the server follow the burst before the paced phase
	}
	res.BurstWS = bfleet.result(&bclosing, breaders, o.burst, lastAt.Sub(start))

	// Paced: o.rate per second for o.paced, with o.ws clients on /ws.
	fleet, err := dialFleet(ctx, o.base, o.ws)
	if err != nil {
		return nil, err
	}
	sent := newSentTimes()
	var closing atomic.Bool
	readers := fleet.read(sent, &closing)
	count := int(o.rate * o.paced.Seconds())
	before, _ := w.state()
	if err := sendN(ctx, p, count, time.Duration(float64(time.Second)/o.rate), sent, nil); err != nil {
		fleet.close()
		return nil, err
	}
	res.PacedSent, res.PacedPackets = count, sent.len()
	waitRows(ctx, w, before+count, o.drain)
	fleet.settle(ctx, int64(count)*int64(o.ws), 2*time.Second, 60*time.Second) // frames still in flight to the clients
	res.WS = fleet.result(&closing, readers, count, o.paced)
	var commit []time.Duration
	sent.mu.RLock()
	for h, t := range sent.m {
		if at, ok := w.seenAt(h); ok {
			commit = append(commit, at.Sub(t))
		}
	}
	sent.mu.RUnlock()
	res.Commit = loadtest.Summarize(commit)
	res.QueueDrops = queueDrops(o.stats) - drops0
	return res, nil
}

// sendN publishes n messages, one every interval (0 = back to back), recording each
// publish time in sent when it is not nil and calling gate(i) (when not nil) before
// message i, and waits for every acknowledgement.
func sendN(ctx context.Context, p *publisher, n int, interval time.Duration, sent *sentTimes, gate func(int)) error {
	pending := make(chan paho.Token, 1000)
	failed := make(chan int, 1)
	go func() {
		bad := 0
		for tok := range pending {
			if !tok.WaitTimeout(30*time.Second) || tok.Error() != nil {
				bad++
			}
		}
		failed <- bad
	}()
	next := time.Now()
	var err error
	for i := 0; i < n && ctx.Err() == nil; i++ {
		if gate != nil {
			gate(i)
		}
		topic, body, hash, merr := p.message()
		if merr != nil {
			err = merr
			break
		}
		if sent != nil {
			sent.put(hash, time.Now())
		}
		pending <- p.c.Publish(topic, 1, false, body)
		if interval > 0 {
			next = next.Add(interval)
			if d := time.Until(next); d > 0 {
				time.Sleep(d)
			}
		}
	}
	close(pending)
	if bad := <-failed; bad > 0 && err == nil {
		err = fmt.Errorf("publish: %d of %d messages not acknowledged", bad, n)
	}
	if err == nil {
		err = ctx.Err()
	}
	return err
}

// waitRows waits until the watcher has seen want rows, or nothing new arrived for quiet.
func waitRows(ctx context.Context, w *commitWatcher, want int, quiet time.Duration) {
	last, lastChange := -1, time.Now()
	for ctx.Err() == nil {
		n, _ := w.state()
		if n >= want {
			return
		}
		if n != last {
			last, lastChange = n, time.Now()
		} else if time.Since(lastChange) > quiet {
			return
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// queueDrops reads queue_drops from the ingestor's stats file (0 when unknown).
func queueDrops(path string) int64 {
	if path == "" {
		return 0
	}
	st, _, err := statsfile.Read(path)
	if err != nil {
		return 0
	}
	return st.QueueDrops
}
