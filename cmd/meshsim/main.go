// Command corescope-meshsim simulates a regional MeshCore mesh and emits its observer
// traffic: published to an MQTT broker at a live pace (-mqtt), written straight into a
// CoreScope SQLite database through the ingest pipeline (-db), or printed as JSON
// lines (-jsonl). See internal/meshsim.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"log/slog"
	"os"
	"os/signal"
	"strings"
	"syscall"
	"time"

	"github.com/corescope/corescope/internal/meshsim"
)

func main() { os.Exit(run()) }

func run() int {
	d, rd := meshsim.DefaultOptions(), meshsim.DefaultRunOptions()
	var out output
	seed := flag.Uint64("seed", d.Seed, "world and traffic seed")
	nodes := flag.Int("nodes", d.Nodes, "number of nodes")
	observers := flag.Int("observers", d.Observers, "number of observers (uploading nodes)")
	channels := flag.String("channels", strings.Join(d.Channels, ","), "hashtag channels besides Public")
	flag.StringVar(&out.broker, "mqtt", "", "publish to this MQTT broker (mqtt://host:1883, tcp://, mqtts://, ws://)")
	flag.StringVar(&out.user, "username", "", "MQTT username")
	flag.StringVar(&out.pass, "password", "", "MQTT password")
	flag.StringVar(&out.db, "db", "", "write into this CoreScope SQLite database instead (created if missing)")
	flag.StringVar(&out.jsonl, "jsonl", "", "write JSON lines to this file instead ('-' = stdout)")
	rate := flag.Float64("rate", -1, "packet messages per second; 0 = as fast as possible (default: 5 with -mqtt, else 0)")
	count := flag.Int64("count", 0, "stop after this many packet messages (0 = until interrupted; -db defaults to 100000)")
	span := flag.Duration("span", rd.Span, "simulated time covered when running as fast as possible (ending now)")
	statusEvery := flag.Duration("status-every", 0, "observer status interval (default: 1m with -mqtt, else 5m)")
	neighborsEvery := flag.Duration("neighbors-every", 0, "observer …/neighbors report interval (default: 2m with -mqtt so a live demo shows configured scopes soon, else 24h)")
	clientRxEvery := flag.Duration("client-rx-every", 0, "mobile-client coverage report interval (default: 20s with -mqtt so a live demo fills the RX Coverage page soon, else 10m)")
	profile := flag.String("profile", "", "dataset shape: realistic (≈5 obs/tx, 200 nodes, 31 observers), fixture (1 obs/tx) or dense (every observer in range); -nodes/-observers/-obs-per-tx override it")
	obsPerTx := flag.Float64("obs-per-tx", 0, "mean observers uploading each transmission (0 = every observer in range, or the profile's)")
	trafficSeed := flag.Uint64("traffic-seed", 0, "traffic seed, when it should differ from -seed (same world, new packets)")
	keysOut := flag.String("write-channel-keys", "", "write the hashtag channels as an ingestor channel-keys JSON file and exit")
	printRegions := flag.Bool("print-scope-regions", false, "print the scope regions of the simulated traffic (comma-separated, for HASH_REGIONS) and exit")
	flag.Parse()
	log := slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: slog.LevelInfo})).With("component", "meshsim")

	opts := d
	opts.Seed, opts.Nodes, opts.Observers, opts.TrafficSeed = *seed, *nodes, *observers, *trafficSeed
	if *profile != "" {
		if err := meshsim.ApplyProfile(&opts, *profile); err != nil {
			log.Error("profile", "err", err)
			return 2
		}
		flag.Visit(func(f *flag.Flag) { // explicit flags win over the profile
			switch f.Name {
			case "nodes":
				opts.Nodes = *nodes
			case "observers":
				opts.Observers = *observers
			}
		})
	}
	if *obsPerTx > 0 {
		opts.ObserversPerTx = *obsPerTx
	}
	opts.Channels = strings.FieldsFunc(*channels, func(r rune) bool { return r == ',' || r == ' ' })
	opts.StatusInterval = *statusEvery
	if opts.StatusInterval <= 0 {
		opts.StatusInterval = d.StatusInterval
		if out.broker != "" {
			opts.StatusInterval = time.Minute
		}
	}
	opts.NeighborsInterval = *neighborsEvery
	if opts.NeighborsInterval <= 0 {
		opts.NeighborsInterval = d.NeighborsInterval
		if out.broker != "" {
			opts.NeighborsInterval = 2 * time.Minute
		}
	}
	if *clientRxEvery > 0 {
		opts.ClientRxInterval = *clientRxEvery
	} else if out.broker != "" && opts.ClientRxInterval > 0 {
		opts.ClientRxInterval = 20 * time.Second
	}
	w, err := meshsim.NewWorld(opts)
	if err != nil {
		log.Error("build world", "err", err)
		return 2
	}
	if *printRegions {
		fmt.Println(strings.Join(w.ScopeRegions(), ","))
		return 0
	}
	if *keysOut != "" {
		if err := writeChannelKeys(w, *keysOut); err != nil {
			log.Error("write channel keys", "err", err)
			return 1
		}
		return 0
	}
	if out.count() != 1 {
		fmt.Fprintln(os.Stderr, "meshsim: give exactly one of -mqtt, -db or -jsonl")
		flag.Usage()
		return 2
	}
	ro := rd
	ro.Rate, ro.Limit, ro.Span = *rate, *count, *span
	if ro.Rate < 0 || out.db != "" {
		ro.Rate = 0
		if out.broker != "" {
			ro.Rate = rd.Rate
		}
	}
	if out.db != "" && ro.Limit == 0 {
		ro.Limit = 100000
	}
	ro.Start = time.Now().Add(-ro.Span)
	ctx, stop := signal.NotifyContext(context.Background(), syscall.SIGINT, syscall.SIGTERM)
	defer stop()

	sink, closeSink, err := out.open(ctx, w, ro.Start, log)
	if err != nil {
		log.Error("open output", "err", err)
		return 1
	}
	log.Info("simulating", "nodes", len(w.Nodes), "observers", len(w.Observers), "obs_per_tx", opts.ObserversPerTx, "rate", ro.Rate, "limit", ro.Limit)
	st, runErr := meshsim.Run(ctx, meshsim.NewGenerator(w), sink, ro)
	closeCtx, cancel := context.WithTimeout(context.Background(), 10*time.Minute)
	defer cancel()
	closeErr := closeSink(closeCtx)
	log.Info("done", "packets", st.Packets, "statuses", st.Statuses, "transmissions", st.Transmissions,
		"elapsed", st.Elapsed.Round(time.Millisecond), "packets_per_sec", int(float64(st.Packets)/max(st.Elapsed.Seconds(), 1e-9)))
	if err := errors.Join(runErr, closeErr); err != nil {
		log.Error("meshsim failed", "err", err)
		return 1
	}
	return 0
}
