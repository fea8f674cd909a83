package main

import (
	"database/sql"
	"encoding/json"
	"log/slog"
	"net/http"
	"time"

	"github.com/corescope/corescope/internal/api"
	"github.com/corescope/corescope/internal/channelkeys"
	"github.com/corescope/corescope/internal/config"
	"github.com/corescope/corescope/internal/live"
	"github.com/corescope/corescope/internal/meshcore"
)

// hubOptions maps config onto the WebSocket hub.
func hubOptions(cfg *config.Config, log *slog.Logger) live.Options {
	o := live.DefaultOptions()
	o.AllowedOrigins = cfg.CorsAllowedOrigins
	o.Compression = cfg.Compression.Websocket
	o.Logger = log.With("component", "live")
	return o
}

// resumeBound maps websocket.resume* onto the replay bound (negative: off / no age limit).
func resumeBound(cfg *config.Config) api.ResumeBound {
	b := api.ResumeBound{MaxFrames: cfg.WebSocket.ResumeMaxFrames}
	if m := cfg.WebSocket.ResumeMaxMinutes; m > 0 {
		b.MaxAge = time.Duration(m) * time.Minute
	}
	return b
}

// apiOptions maps config onto the API server.
func apiOptions(cfg *config.Config, db *sql.DB, store *api.StoreView, hub *live.Hub, site http.Handler, log *slog.Logger) api.Options {
	injectURL := ""
	if cfg.Ingestor.InjectListen != "" {
		injectURL = "http://" + cfg.Ingestor.InjectListen + "/api/inject"
	}
	statsPath := cfg.StatsFile()
	l := cfg.ListLimits
	var lora api.LoRaPreset
	if p := cfg.Analytics.LoraPreset; p != nil {
		lora = api.LoRaPreset{FreqHz: p.Freq * 1e6, BwKHz: p.BW, SF: p.SF, CR: p.CR}
	}
	return api.Options{
		Logger: log.With("component", "api"), Store: store, Ready: store, DB: db, DBPath: cfg.DBPath, Hub: hub, Web: site,
		APIKey: cfg.APIKey, CORSOrigins: cfg.CorsAllowedOrigins, Gzip: cfg.Compression.Gzip, GzipLevel: cfg.Compression.Level,
		FrameAncestors: cfg.Embed.FrameAncestors,
		Limits: api.Limits{PacketsMax: l.PacketsMax, NodesMax: l.NodesMax, AnalyticsMax: l.AnalyticsMax,
			ChannelMessagesMax: l.ChannelMessagesMax, BulkHealthMax: l.BulkHealthMax},
		StatsPath: statsPath, InjectURL: injectURL, InjectToken: cfg.Ingestor.InjectToken,
		UI:                uiConfig(cfg),
		LoRa:              lora,
		DutyCycleLimitPct: cfg.Analytics.DutyCycleLimitPct,
		NodeBlacklist:     cfg.NodeBlacklist, ObserverBlacklist: cfg.ObserverBlacklist, HiddenNamePrefixes: cfg.HiddenNamePrefixes,
		AfterAnalyticsPass: releaseMemory,
	}
}

// uiConfig collects the pass-through client configuration served by /api/config/*.
func uiConfig(cfg *config.Config) api.UIConfig {
	h := cfg.HealthThresholds
	u := api.UIConfig{
		Roles: cfg.Roles, SNRThresholds: cfg.SNRThresholds, DistThresholds: cfg.DistThresh, MaxHopDist: cfg.MaxHopDist,
		Limits: cfg.Limits, PerfSlowMs: cfg.PerfSlowMs, WSReconnectMs: cfg.WSReconnectMs, CacheInvalidateMs: cfg.CacheInvalMs,
		ExternalURLs: cfg.ExternalURLs, Customizer: cfg.Customizer, Map: cfg.Map, Tiles: cfg.Tiles,
		MapDarkTileProvider: cfg.MapDarkTileProvider, MapDefaults: cfg.MapDefaults,
		Health: api.HealthThresholds{InfraDegradedHours: h.InfraDegradedHours, InfraSilentHours: h.InfraSilentHours,
			NodeDegradedHours: h.NodeDegradedHours, NodeSilentHours: h.NodeSilentHours, RelayActiveHours: h.RelayActiveHours,
			ObserverOnlineMinutes: h.ObserverOnlineMinutes, ObserverStaleMinutes: h.ObserverStaleMinutes},
		PropagationBufferMs: cfg.LiveMap.PropagationBufferMs, LiveMapMaxNodes: cfg.LiveMap.MaxNodes,
		Timestamps: api.Timestamps{DefaultMode: cfg.Timestamps.DefaultMode, Timezone: cfg.Timestamps.Timezone,
			FormatPreset: cfg.Timestamps.FormatPreset, CustomFormat: cfg.Timestamps.CustomFormat,
			AllowCustomFormat: cfg.Timestamps.AllowCustomFormat},
		ClientRxCoverage: cfg.ClientRxCoverage.Enabled, DebugAffinity: cfg.DebugAffinity,
		Regions: cfg.Regions, Areas: cfg.Areas,
		Branding: cfg.Branding, Theme: cfg.Theme, ThemeDark: cfg.ThemeDark, NodeColors: cfg.NodeColors,
		TypeColors: cfg.TypeColors, Home: cfg.Home, MarkerStroke: cfg.MarkerStroke, ThemeFile: "theme.json",
		DefaultRegion: cfg.DefaultRegion,
	}
	if b, err := json.Marshal(cfg.CacheTTL); err == nil {
		json.Unmarshal(b, &u.CacheTTL)
	}
	for _, src := range cfg.Sources() {
		if e, ok := src.Endpoint(); ok {
			u.MQTT = append(u.MQTT, api.MQTTHint{Name: src.Name, Scheme: e.Scheme, Port: e.Port, Local: e.Local, TopicPrefix: src.TopicPrefix()})
		}
	}
	if g := cfg.GeoFilter; g != nil && len(g.Polygon) > 0 {
		u.GeoFilter = &api.GeoFilter{Polygon: g.Polygon, BufferKm: g.BufferKm}
	}
	return u
}

// serverChannelKeys loads the channel keys the ingestor decrypts with, so POST /api/decode names
// the same channels as stored packets. A broken key file only narrows decoding to the Public key:
// the server still starts (the ingestor refuses to start on the same error and says why).
func serverChannelKeys(cfg *config.Config, log *slog.Logger) *meshcore.ChannelKeys {
	keys, err := channelkeys.Load(cfg.ChannelKeysPath, cfg.ChannelKeys, cfg.HashChannels)
	if err != nil {
		log.Warn("channel keys: POST /api/decode decrypts the Public channel only", "err", err)
		return nil
	}
	return keys
}
