// Command corescope-server opens the CoreScope database read-only and serves the REST
// API, the WebSocket live feed and the single-page UI.
package main

import (
	"context"
	"database/sql"
	"errors"
	"flag"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"os"
	"os/signal"
	"sync/atomic"
	"syscall"
	"time"

	"github.com/corescope/corescope/internal/analytics"
	"github.com/corescope/corescope/internal/api"
	"github.com/corescope/corescope/internal/config"
	"github.com/corescope/corescope/internal/live"
	"github.com/corescope/corescope/internal/schema"
	"github.com/corescope/corescope/internal/store"
	"github.com/corescope/corescope/internal/version"
	"github.com/corescope/corescope/internal/web"
)

func main() { os.Exit(run()) }

func run() int {
	cfgPath := flag.String("config", "config.json", "path to config.json (missing file = defaults)")
	publicDir := flag.String("public", "public", "SPA directory")
	vendorDir := flag.String("vendor", "node_modules", "node_modules directory for /vendor/<pkg>/")
	dbFlag := flag.String("db", "", "database path (overrides config and DB_PATH)")
	portFlag := flag.Int("port", 0, "listen port (overrides config and PORT)")
	listenFlag := flag.String("listen", "", "listen address: host, or host:port (overrides config, LISTEN and PORT)")
	pollMs := flag.Int("poll-ms", 250, "poll interval for new database rows, milliseconds")
	pprofPort := flag.Int("pprof-port", 0, "serve net/http/pprof on 127.0.0.1:<port> (0 = off)")
	showVersion := flag.Bool("version", false, "print version and exit")
	checkConfig := flag.Bool("check-config", false, "report unknown keys, keys without effect and invalid values of -config, then exit (1 on errors)")
	flag.Parse()
	if *showVersion {
		fmt.Println("corescope-server", version.Get().Version)
		return 0
	}
	if *checkConfig {
		return checkConfigFile(os.Stdout, *cfgPath)
	}
	log := slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: slog.LevelInfo}))
	cfg, err := config.Load(*cfgPath, os.LookupEnv)
	if err == nil {
		if *dbFlag != "" {
			cfg.DBPath = *dbFlag
		}
		if *portFlag > 0 {
			cfg.Port = *portFlag
		}
		err = applyListenFlag(cfg, *listenFlag)
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

	// The handle is lazy: the listener comes up even before the ingestor has created the
	// file or applied its migrations (/api/healthz answers 503 meanwhile).
	db, err := sql.Open("sqlite", schema.ReaderDSN(cfg.DBPath))
	if err != nil {
		log.Error("open database", "err", err)
		return 1
	}
	defer db.Close()
	db.SetMaxOpenConns(4)
	hub := live.New(hubOptions(cfg, log))
	site, err := web.New(web.Options{PublicDir: *publicDir, VendorDir: *vendorDir, Logger: log.With("component", "web")})
	if err != nil {
		log.Error("load public", "err", err)
		return 1
	}
	// The in-memory store loads in the background; the readiness gate answers 503 until
	// its first chunk. Every followed observation is broadcast to WebSocket clients, and
	// the neighbour graph is rebuilt from the store when it changed (at most every 30 s) once loaded.
	st := store.New(db, storeOptions(cfg, time.Duration(*pollMs)*time.Millisecond, log))
	events, _ := st.Subscribe(4096)
	go api.ForwardEvents(events, hub)
	hub.SetReplay(api.Replayer(st, resumeBound(cfg)))
	graph := analytics.NewNeighborGraph(st, analytics.Options{Logger: log.With("component", "neighbor-graph")})
	view := api.NewStoreView(st, graph)
	var failed atomic.Bool
	ready := &readiness{StoreView: view}
	closeStore := storeCloser(st, graph, log)
	defer closeStore()
	aopts := apiOptions(cfg, db, view, hub, site, log)
	aopts.Ready = ready
	aopts.ChannelKeys = serverChannelKeys(cfg, log)
	known := knownChannelsSource(cfg, log)
	aopts.KnownChannels = known
	known.Open(ctx)
	defer known.Close()
	ops := newOps(cfg, aopts, log)
	aopts.Ops = ops.api
	aopts.Alerts = alertBoard{ops.alerts}
	srv := api.New(aopts)
	ops.scopes.srv.Store(srv)
	// Analytics snapshots are recomputed off the request path once the store holds everything.
	go openStore(ctx, db, st, graph, ready, log, func() { go srv.RunAnalytics(ctx) }, func() { failed.Store(true); stop() })
	ops.open(ctx)
	defer ops.close()
	httpSrv := &http.Server{Handler: srv.Handler(), ReadHeaderTimeout: 10 * time.Second, ReadTimeout: 30 * time.Second,
		WriteTimeout: 60 * time.Second, IdleTimeout: 120 * time.Second}
	ln, err := net.Listen("tcp", cfg.ListenAddr())
	if err != nil {
		log.Error("listen (is another instance using this port? set PORT or -port)", "addr", cfg.ListenAddr(), "err", err)
		return 1
	}
	if *pprofPort > 0 {
		go servePprof(ctx, *pprofPort, log)
	}
	log.Info("corescope-server listening", "addr", ln.Addr().String(), "db", cfg.DBPath, "version", version.Get().Version)
	errc := make(chan error, 1)
	go func() { errc <- serve(httpSrv, ln, cfg.HTTPS) }()
	select {
	case <-ctx.Done():
	case err := <-errc:
		if !errors.Is(err, http.ErrServerClosed) {
			log.Error("serve", "err", err)
			return 1
		}
	}
	log.Info("shutting down")
	closeStore()
	shutCtx, cancel := context.WithTimeout(context.Background(), 15*time.Second)
	defer cancel()
	if err := httpSrv.Shutdown(shutCtx); err != nil {
		log.Warn("http shutdown", "err", err)
	}
	if err := hub.Close(shutCtx); err != nil {
		log.Warn("websocket shutdown", "err", err)
	}
	if failed.Load() {
		return 1
	}
	return 0
}
