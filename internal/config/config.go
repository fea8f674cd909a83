package config

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
)

// Config is every key either process reads from config.json (storage spec §6).
type Config struct {
	// Shared keys.
	DBPath                string            `json:"dbPath"`
	ObserverBlacklist     []string          `json:"observerBlacklist"`
	NodeBlacklist         []string          `json:"nodeBlacklist"`
	HiddenNamePrefixes    []string          `json:"hiddenNamePrefixes"`
	GeoFilter             *GeoFilter        `json:"geo_filter"`
	ClientRxCoverage      ClientRxCoverage  `json:"clientRxCoverage"`
	Runtime               Runtime           `json:"runtime"`
	ChannelKeysPath       string            `json:"channelKeysPath"`
	ChannelKeys           map[string]string `json:"channelKeys"`
	HashChannels          []string          `json:"hashChannels"`
	HashRegions           []string          `json:"hashRegions"`
	LogLevel              string            `json:"logLevel"`
	ObserverIATAWhitelist []string          `json:"observerIATAWhitelist"`

	// Ingestor keys.
	MQTT                    *MQTTLegacy    `json:"mqtt"`
	MQTTSources             []MQTTSource   `json:"mqttSources"`
	Retention               Retention      `json:"retention"`
	Metrics                 Metrics        `json:"metrics"`
	DB                      DB             `json:"db"`
	ForeignAdverts          ForeignAdverts `json:"foreignAdverts"`
	ValidateSignatures      *bool          `json:"validateSignatures"`
	NeighborEdgesMaxAgeDays int            `json:"neighborEdgesMaxAgeDays"`
	IngestBufferSize        int            `json:"ingestBufferSize"`
	Ingestor                Ingestor       `json:"ingestor"`

	// Server keys.
	Server

	// Operability keys (ops.go): log format, metrics, operator-only surfaces, rate limits, WebSocket cap, health checks, alerts.
	LogFormat  string     `json:"logFormat"`
	Prometheus Prometheus `json:"prometheus"`
	Operator   Operator   `json:"operator"`
	RateLimit  RateLimit  `json:"rateLimit"`
	WebSocket  WebSocket  `json:"websocket"`
	Healthz    Healthz    `json:"healthz"`
	Alerts     Alerts     `json:"alerts"`
}

// MQTTLegacy is the legacy single-broker block `mqtt{broker,topic}`.
type MQTTLegacy struct {
	Broker string `json:"broker"`
	Topic  string `json:"topic"`
}

// MQTTSource is one `mqttSources[]` entry (storage spec §1.9).
type MQTTSource struct {
	Name               string `json:"name"`
	Broker             string `json:"broker"`
	Username           string `json:"username"`
	Password           string `json:"password"`
	RejectUnauthorized *bool  `json:"rejectUnauthorized"`
	// CAFile is a PEM bundle trusted instead of the system roots (private broker CA).
	CAFile            string   `json:"caFile"`
	Topics            []string `json:"topics"`
	IATAFilter        []string `json:"iataFilter"`
	Region            string   `json:"region"`
	ConnectTimeoutSec int      `json:"connectTimeoutSec"`
	// ClientID overrides the generated fixed client id (persistent session key).
	ClientID string `json:"clientId"`
	// StallTimeoutSec is how long a connected source may stay silent before the watchdog
	// forces a reconnect (0 → Ingestor.WatchdogStallSec).
	StallTimeoutSec int `json:"stallTimeoutSec"`
	// SilentSec overrides healthz.sourceSilentSec and alerts.sourceSilentSec for this
	// source (0 → those defaults; negative never reports it silent).
	SilentSec int `json:"silentSec"`
}

// Retention holds `retention.*` in days (§3.6).
type Retention struct {
	NodeDays     int `json:"nodeDays"`
	ObserverDays int `json:"observerDays"`
	MetricsDays  int `json:"metricsDays"`
	PacketDays   int `json:"packetDays"`
	ClientRxDays int `json:"clientRxDays"`
}

// Metrics holds `metrics.*`.
type Metrics struct {
	SampleIntervalSec int `json:"sampleIntervalSec"`
}

// Runtime holds `runtime.*`.
type Runtime struct {
	MaxMemoryMB int `json:"maxMemoryMB"`
}

// DB holds `db.*`.
type DB struct {
	VacuumOnStartup        bool   `json:"vacuumOnStartup"`
	IncrementalVacuumPages int    `json:"incrementalVacuumPages"`
	Load                   DBLoad `json:"load"`
}

// DBLoad holds `db.load.*` (server chunked load).
type DBLoad struct {
	ChunkSize int `json:"chunkSize"`
}

// ForeignAdverts holds `foreignAdverts.mode` ("flag" or "drop").
type ForeignAdverts struct {
	Mode string `json:"mode"`
}

// ClientRxCoverage holds `clientRxCoverage.enabled`.
type ClientRxCoverage struct {
	Enabled bool `json:"enabled"`
}

// GeoFilter is `geo_filter`: a polygon of [lat,lon] points with a buffer, or a bounding box.
type GeoFilter struct {
	Polygon  [][2]float64 `json:"polygon,omitempty"`
	BufferKm float64      `json:"bufferKm,omitempty"`
	LatMin   *float64     `json:"latMin,omitempty"`
	LatMax   *float64     `json:"latMax,omitempty"`
	LonMin   *float64     `json:"lonMin,omitempty"`
	LonMax   *float64     `json:"lonMax,omitempty"`
}

// Ingestor holds ingestor-only keys that are new in this implementation (`ingestor.*`).
type Ingestor struct {
	// InjectListen is the loopback address of the manual-injection endpoint used by the
	// server's POST /api/packets ("off" disables it). Default 127.0.0.1:<port+1>.
	InjectListen string `json:"injectListen"`
	// InjectToken authenticates injection requests (header X-API-Key). Defaults to apiKey.
	InjectToken string `json:"injectToken"`
	// StatsPath is the stats file path (env CORESCOPE_INGESTOR_STATS wins); empty means
	// DefaultStatsName next to the database (see StatsFile).
	StatsPath string `json:"statsPath"`
	// BatchSize is the maximum number of messages per write transaction.
	BatchSize int `json:"batchSize"`
	// FlushMs caps how long a batch may gather before it is committed.
	FlushMs int `json:"flushMs"`
	// WatchdogStallSec is the default silence threshold before a forced reconnect.
	WatchdogStallSec int `json:"watchdogStallSec"`
	// SlowWriterMs logs a warning when one write transaction holds longer.
	SlowWriterMs int `json:"slowWriterMs"`
	// ClientIDPrefix prefixes the per-source MQTT client ids.
	ClientIDPrefix string `json:"clientIdPrefix"`
	// PprofPort enables net/http/pprof on 127.0.0.1 when >0 (env ENABLE_PPROF/PPROF_PORT).
	PprofPort int `json:"pprofPort"`
}

// Load reads the file at path (a missing file yields defaults; invalid JSON is an error),
// applies environment overrides through lookup (usually os.LookupEnv) and fills defaults.
// It does not call Validate.
func Load(path string, lookup func(string) (string, bool)) (*Config, error) {
	c := &Config{}
	if path != "" {
		b, err := os.ReadFile(path)
		switch {
		case errors.Is(err, fs.ErrNotExist):
		case err != nil:
			return nil, fmt.Errorf("read config: %w", err)
		default:
			if err := json.Unmarshal(b, c); err != nil {
				return nil, fmt.Errorf("parse config %s: %w", path, err)
			}
		}
	}
	if lookup == nil {
		lookup = func(string) (string, bool) { return "", false }
	}
	if err := c.applyEnv(lookup); err != nil {
		return nil, err
	}
	c.applyDefaults(filepath.Dir(path))
	return c, nil
}

// StatsFile returns the stats file path both processes use: ingestor.statsPath when set,
// else DefaultStatsName in the database's directory. It is resolved from the final DBPath
// (after a -db flag), so the ingestor and the server agree, and it never defaults to a
// shared temp directory where another local user could plant the file first.
func (c *Config) StatsFile() string {
	if c.Ingestor.StatsPath != "" {
		return c.Ingestor.StatsPath
	}
	return filepath.Join(filepath.Dir(c.DBPath), DefaultStatsName)
}

// SignatureValidation reports whether ADVERT signatures are checked (default true).
func (c *Config) SignatureValidation() bool {
	return c.ValidateSignatures == nil || *c.ValidateSignatures
}

// Verify reports whether TLS certificates are verified for the source (default true).
func (s MQTTSource) Verify() bool {
	return s.RejectUnauthorized == nil || *s.RejectUnauthorized
}
