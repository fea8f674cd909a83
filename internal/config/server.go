package config

import "encoding/json"

// Server holds the keys only cmd/server reads (storage spec §6.2). Keys the server passes
// through to the SPA unchanged are kept as raw JSON.
type Server struct {
	Port int `json:"port"`
	// Listen is the address (host only) the web server binds; default 127.0.0.1 (env LISTEN).
	Listen string `json:"listen"`
	APIKey string `json:"apiKey"`
	HTTPS  HTTPS  `json:"https"`
	// DefaultRegion is the IATA code the Packets page filters by when a link names no region.
	DefaultRegion      string           `json:"defaultRegion"`
	ListLimits         ListLimits       `json:"listLimits"`
	CorsAllowedOrigins []string         `json:"corsAllowedOrigins"`
	Embed              Embed            `json:"embed"`
	HealthThresholds   HealthThresholds `json:"healthThresholds"`
	LiveMap            LiveMap          `json:"liveMap"`
	CacheTTL           CacheTTL         `json:"cacheTTL"`
	Timestamps         Timestamps       `json:"timestamps"`
	PacketStore        PacketStore      `json:"packetStore"`
	Compression        Compression      `json:"compression"`
	NeighborGraph      NeighborGraph    `json:"neighborGraph"`
	ObserversCache     ObserversCache   `json:"observersCache"`
	Analytics          Analytics        `json:"analytics"`
	BatteryThresholds  BatteryThresh    `json:"batteryThresholds"`
	KnownChannelsURL   string           `json:"knownChannelsUrl"`
	// KnownChannelsRefreshMs is the refresh period of knownChannelsUrl (default 24 h).
	KnownChannelsRefreshMs int  `json:"knownChannelsRefreshMs"`
	DebugAffinity          bool `json:"debugAffinity"`

	Map         json.RawMessage            `json:"map,omitempty"`
	MapDefaults json.RawMessage            `json:"mapDefaults,omitempty"`
	Regions     map[string]string          `json:"regions,omitempty"`
	Areas       map[string]json.RawMessage `json:"areas,omitempty"`

	// Passed through to the SPA via /api/config/*.
	Branding      json.RawMessage `json:"branding,omitempty"`
	Theme         json.RawMessage `json:"theme,omitempty"`
	ThemeDark     json.RawMessage `json:"themeDark,omitempty"`
	NodeColors    json.RawMessage `json:"nodeColors,omitempty"`
	TypeColors    json.RawMessage `json:"typeColors,omitempty"`
	Home          json.RawMessage `json:"home,omitempty"`
	MarkerStroke  json.RawMessage `json:"markerStroke,omitempty"`
	Roles         json.RawMessage `json:"roles,omitempty"`
	SNRThresholds json.RawMessage `json:"snrThresholds,omitempty"`
	DistThresh    json.RawMessage `json:"distThresholds,omitempty"`
	MaxHopDist    json.RawMessage `json:"maxHopDist,omitempty"`
	Limits        json.RawMessage `json:"limits,omitempty"`
	PerfSlowMs    json.RawMessage `json:"perfSlowMs,omitempty"`
	WSReconnectMs json.RawMessage `json:"wsReconnectMs,omitempty"`
	CacheInvalMs  json.RawMessage `json:"cacheInvalidateMs,omitempty"`
	ExternalURLs  json.RawMessage `json:"externalUrls,omitempty"`
	Customizer    json.RawMessage `json:"customizer,omitempty"`
	// Deprecated tile keys, migrated into map.tiles by the server.
	Tiles               json.RawMessage `json:"tiles,omitempty"`
	MapDarkTileProvider json.RawMessage `json:"mapDarkTileProvider,omitempty"`
}

// ListLimits holds `listLimits.*` clamps.
type ListLimits struct {
	PacketsMax         int `json:"packetsMax"`
	NodesMax           int `json:"nodesMax"`
	AnalyticsMax       int `json:"analyticsMax"`
	ChannelMessagesMax int `json:"channelMessagesMax"`
	BulkHealthMax      int `json:"bulkHealthMax"`
}

// HealthThresholds holds `healthThresholds.*`.
type HealthThresholds struct {
	InfraDegradedHours    float64 `json:"infraDegradedHours"`
	InfraSilentHours      float64 `json:"infraSilentHours"`
	NodeDegradedHours     float64 `json:"nodeDegradedHours"`
	NodeSilentHours       float64 `json:"nodeSilentHours"`
	RelayActiveHours      float64 `json:"relayActiveHours"`
	ObserverOnlineMinutes float64 `json:"observerOnlineMinutes"`
	ObserverStaleMinutes  float64 `json:"observerStaleMinutes"`
}

// LiveMap holds `liveMap.*`.
type LiveMap struct {
	PropagationBufferMs int `json:"propagationBufferMs"`
	MaxNodes            int `json:"maxNodes"`
}

// CacheTTL holds `cacheTTL.*` in seconds.
type CacheTTL struct {
	AnalyticsRF          int `json:"analyticsRF"`
	AnalyticsHashSizes   int `json:"analyticsHashSizes"`
	InvalidationDebounce int `json:"invalidationDebounce"`
}

// Timestamps holds `timestamps.*`.
type Timestamps struct {
	DefaultMode       string `json:"defaultMode"`
	Timezone          string `json:"timezone"`
	FormatPreset      string `json:"formatPreset"`
	CustomFormat      string `json:"customFormat"`
	AllowCustomFormat bool   `json:"allowCustomFormat"`
}

// PacketStore holds `packetStore.*` (§5.4).
type PacketStore struct {
	RetentionHours                float64 `json:"retentionHours"`
	MaxMemoryMB                   int     `json:"maxMemoryMB"`
	HotStartupHours               float64 `json:"hotStartupHours"`
	MaxResolvedPubkeyIndexEntries int     `json:"maxResolvedPubkeyIndexEntries"`
}

// Compression holds `compression.*`.
type Compression struct {
	Gzip         bool     `json:"gzip"`
	Websocket    bool     `json:"websocket"`
	Level        int      `json:"level"`
	MinSizeBytes int      `json:"minSizeBytes"`
	ContentTypes []string `json:"contentTypes"`
}

// NeighborGraph holds `neighborGraph.*`.
type NeighborGraph struct {
	MaxEdgeKm                     float64 `json:"maxEdgeKm"`
	CacheRecomputeIntervalSeconds int     `json:"cacheRecomputeIntervalSeconds"`
	// MaxAgeDays is the existing CoreScope example's name for neighborEdgesMaxAgeDays; it applies
	// when that key is not set.
	MaxAgeDays int `json:"maxAgeDays"`
}

// HTTPS holds `https.*`: with both set, the server serves TLS itself on its port.
type HTTPS struct {
	Cert string `json:"cert"`
	Key  string `json:"key"`
}

// ObserversCache holds `observersCache.*`.
type ObserversCache struct {
	TTLSeconds int `json:"ttlSeconds"`
}

// Analytics holds `analytics.*`.
type Analytics struct {
	DefaultIntervalSeconds   int            `json:"defaultIntervalSeconds"`
	RecomputeIntervalSeconds map[string]int `json:"recomputeIntervalSeconds"`
	LoraPreset               *LoraPreset    `json:"loraPreset,omitempty"`
	// DutyCycleLimitPct is the regional duty-cycle limit drawn on the airtime charts.
	DutyCycleLimitPct float64 `json:"dutyCycleLimitPct"`
}

// LoraPreset is `analytics.loraPreset`.
type LoraPreset struct {
	Freq float64 `json:"freq"`
	BW   float64 `json:"bw"`
	SF   int     `json:"sf"`
	CR   int     `json:"cr"`
}

// BatteryThresh holds `batteryThresholds.*` in millivolts.
type BatteryThresh struct {
	LowMv      int `json:"lowMv"`
	CriticalMv int `json:"criticalMv"`
}
