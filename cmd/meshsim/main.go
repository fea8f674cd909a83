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
	"github.com/corescope/corescope/internal/mqttsource"
)

func main() { os.Exit(run()) }

func run() int {
	d, rd := meshsim.DefaultOptions(), meshsim.DefaultRunOptions()
	seed := flag.Uint64("seed", d.Seed, "world and traffic seed")
	nodes := flag.Int("nodes", d.Nodes, "number of nodes")
	observers := flag.Int("observers", d.Observers, "number of observers (uploading nodes)")
	channels := flag.String("channels", strings.Join(d.Channels, ","), "hashtag channels besides Public")
	broker := flag.String("mqtt", "", "publish to this MQTT broker (mqtt://host:1883, tcp://, mqtts://, ws://)")
	user := flag.String("username", "", "MQTT username")
	pass := flag.String("password", "", "MQTT password")
	dbPath := flag.String("db", "", "write into this CoreScope SQLite database instead (created if missing)")
	jsonl := flag.String("jsonl", "", "write JSON lines to this file instead ('-' = stdout)")
	rate := flag.Float64("rate", -1, "packet messages per second; 0 = as fast as possible (default: 5 for -mqtt, 0 otherwise)")
	count := flag.Int64("count", 0, "stop after this many packet messages (0 = run until interrupted; -db defaults to 100000)")
	span := flag.Duration("span", rd.Span, "simulated time the messages cover when running as fast as possible (ends now)")
	flag.Parse()

	log := slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: slog.LevelInfo})).With("component", "meshsim")
	outputs := 0
	for _, s := range []string{*broker, *dbPath, *jsonl} {
		if s != "" {
			outputs++
		}
	}
	if outputs != 1 {
		fmt.Fprintln(os.Stderr, "meshsim: give exactly one of -mqtt, -db or -jsonl")
		flag.Usage()
		return 2
	}
	opts := d
	opts.Seed, opts.Nodes, opts.Observers = *seed, *nodes, *observers
	opts.Channels = strings.FieldsFunc(*channels, func(r rune) bool { return r == ',' || r == ' ' })
	w, err := meshsim.NewWorld(opts)
	if err != nil {
		log.Error("build world", "err", err)
		return 2
	}
	ro := rd
	ro.Rate, ro.Limit, ro.Span = *rate, *count, *span
	if ro.Rate < 0 {
		ro.Rate = 0
		if *broker != "" {
			ro.Rate = rd.Rate
		}
	}
	if *dbPath != "" {
		ro.Rate = 0
		if ro.Limit == 0 {
			ro.Limit = 100000
		}
	}
	ro.Start = time.Now().Add(-ro.Span)
	ctx, stop := signal.NotifyContext(context.Background(), syscall.SIGINT, syscall.SIGTERM)
	defer stop()

	var sink meshsim.Sink
	var closeSink func(context.Context) error
	switch {
	case *broker != "":
		po := mqttsource.DefaultPublisherOptions(*broker, fmt.Sprintf("corescope-meshsim-%d", os.Getpid()))
		po.Username, po.Password = *user, *pass
		p, err := mqttsource.NewPublisher(po)
		if err == nil {
			err = p.Open(ctx)
		}
		if err != nil {
			log.Error("mqtt", "err", err)
			return 1
		}
		sink, closeSink = mqttSink{p}, p.Close
	case *dbPath != "":
		s, err := openDBSink(ctx, *dbPath, w, ro.Start, log)
		if err != nil {
			log.Error("database", "err", err)
			return 1
		}
		sink = s
		closeSink = func(ctx context.Context) error {
			t, err := s.Close(ctx)
			log.Info("database written", "path", *dbPath, "transmissions", t.tx, "observations", t.obs, "queue_drops", t.drops)
			return err
		}
	default:
		f := os.Stdout
		if *jsonl != "-" {
			if f, err = os.Create(*jsonl); err != nil {
				log.Error("jsonl", "err", err)
				return 1
			}
		}
		j := meshsim.NewJSONLines(f)
		sink = j
		closeSink = func(context.Context) error { return errors.Join(j.Flush(), f.Close()) }
	}
	log.Info("simulating", "nodes", len(w.Nodes), "observers", len(w.Observers), "rate", ro.Rate, "limit", ro.Limit)
	st, runErr := meshsim.Run(ctx, meshsim.NewGenerator(w), sink, ro)
	closeCtx, cancel := context.WithTimeout(context.Background(), 10*time.Minute)
	defer cancel()
	closeErr := closeSink(closeCtx)
	secs := st.Elapsed.Seconds()
	log.Info("done", "packets", st.Packets, "statuses", st.Statuses, "transmissions", st.Transmissions,
		"elapsed", st.Elapsed.Round(time.Millisecond), "packets_per_sec", int(float64(st.Packets)/max(secs, 1e-9)))
	if err := errors.Join(runErr, closeErr); err != nil {
		log.Error("meshsim failed", "err", err)
		return 1
	}
	return 0
}
