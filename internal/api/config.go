package api

import (
	"encoding/json"
	"maps"
	"net/http"
	"os"
	"sort"
	"strings"
)

func (s *Server) getConfigCache(w http.ResponseWriter, r *http.Request) {
	c := s.opts.UI.CacheTTL
	if c == nil {
		c = map[string]any{}
	}
	writeJSON(w, http.StatusOK, c)
}

// clientMap builds map.tiles, merging the deprecated top-level tile keys.
func clientMap(u *UIConfig) map[string]any {
	mapObj := map[string]any{}
	if len(u.Map) > 0 {
		json.Unmarshal(u.Map, &mapObj)
	}
	if mapObj == nil {
		mapObj = map[string]any{}
	}
	tiles, _ := mapObj["tiles"].(map[string]any)
	if tiles == nil {
		tiles = map[string]any{}
	}
	var old map[string]any
	if len(u.Tiles) > 0 && json.Unmarshal(u.Tiles, &old) == nil {
		for k, v := range old {
			if _, ok := tiles[k]; !ok {
				tiles[k] = v
			}
		}
	}
	var dark any
	if len(u.MapDarkTileProvider) > 0 && json.Unmarshal(u.MapDarkTileProvider, &dark) == nil {
		if _, ok := tiles["darkDefault"]; !ok {
			tiles["darkDefault"] = dark
		}
	}
	mapObj["tiles"] = tiles
	return mapObj
}

func (s *Server) getConfigClient(w http.ResponseWriter, r *http.Request) {
	u := s.opts.UI
	h := u.Health
	if h == (HealthThresholds{}) {
		h = DefaultHealthThresholds()
	}
	ms := func(hours float64) int64 { return int64(hours * 3600 * 1000) }
	disabled := []string{}
	if len(u.Customizer) > 0 {
		var c struct {
			DisabledTabs []string `json:"disabledTabs"`
		}
		if json.Unmarshal(u.Customizer, &c) == nil && c.DisabledTabs != nil {
			disabled = c.DisabledTabs
		}
	}
	prop := u.PropagationBufferMs
	if prop <= 0 {
		prop = 5000
	}
	maxNodes := u.LiveMapMaxNodes
	if maxNodes <= 0 {
		maxNodes = 2000
	}
	ts := u.Timestamps
	ts.DefaultMode = oneOf(ts.DefaultMode, "ago", "ago", "absolute")
	ts.Timezone = oneOf(ts.Timezone, "local", "local", "utc")
	ts.FormatPreset = oneOf(ts.FormatPreset, "iso", "iso", "iso-seconds", "locale")
	out := map[string]any{
		"roles": rawOr(u.Roles),
		"healthThresholds": map[string]int64{
			"infraDegradedMs": ms(h.InfraDegradedHours), "infraSilentMs": ms(h.InfraSilentHours),
			"nodeDegradedMs": ms(h.NodeDegradedHours), "nodeSilentMs": ms(h.NodeSilentHours),
			"observerOnlineMs": ms(h.ObserverOnlineMinutes / 60), "observerStaleMs": ms(h.ObserverStaleMinutes / 60),
		},
		"map": clientMap(&u), "snrThresholds": rawOr(u.SNRThresholds), "distThresholds": rawOr(u.DistThresholds),
		"maxHopDist": rawOr(u.MaxHopDist), "limits": rawOr(u.Limits), "perfSlowMs": rawOr(u.PerfSlowMs),
		"wsReconnectMs": rawOr(u.WSReconnectMs), "cacheInvalidateMs": rawOr(u.CacheInvalidateMs),
		"externalUrls": rawOr(u.ExternalURLs), "propagationBufferMs": prop, "liveMapMaxNodes": min(max(maxNodes, 100), 20000),
		"timestamps": ts, "customizer": map[string]any{"disabledTabs": disabled}, "clientRxCoverage": u.ClientRxCoverage,
		"mqtt": mqttHints(u.MQTT), "defaultRegion": strings.ToUpper(strings.TrimSpace(u.DefaultRegion)),
	}
	if u.DebugAffinity {
		out["debugAffinity"] = true
	}
	writeJSON(w, http.StatusOK, out)
}

func oneOf(v, def string, allowed ...string) string {
	for _, a := range allowed {
		if v == a {
			return v
		}
	}
	return def
}

func (s *Server) getConfigRegions(w http.ResponseWriter, r *http.Request) {
	out := map[string]string{}
	maps.Copy(out, s.opts.UI.Regions)
	for _, code := range s.store.ObserverIATAs() {
		code = strings.ToUpper(strings.TrimSpace(code))
		if _, ok := out[code]; !ok && code != "" {
			out[code] = code
		}
	}
	writeJSON(w, http.StatusOK, out)
}

func (s *Server) getConfigMap(w http.ResponseWriter, r *http.Request) {
	out := struct {
		Center []float64 `json:"center"`
		Zoom   int       `json:"zoom"`
	}{Center: []float64{37.45, -122.0}, Zoom: 9}
	var m struct {
		Center []float64 `json:"center"`
		Zoom   *int      `json:"zoom"`
	}
	if len(s.opts.UI.MapDefaults) > 0 && json.Unmarshal(s.opts.UI.MapDefaults, &m) == nil {
		if len(m.Center) == 2 {
			out.Center = m.Center
		}
		if m.Zoom != nil {
			out.Zoom = *m.Zoom
		}
	}
	writeJSON(w, http.StatusOK, out)
}

// Area is one /api/config/areas entry.
type Area struct {
	Key   string `json:"key"`
	Label string `json:"label"`
}

func (s *Server) getConfigAreas(w http.ResponseWriter, r *http.Request) {
	out := []Area{}
	for k, raw := range s.opts.UI.Areas {
		var a struct {
			Label string `json:"label"`
		}
		if json.Unmarshal(raw, &a) == nil && a.Label != "" {
			out = append(out, Area{Key: k, Label: a.Label})
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Key < out[j].Key })
	writeJSON(w, http.StatusOK, out)
}

// getConfigTheme merges built-in defaults ← config.json blocks ← theme.json.
func (s *Server) getConfigTheme(w http.ResponseWriter, r *http.Request) {
	u := s.opts.UI
	blocks := map[string]map[string]any{}
	for name, def := range defaultTheme() {
		blocks[name] = maps.Clone(def)
	}
	merge := func(name string, raw json.RawMessage) {
		var m map[string]any
		if len(raw) == 0 || json.Unmarshal(raw, &m) != nil {
			return
		}
		if blocks[name] == nil {
			blocks[name] = map[string]any{}
		}
		maps.Copy(blocks[name], m)
	}
	for name, raw := range map[string]json.RawMessage{"branding": u.Branding, "theme": u.Theme, "themeDark": u.ThemeDark,
		"nodeColors": u.NodeColors, "typeColors": u.TypeColors, "home": u.Home, "markerStroke": u.MarkerStroke} {
		merge(name, raw)
	}
	if u.ThemeFile != "" {
		var file map[string]json.RawMessage
		if b, err := os.ReadFile(u.ThemeFile); err == nil && json.Unmarshal(b, &file) == nil {
			for name, raw := range file {
				merge(name, raw)
			}
		}
	}
	tc := blocks["typeColors"]
	if v, ok := tc["REQUEST"]; ok { // legacy key renamed on input, dual-emitted on output
		if _, has := tc["REQ"]; !has {
			tc["REQ"] = v
		}
	}
	tc["REQUEST"] = tc["REQ"]
	writeJSON(w, http.StatusOK, blocks)
}

// mqttHints never answers null: the page iterates it.
func mqttHints(h []MQTTHint) []MQTTHint {
	if h == nil {
		return []MQTTHint{}
	}
	return h
}
