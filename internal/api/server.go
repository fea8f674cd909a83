package api

import (
	"database/sql"
	"log/slog"
	"net/http"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/corescope/corescope/internal/analytics"
	"github.com/corescope/corescope/internal/knownchannels"
	"github.com/corescope/corescope/internal/live"
	"github.com/corescope/corescope/internal/meshcore"
	"github.com/corescope/corescope/internal/version"
)

// Limits are the listLimits clamps (api.md §11).
type Limits struct {
	PacketsMax, NodesMax, AnalyticsMax, ChannelMessagesMax, BulkHealthMax int
}

// DefaultLimits returns the listLimits defaults.
func DefaultLimits() Limits {
	return Limits{PacketsMax: 10000, NodesMax: 2000, AnalyticsMax: 200, ChannelMessagesMax: 500, BulkHealthMax: 200}
}

// Readiness reports the store's startup load for the readiness gate (architecture §2.10).
type Readiness interface {
	// LoadProgress returns rows loaded so far, whether the first chunk is in, and whether
	// the full load finished.
	LoadProgress() (rows int64, firstChunk, done bool)
}

// Options configures a Server. Zero values get defaults in New.
type Options struct {
	Logger *slog.Logger
	// Store is the packet store the data endpoints read.
	Store Store
	// DB is the read-only SQLite handle (/api/perf/sqlite); never written through.
	DB *sql.DB
	// DBPath locates the -wal file for /api/perf/sqlite.
	DBPath string
	// Ready gates data routes until the first chunk; nil means always ready.
	Ready Readiness
	// Hub is the WebSocket hub served at /ws and on upgrades of non-API paths.
	Hub *live.Hub
	// Web serves everything that is not /api/ or /ws; nil answers 404.
	Web http.Handler

	// APIKey guards write routes; empty refuses them with 403.
	APIKey      string
	CORSOrigins []string
	Gzip        bool
	GzipLevel   int
	Limits      Limits
	// MaxBodyBytes caps request bodies (default 1 MiB).
	MaxBodyBytes int64
	// StatsPath is the ingestor stats file (/api/perf/io, write-sources, mqtt/status).
	StatsPath string
	// InjectURL is the ingestor's configured loopback injection endpoint (POST /api/packets);
	// an address announced in the stats file wins (see injectURL).
	InjectURL   string
	InjectToken string
	// ObserversTTL is the /api/observers cache lifetime (default 30 s).
	ObserversTTL time.Duration
	// LoRa is the radio preset for airtime estimates (zero = analytics.DefaultLoRaPreset).
	LoRa LoRaPreset
	// DutyCycleLimitPct is the regional limit the airtime endpoints echo (0 = analytics.DefaultDutyCycleLimitPct).
	DutyCycleLimitPct float64
	// ChannelKeys decrypt group messages pasted into POST /api/decode (nil = Public only);
	// cmd/server loads the same set the ingestor decrypts with.
	ChannelKeys *meshcore.ChannelKeys
	// KnownChannels serves /api/known-channels (nil = the bundled list only); cmd/server opens it.
	KnownChannels *knownchannels.Source
	// UI holds the pass-through client configuration.
	UI UIConfig
	// FrameAncestors are the origins allowed to frame the UI (embed.frameAncestors); empty refuses framing.
	FrameAncestors []string
	// Hiding rules (§1.6).
	NodeBlacklist, ObserverBlacklist, HiddenNamePrefixes []string
	// Now is the clock (default time.Now).
	Now func() time.Time
	// AfterAnalyticsPass runs after each background analytics pass (cmd/server returns
	// the pass's garbage to the OS there: GC tuning is the process's business).
	AfterAnalyticsPass func()
	// Ops configures /metrics, per-IP rate limits and the ingestor checks of /api/healthz.
	Ops Ops
	// PruneDir is where POST /api/admin/prune-geo-filter leaves requests for the ingestor;
	// GeoFilterFile is where PUT /api/config/geo-filter persists the polygon (both
	// internal/sidechannel; default next to DBPath, "" without one disables the routes).
	PruneDir, GeoFilterFile string
	// BackupDir holds GET /api/backup's temporary copy (default: DBPath's directory).
	BackupDir string
	// Alerts serves /api/alerts and its acknowledgement and mute (nil: an empty list).
	Alerts AlertBoard
}

// Server holds the handlers' dependencies.
type Server struct {
	opts    Options
	log     *slog.Logger
	store   Store
	perf    *perfStats
	procIO  *procIOSampler
	spec    func() ([]byte, error)
	version version.Info
	hide    *hiding
	started time.Time
	// caches are every response cache (caches.go), keyed through cacheRoutes (cache_keys.go).
	caches      serverCaches
	cacheRoutes cacheRoutes
	// scoreM memoises the path scan and usefulness axes (node_scores.go).
	scoreM scoreMemo
	// ops holds the metric families and the rate limiter (metrics.go, ratelimit.go).
	ops *opsState
	// ana schedules the background analytics passes (analytics_schedule.go).
	ana *analyticsPasses
	// known is the channel catalogue (known_channels.go).
	known *knownchannels.Source
	// geo is the geo filter in force (geofilter.go); geoMu serialises PUTs.
	geo     atomic.Pointer[analytics.GeoFilter]
	geoOnce sync.Once
	geoMu   sync.Mutex
	// backupSlot admits one GET /api/backup at a time (backup.go).
	backupSlot chan struct{}
}

// New builds a Server; it does no I/O.
func New(opts Options) *Server {
	if opts.Logger == nil {
		opts.Logger = slog.New(slog.DiscardHandler)
	}
	d := DefaultLimits()
	for _, p := range []struct {
		v   *int
		def int
	}{{&opts.Limits.PacketsMax, d.PacketsMax}, {&opts.Limits.NodesMax, d.NodesMax}, {&opts.Limits.AnalyticsMax, d.AnalyticsMax},
		{&opts.Limits.ChannelMessagesMax, d.ChannelMessagesMax}, {&opts.Limits.BulkHealthMax, d.BulkHealthMax}} {
		if *p.v <= 0 {
			*p.v = p.def
		}
	}
	if opts.MaxBodyBytes <= 0 {
		opts.MaxBodyBytes = 1 << 20
	}
	if opts.ObserversTTL <= 0 {
		opts.ObserversTTL = 30 * time.Second
	}
	if opts.Now == nil {
		opts.Now = time.Now
	}
	if opts.ChannelKeys == nil {
		opts.ChannelKeys, _ = meshcore.NewChannelKeys(nil, nil) // the built-in Public key never fails to parse
	}
	s := &Server{opts: opts, log: opts.Logger.With("component", "api"), store: opts.Store,
		version: version.Get(), started: opts.Now()}
	s.perf = newPerfStats(opts.Now)
	s.procIO = newProcIOSampler(opts.Now)
	s.cacheRoutes = newCacheRoutes()
	s.caches = s.newServerCaches()
	s.ana = &analyticsPasses{debounce: 30 * time.Second, check: 2 * time.Second}
	// The route table is static, so the OpenAPI document is built once per process.
	s.spec = sync.OnceValues(func() ([]byte, error) { return SpecJSON(s.version.Version) })
	s.hide = newHiding(opts.NodeBlacklist, opts.ObserverBlacklist, opts.HiddenNamePrefixes)
	s.known = opts.KnownChannels
	if s.known == nil {
		s.known = knownchannels.New(knownchannels.Options{})
	}
	s.initSideChannels()
	s.initOps()
	return s
}

// Handler returns the full HTTP handler: middleware around one ServeMux built from routes().
func (s *Server) Handler() http.Handler {
	mux := http.NewServeMux()
	paths := map[string][]string{}
	for _, rt := range routes() {
		mux.Handle(rt.Method+" "+rt.Path, s.bind(rt))
		paths[rt.Path] = append(paths[rt.Path], rt.Method)
	}
	// Wrong methods on known paths answer JSON 405 with Allow (never index.html): a second
	// mux of method-less patterns finds the path when the main mux has no pattern for it.
	allowMux := http.NewServeMux()
	for p, methods := range paths {
		allow := allowHeader(methods)
		allowMux.HandleFunc(p, func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Allow", allow)
			writeJSON(w, http.StatusMethodNotAllowed, map[string]string{"error": "Method not allowed"})
		})
	}
	notFound := func(w http.ResponseWriter, r *http.Request) {
		writeJSON(w, http.StatusNotFound, map[string]string{"error": "Not found"})
	}
	mux.HandleFunc("/api/", notFound)
	mux.HandleFunc("/api", notFound)
	if s.opts.Hub != nil {
		mux.HandleFunc("GET /ws", s.serveWS)
	}
	s.routeOps(mux)
	mux.HandleFunc("/", s.serveRoot)
	var h http.Handler = http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		// A method mismatch leaves no pattern or lands on a method-less catch-all.
		if _, pattern := mux.Handler(r); pattern == "" || pattern == "/api/" || pattern == "/api" || pattern == "/" {
			if ah, p := allowMux.Handler(r); p != "" {
				ah.ServeHTTP(w, r)
				return
			}
		}
		mux.ServeHTTP(w, r)
	})
	h = s.rateLimit(h)
	h = s.instrument(h)
	h = s.cors(h)
	if s.opts.Gzip {
		h = gzipHandler(h, s.opts.GzipLevel)
	}
	return s.securityHeaders(s.loadStatus(h))
}

// bind wraps one route's handler with its auth or operator check and readiness gate.
func (s *Server) bind(rt route) http.Handler {
	handle := rt.Handle
	var h http.Handler = http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { handle(s, w, r) })
	if rt.Auth {
		h = s.requireKey(h)
	}
	if rt.Operator {
		h = s.operatorOnly(s.newOperatorGate(s.opts.Ops.PublicPerf, "operator.publicPerf"), h)
	}
	if rt.Gated {
		h = s.gate(h)
	}
	return h
}

// serveRoot upgrades WebSocket requests on any non-API path and hands the rest to Web.
func (s *Server) serveRoot(w http.ResponseWriter, r *http.Request) {
	if s.opts.Hub != nil && live.IsUpgrade(r) {
		s.serveWS(w, r)
		return
	}
	if s.opts.Web == nil {
		http.NotFound(w, r)
		return
	}
	s.opts.Web.ServeHTTP(w, r)
}

func allowHeader(methods []string) string {
	seen := map[string]bool{}
	var out []string
	for _, m := range append(methods, "OPTIONS") {
		if !seen[m] {
			seen[m] = true
			out = append(out, m)
		}
	}
	return strings.Join(out, ", ")
}
