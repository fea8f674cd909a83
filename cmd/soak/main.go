// Command corescope-soak drives a running CoreScope stack for a fixed time the way
// issue #10's load item describes and prints one report: it publishes unique packets to
// MQTT at -rate observations per second, holds -ws WebSocket clients on /ws (-slow of
// them deliberately stop reading) and -api concurrent REST clients, samples the server's
// RSS, and finally compares published with stored rows. `./manage.sh soak` starts the
// stack on free ports and runs it (scripts/manage/soak.sh). Exit status 1 when any
// check fails: API errors, lost messages, a dropped normal client, or a slow client
// that was never dropped.
package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"os/signal"
	"sync"
	"syscall"
	"time"
)

type options struct {
	base, broker, db, stats string
	pid                     int
	rate                    float64
	observers, ws, slow     int
	api                     int
	duration, drain, think  time.Duration
}

func main() { os.Exit(run()) }

func run() int {
	var o options
	flag.StringVar(&o.base, "base", "http://127.0.0.1:3000", "server base URL")
	flag.StringVar(&o.broker, "broker", "tcp://127.0.0.1:1883", "MQTT broker (tcp://host:port)")
	flag.StringVar(&o.db, "db", "", "database path, to count stored rows (read-only)")
	flag.StringVar(&o.stats, "stats", "", "ingestor stats file, for queue depth")
	flag.IntVar(&o.pid, "pid", 0, "server process id, for RSS (0 = skip)")
	flag.Float64Var(&o.rate, "rate", 250, "observations per second to publish")
	flag.IntVar(&o.observers, "observers", 10, "synthetic observers sharing the rate")
	flag.IntVar(&o.ws, "ws", 500, "WebSocket clients in total")
	flag.IntVar(&o.slow, "slow", 10, "of those, clients that stop reading (must be dropped)")
	flag.IntVar(&o.api, "api", 50, "concurrent REST clients")
	flag.DurationVar(&o.think, "think", 100*time.Millisecond, "pause between one API client's requests (0 = back to back)")
	flag.DurationVar(&o.duration, "duration", 5*time.Minute, "load duration")
	flag.DurationVar(&o.drain, "drain", 60*time.Second, "how long to wait for the ingestor to catch up afterwards")
	flag.Parse()
	if o.rate <= 0 || o.ws < o.slow || o.api < 0 || o.duration <= 0 || o.observers < 1 {
		fmt.Fprintln(os.Stderr, "soak: need -rate > 0, -ws ≥ -slow, -api ≥ 0, -observers ≥ 1, -duration > 0")
		return 2
	}
	ctx, stop := signal.NotifyContext(context.Background(), syscall.SIGINT, syscall.SIGTERM)
	defer stop()

	before, err := storedRows(o.db)
	if err != nil {
		fmt.Fprintln(os.Stderr, "soak:", err)
		return 1
	}
	ws := newWSFleet(o)
	if err := ws.connect(ctx); err != nil {
		fmt.Fprintln(os.Stderr, "soak:", err)
		return 1
	}
	r := &report{opts: o, started: time.Now()}
	lctx, cancel := context.WithTimeout(ctx, o.duration)
	defer cancel()
	var wg sync.WaitGroup
	go func() { <-lctx.Done(); r.setLoadEnd(time.Now()) }()
	wg.Add(5)
	go func() { defer wg.Done(); r.stall = schedDelay(lctx) }()
	go func() { defer wg.Done(); r.publish = publishLoad(lctx, o) }()
	go func() { defer wg.Done(); r.api = apiLoad(lctx, o) }()
	go func() { defer wg.Done(); r.rss, r.queueMax = sample(lctx, o) }()
	go func() { defer wg.Done(); ws.run(lctx) }()
	wg.Wait()
	r.setLoadEnd(time.Now()) // no-op: the watcher above recorded the end of the load window
	r.ws = ws.result()
	r.serverWS = serverWSMetrics(ctx, o.base)
	r.stored, r.drained = drain(ctx, o, before, r.publish.sent)
	return r.print(os.Stdout)
}
