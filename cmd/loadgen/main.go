// Command corescope-loadgen measures a running CoreScope server: startup-to-ready time
// (polling /api/healthz), resident memory of the server process, and latency
// percentiles and throughput per endpoint at a fixed concurrency; it prints one table.
// `./manage.sh bench` drives it. See internal/meshsim/loadtest.
package main

import (
	"context"
	"flag"
	"fmt"
	"log/slog"
	"net/http"
	"os"
	"os/signal"
	"strings"
	"syscall"
	"time"

	"github.com/corescope/corescope/internal/meshsim/loadtest"
	"github.com/corescope/corescope/internal/schema"
)

func main() { os.Exit(run()) }

func run() int {
	base := flag.String("base", "http://127.0.0.1:3000", "server base URL")
	pid := flag.Int("pid", 0, "server process id, for RSS (0 = skip)")
	startedNs := flag.Int64("started-ns", 0, "server start time in unix nanoseconds (default: now)")
	readyTimeout := flag.Duration("ready-timeout", 10*time.Minute, "how long to wait for /api/healthz")
	conc := flag.Int("concurrency", 50, "concurrent connections per endpoint")
	dur := flag.Duration("duration", 5*time.Second, "measuring time per endpoint")
	paths := flag.String("paths", strings.Join(loadtest.DefaultPaths, ","), "comma-separated endpoint paths")
	obsAnalytics := flag.Bool("observer-analytics", true, "also measure /api/observers/{id}/analytics of the busiest observer")
	details := flag.Bool("details", true, "also measure packet, node and channel-message detail of real rows, the analytics endpoints and /api/channels")
	label := flag.String("label", "", "dataset label for the table")
	dbPath := flag.String("db", "", "dataset database, to report its row counts")
	ing := ingestOptions{}
	flag.StringVar(&ing.broker, "broker", "", "ingest phase only: MQTT broker of a running ingestor (tcp://127.0.0.1:port); writes -ingest-out and exits")
	flag.IntVar(&ing.burst, "burst", 200000, "ingest phase: messages published as fast as possible")
	flag.Float64Var(&ing.rate, "rate", 250, "ingest phase: paced observations per second")
	flag.DurationVar(&ing.paced, "paced", 30*time.Second, "ingest phase: paced publishing time")
	flag.IntVar(&ing.ws, "ws", 500, "ingest phase: WebSocket clients during the paced publishing")
	flag.DurationVar(&ing.poll, "poll", 5*time.Millisecond, "ingest phase: read-only commit poll interval")
	flag.DurationVar(&ing.drain, "drain", 60*time.Second, "ingest phase: stop waiting for commits after this long without a new row")
	flag.IntVar(&ing.window, "window", 20000, "ingest phase: most burst messages published but not yet seen committed")
	flag.StringVar(&ing.stats, "stats", "", "ingest phase: the ingestor's stats file, for queue_drops")
	ingestOut := flag.String("ingest-out", "", "ingest phase: write its result as JSON here")
	ingestIn := flag.String("ingest-in", "", "include the ingest result from this JSON file in the table")
	flag.Parse()
	log := slog.New(slog.NewTextHandler(os.Stderr, nil)).With("component", "loadgen")
	ctx, stop := signal.NotifyContext(context.Background(), syscall.SIGINT, syscall.SIGTERM)
	defer stop()
	if ing.broker != "" {
		ing.base, ing.db = *base, *dbPath
		return ingestMain(ctx, log, ing, *ingestOut)
	}

	started := time.Now()
	if *startedNs > 0 {
		started = time.Unix(0, *startedNs)
	}
	s := loadtest.Summary{Dataset: *label, Concurrency: *conc}
	if *ingestIn != "" {
		in, err := readIngest(*ingestIn)
		if err != nil {
			log.Error("ingest result", "err", err)
			return 1
		}
		s.Ingest = in
	}
	if *dbPath != "" {
		var err error
		if s.Transmission, s.Observations, err = rowCounts(ctx, *dbPath); err != nil {
			log.Error("dataset", "err", err)
			return 1
		}
	}
	rctx, cancel := context.WithTimeout(ctx, *readyTimeout)
	_, err := loadtest.WaitReady(rctx, &http.Client{Timeout: 5 * time.Second}, *base+"/api/healthz", 100*time.Millisecond)
	cancel()
	if err != nil {
		log.Error("server not ready", "err", err)
		return 1
	}
	s.Ready = time.Since(started)
	if *pid > 0 {
		s.RSSReadyKiB, _ = loadtest.RSSKiB(*pid)
	}
	o := loadtest.DefaultOptions(*base)
	o.Concurrency, o.Duration = *conc, *dur
	o.Paths = strings.FieldsFunc(*paths, func(r rune) bool { return r == ',' })
	if *obsAnalytics {
		p, err := loadtest.ObserverAnalyticsPath(ctx, &http.Client{Timeout: 30 * time.Second}, *base)
		if err != nil {
			log.Error("observer analytics path", "err", err)
			return 1
		}
		o.Paths = append(o.Paths, p)
	}
	if *details {
		d, err := detailPaths(ctx, &http.Client{Timeout: 60 * time.Second}, *base)
		if err != nil {
			log.Error("detail paths", "err", err)
			return 1
		}
		o.Paths = append(append(o.Paths, d...), analyticsPaths...)
	}
	if s.Results, err = loadtest.Run(ctx, o); err != nil {
		log.Error("load", "err", err)
		return 1
	}
	if *pid > 0 {
		s.RSSAfterKiB, _ = loadtest.RSSKiB(*pid)
	}
	if err := loadtest.WriteTable(os.Stdout, s); err != nil {
		log.Error("table", "err", err)
		return 1
	}
	return 0
}

func rowCounts(ctx context.Context, path string) (tx, obs int64, err error) {
	db, err := schema.OpenReadOnly(ctx, path, 1)
	if err != nil {
		return 0, 0, err
	}
	defer db.Close()
	if err := db.QueryRowContext(ctx, "SELECT COUNT(*) FROM transmissions").Scan(&tx); err != nil {
		return 0, 0, fmt.Errorf("count transmissions: %w", err)
	}
	if err := db.QueryRowContext(ctx, "SELECT COUNT(*) FROM observations").Scan(&obs); err != nil {
		return 0, 0, fmt.Errorf("count observations: %w", err)
	}
	return tx, obs, nil
}
