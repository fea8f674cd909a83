// Command corescope-loadgen measures a running CoreScope server: startup-to-ready time
// (polling /api/healthz), resident memory of the server process (VmRSS and its peak
// VmHWM), latency percentiles and throughput per endpoint at a fixed concurrency, then
// (with -broker) ingest of new packets through MQTT into the server's database with the
// server following, and the server's first full analytics pass (from its log); it prints
// one table. `./manage.sh bench` drives it. See internal/meshsim/loadtest.
package main

import (
	"context"
	"flag"
	"log/slog"
	"net/http"
	"os"
	"os/signal"
	"strings"
	"syscall"
	"time"

	"github.com/corescope/corescope/internal/meshsim"
	"github.com/corescope/corescope/internal/meshsim/loadtest"
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
	shapeDB := flag.String("dataset", "", "dataset database whose shape the table header shows (default: -db)")
	shapeIn := flag.String("shape-in", "", "read the dataset's shape from this JSON file (written by -shape-out) instead of counting rows")
	shapeOut := flag.String("shape-out", "", "count the rows of -dataset, write its shape as JSON here and exit")
	serverLog := flag.String("server-log", "", "server log file, for the first full analytics pass duration")
	passWait := flag.Duration("analytics-wait", 10*time.Minute, "how long after the last phase to wait for the first analytics pass")
	ing := ingestOptions{}
	flag.StringVar(&ing.db, "db", "", "the server's database: its shape, and the ingest phase's commits")
	flag.StringVar(&ing.broker, "broker", "", "run the ingest phase through this MQTT broker of a running ingestor (tcp://127.0.0.1:port) writing -db")
	flag.IntVar(&ing.burst, "burst", 200000, "ingest phase: messages (observations) published as fast as possible")
	flag.IntVar(&ing.burstWS, "burst-ws", 20, "ingest phase: WebSocket clients during the burst")
	flag.Float64Var(&ing.rate, "rate", 250, "ingest phase: paced observations per second")
	flag.DurationVar(&ing.paced, "paced", 30*time.Second, "ingest phase: paced publishing time")
	flag.IntVar(&ing.ws, "ws", 500, "ingest phase: WebSocket clients during the paced publishing")
	flag.DurationVar(&ing.poll, "poll", 5*time.Millisecond, "ingest phase: read-only commit poll interval")
	flag.DurationVar(&ing.drain, "drain", 60*time.Second, "ingest phase: stop waiting for commits after this long without a new row")
	flag.IntVar(&ing.window, "window", 20000, "ingest phase: most burst messages published but not yet seen committed")
	flag.StringVar(&ing.stats, "stats", "", "ingest phase: the ingestor's stats file, for queue_drops")
	d := meshsim.DefaultOptions()
	flag.Uint64Var(&ing.world.seed, "seed", d.Seed, "ingest phase: the dataset's simulator seed (same world)")
	flag.Uint64Var(&ing.world.trafficSeed, "traffic-seed", 0x5eed, "ingest phase: traffic seed, different from the dataset's so every packet is new")
	flag.StringVar(&ing.world.profile, "profile", "realistic", "ingest phase: the dataset's profile (realistic, fixture, dense)")
	flag.IntVar(&ing.world.nodes, "nodes", 0, "ingest phase: the dataset's node count (0 = the profile's)")
	flag.IntVar(&ing.world.observers, "observers", 0, "ingest phase: the dataset's observer count (0 = the profile's)")
	flag.Float64Var(&ing.world.obsPerTx, "obs-per-tx", 0, "ingest phase: mean observers per new packet (0 = the profile's)")
	flag.Parse()
	log := slog.New(slog.NewTextHandler(os.Stderr, nil)).With("component", "loadgen")
	ctx, stop := signal.NotifyContext(context.Background(), syscall.SIGINT, syscall.SIGTERM)
	defer stop()

	started := time.Now()
	if *startedNs > 0 {
		started = time.Unix(0, *startedNs)
	}
	s := loadtest.Summary{Dataset: *label, Concurrency: *conc}
	if *shapeDB == "" {
		*shapeDB = ing.db
	}
	var err error
	switch {
	case *shapeOut != "":
		if s.Shape, err = datasetShape(ctx, *shapeDB); err == nil {
			err = writeShape(*shapeOut, s.Shape)
		}
		if err != nil {
			log.Error("dataset", "err", err)
			return 1
		}
		return 0
	case *shapeIn != "":
		s.Shape, err = readShape(*shapeIn)
	case *shapeDB != "":
		s.Shape, err = datasetShape(ctx, *shapeDB)
	}
	if err != nil {
		log.Error("dataset", "err", err)
		return 1
	}
	rctx, cancel := context.WithTimeout(ctx, *readyTimeout)
	_, err = loadtest.WaitReady(rctx, &http.Client{Timeout: 5 * time.Second}, *base+"/api/healthz", 100*time.Millisecond)
	cancel()
	if err != nil {
		log.Error("server not ready", "err", err)
		return 1
	}
	s.Ready = time.Since(started)
	if *pid > 0 {
		s.RSSReadyKiB, _ = loadtest.RSSKiB(*pid)
		s.RSSLoadPeakKiB, _ = loadtest.HWMKiB(*pid)
	}
	if s.Results, err = endpointLoad(ctx, *base, *conc, *dur, *paths, *obsAnalytics, *details); err != nil {
		log.Error("load", "err", err)
		return 1
	}
	if *pid > 0 {
		s.RSSAfterKiB, _ = loadtest.RSSKiB(*pid)
	}
	if ing.broker != "" {
		ing.base = *base
		if ing.db == "" {
			log.Error("the ingest phase needs -db (the database the ingestor writes)")
			return 2
		}
		log.Info("ingest phase", "burst", ing.burst, "paced", ing.paced)
		if s.Ingest, err = runIngest(ctx, ing); err != nil {
			log.Error("ingest phase", "err", err)
			return 1
		}
	}
	if *serverLog != "" {
		s.AnalyticsPass = waitAnalyticsPass(ctx, *serverLog, *passWait)
	}
	if *pid > 0 {
		s.RSSPeakKiB, _ = loadtest.HWMKiB(*pid)
	}
	if err := loadtest.WriteTable(os.Stdout, s); err != nil {
		log.Error("table", "err", err)
		return 1
	}
	return 0
}

// endpointLoad measures every endpoint at conc connections for dur each.
func endpointLoad(ctx context.Context, base string, conc int, dur time.Duration, paths string, obsAnalytics, details bool) ([]loadtest.Result, error) {
	o := loadtest.DefaultOptions(base)
	o.Concurrency, o.Duration = conc, dur
	o.Paths = strings.FieldsFunc(paths, func(r rune) bool { return r == ',' })
	if obsAnalytics {
		p, err := loadtest.ObserverAnalyticsPath(ctx, &http.Client{Timeout: 30 * time.Second}, base)
		if err != nil {
			return nil, err
		}
		o.Paths = append(o.Paths, p)
	}
	if details {
		d, err := detailPaths(ctx, &http.Client{Timeout: 60 * time.Second}, base)
		if err != nil {
			return nil, err
		}
		o.Paths = append(append(o.Paths, d...), analyticsPaths...)
	}
	return loadtest.Run(ctx, o)
}
