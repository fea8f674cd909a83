package api

import "encoding/json"

// UIConfig is the client-facing configuration served by /api/config/*. Raw fields are
// passed through unchanged; cmd/server fills it from config.json.
type UIConfig struct {
	Roles, SNRThresholds, DistThresholds, MaxHopDist, Limits   json.RawMessage
	PerfSlowMs, WSReconnectMs, CacheInvalidateMs, ExternalURLs json.RawMessage
	Customizer                                                 json.RawMessage
	// Map is config.map; Tiles and MapDarkTileProvider are the deprecated top-level keys.
	Map, Tiles, MapDarkTileProvider json.RawMessage
	// MapDefaults is {center:[lat,lon], zoom}.
	MapDefaults json.RawMessage
	Health      HealthThresholds
	// PropagationBufferMs and LiveMapMaxNodes come from liveMap.*.
	PropagationBufferMs int
	LiveMapMaxNodes     int
	Timestamps          Timestamps
	ClientRxCoverage    bool
	DebugAffinity       bool
	// CacheTTL is the cacheTTL object echoed by /api/config/cache.
	CacheTTL map[string]any
	Regions  map[string]string
	Areas    map[string]json.RawMessage
	// Theme pass-through blocks.
	Branding, Theme, ThemeDark, NodeColors, TypeColors, Home, MarkerStroke json.RawMessage
	// ThemeFile is an optional theme.json path merged over the config blocks.
	ThemeFile string
	GeoFilter *GeoFilter
	// MQTT names the ingestor's brokers for the getting-started panel.
	MQTT []MQTTHint
	// DefaultRegion is the IATA code the Packets page filters by when a link names no region.
	DefaultRegion string
}

// HealthThresholds are healthThresholds.* in their configured units.
type HealthThresholds struct {
	InfraDegradedHours, InfraSilentHours, NodeDegradedHours, NodeSilentHours float64
	RelayActiveHours, ObserverOnlineMinutes, ObserverStaleMinutes            float64
}

// DefaultHealthThresholds returns the spec defaults (24/72 h, 1/24 h, 24 h, 60/1440 min).
func DefaultHealthThresholds() HealthThresholds {
	return HealthThresholds{24, 72, 1, 24, 24, 60, 1440}
}

// Timestamps is timestamps.*.
type Timestamps struct {
	DefaultMode       string `json:"defaultMode"`
	Timezone          string `json:"timezone"`
	FormatPreset      string `json:"formatPreset"`
	CustomFormat      string `json:"customFormat"`
	AllowCustomFormat bool   `json:"allowCustomFormat"`
}

// GeoFilter is geo_filter: a polygon of [lat,lon] points with a buffer.
type GeoFilter struct {
	Polygon  [][2]float64 `json:"polygon"`
	BufferKm float64      `json:"bufferKm"`
}

func rawOr(r json.RawMessage) any {
	if len(r) == 0 {
		return nil
	}
	return r
}
