// Command corescope-ingestor subscribes to the configured MQTT brokers, decodes every
// packet and writes it into the CoreScope SQLite database (the only writer), and
// publishes a stats file once a second.
package main

import (
	"context"
	"flag"
	"fmt"
	"log/slog"
	"os"
	"os/signal"
	"syscall"
	"time"

	"github.com/corescope/corescope/internal/channelkeys"
	"github.com/corescope/corescope/internal/config"
	"github.com/corescope/corescope/internal/ingest"
	"github.com/corescope/corescope/internal/ingesthttp"
	"github.com/corescope/corescope/internal/mqttsource"
	"github.com/corescope/corescope/internal/schema"
	"github.com/corescope/corescope/internal/version"
)

func main() { os.Exit(run()) }

func run() int {
	cfgPath := flag.String("config", "config.json", "path to config.json (missing file = defaults)")
	dbFlag := flag.String("db", "", "database path (overrides config and DB_PATH)")
	showVersion := flag.Bool("version", false, "print version and exit")
	migrateOnly := flag.Bool("migrate-only", false, "apply the database migrations (and the legacy hash repair), then exit; run before the server on a database written elsewhere")
	flag.Parse()
	if *showVersion {
		v := version.Get()
		fmt.Println("corescope-ingestor", v.Version, v.Commit)
		return 0
	}
	log := slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: slog.LevelInfo}))
	cfg, err := config.Load(*cfgPath, os.LookupEnv)
	if err == nil && *dbFlag != "" {
		cfg.DBPath = *dbFlag
	}
	if err == nil {
		err = cfg.Validate()
	}
	if err != nil {
		log.Error("invalid configuration", "err", err)
		return 2
	}
	log = cfg.NewLogger(os.Stderr)
	config.LogKeyWarnings(log, *cfgPath)
	ctx, stop := signal.NotifyContext(context.Background(), syscall.SIGINT, syscall.SIGTERM)
	defer stop()

	db, err := schema.Open(ctx, cfg.DBPath)
	if err != nil {
		log.Error("open database", "err", err)
		return 1
	}
	defer db.Close()
	if _, err := schema.Migrate(ctx, db, log.With("component", "schema")); err != nil {
		log.Error("migrate database", "err", err)
		return 1
	}
	if *migrateOnly {
		if n, err := ingest.RepairLegacyHashes(ctx, db); err != nil {
			log.Error("repair legacy hashes", "err", err)
			return 1
		} else if n > 0 {
			log.Info("repaired legacy content hashes", "rows", n)
		}
		log.Info("database migrated", "db", cfg.DBPath)
		return 0
	}
	if cfg.DB.VacuumOnStartup {
		log.Warn("db.vacuumOnStartup ignored: a full VACUUM may renumber observer rowids (storage spec §9.2)")
	}
	keys, err := channelkeys.Load(cfg.ChannelKeysPath, cfg.ChannelKeys, cfg.HashChannels)
	if err != nil {
		log.Error("channel keys", "err", err)
		return 1
	}
	mx, err := newMetrics()
	if err != nil {
		log.Error("metrics", "err", err)
		return 1
	}
	iopts := ingestOptions(cfg, keys, log)
	iopts.OnWriterPerf = mx.observeWriter
	in := ingest.New(db, iopts)
	if err := in.Open(ctx); err != nil {
		log.Error("start ingest", "err", err)
		return 1
	}
	inject, err := ingesthttp.StartInject(in, ingesthttp.InjectOptions{Listen: cfg.Ingestor.InjectListen,
		Token: cfg.Ingestor.InjectToken, Logger: log.With("component", "inject")})
	if err != nil {
		log.Error("start injection endpoint", "err", err)
		in.Close(ctx)
		return 1
	}
	group, err := mqttsource.New(mqttOptions(cfg, in, log))
	if err != nil {
		log.Error("mqtt sources", "err", err)
		return 1
	}
	if err := group.Open(ctx); err != nil {
		log.Warn("no mqtt source connected yet; retrying in background", "err", err)
	}
	mx.start(cfg, in, group, log)
	stats := newStatsWriter(cfg.StatsFile(), mx.addr, inject.Addr(), in, group, log)
	go stats.run(ctx)
	log.Info("ingestor running", "db", cfg.DBPath, "sources", len(cfg.Sources()),
		"stats", cfg.StatsFile(), "inject", inject.Addr(), "metrics", mx.addr)

	<-ctx.Done()
	log.Info("shutting down")
	closeCtx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	group.Close(closeCtx) // stop consuming first; unacknowledged messages stay queued at the broker
	if err := inject.Close(closeCtx); err != nil {
		log.Warn("close injection endpoint", "err", err)
	}
	if err := in.Close(closeCtx); err != nil {
		log.Error("close ingest", "err", err)
	}
	stats.writeOnce(time.Now())
	mx.close(closeCtx)
	return 0
}
