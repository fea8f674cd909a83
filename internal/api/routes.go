package api

import "net/http"

// route is one API endpoint. The table below is the single source of truth: it registers
// the handler, generates the OpenAPI operation (openapi.go) and is checked against the
// proto service by the contract tests.
type route struct {
	Method  string
	Path    string
	Handle  func(*Server, http.ResponseWriter, *http.Request)
	Tag     string
	Summary string
	// Desc is the operation's description: definitions a reader needs (route_definitions.go).
	Desc string
	// Auth requires X-API-Key (§1.4).
	Auth bool
	// Operator marks operator-only reads: they need the API key unless operator.publicPerf (operator.go).
	Operator bool
	// Gated routes answer 503 until the store has loaded its first chunk (§2.10).
	Gated bool
	// Query lists the documented query parameters.
	Query []param
	// Body names the request-body schema (components.schemas), "" for none;
	// BodyOptional documents it as optional (the route also answers without one).
	Body         string
	BodyOptional bool
	// Resp names the 200 response schema.
	Resp string
	// CSV documents a text/csv 200 answer besides JSON (format=csv).
	CSV bool
	// Status lists extra documented statuses besides 200.
	Status []int
}

// param is a documented query parameter.
type param struct {
	Name, Type, Desc string
}

func q(name, typ, desc string) param { return param{Name: name, Type: typ, Desc: desc} }

var (
	pLimit  = q("limit", "integer", "page size, clamped to listLimits")
	pOffset = q("offset", "integer", "rows to skip")
	pRegion = q("region", "string", "comma-separated observer IATA codes")
	pDays   = q("days", "integer", "lookback in days")
	// pAirtimeHours is the airtime endpoints' window.
	pAirtimeHours = q("hours", "integer", "hourly buckets ending with the current hour, 1-168 (default 24)")
	pArea         = q("area", "string", "key of config.areas: nodes whose GPS lies inside")
)

// rxCoverageParams are the coverage routes' query parameters (api.md §3.9 #45).
var rxCoverageParams = []param{
	q("days", "integer", "lookback in days, 1-30 (default 7; 400 otherwise)"),
	q("z", "integer", "map zoom = hex resolution, 3-18 (default 12; 400 otherwise)"),
	q("bbox", "string", "minLat,minLon,maxLat,maxLon (default: everywhere)"),
	q("node", "string", "heard node's 64-hex public key (matches adverts and 2/3-byte hop hashes)"),
	q("rx", "string", "receiver's 64-hex public key"),
}

// routes lists every API endpoint once.
func routes() []route {
	return []route{
		// config
		{Method: "GET", Path: "/api/config/cache", Handle: (*Server).getConfigCache, Tag: "config", Summary: "Client cache TTLs", Resp: "Object"},
		{Method: "GET", Path: "/api/config/client", Handle: (*Server).getConfigClient, Tag: "config", Summary: "UI configuration", Resp: "ClientConfig"},
		{Method: "GET", Path: "/api/config/regions", Handle: (*Server).getConfigRegions, Tag: "config", Summary: "IATA region labels", Resp: "StringMap", Gated: true},
		{Method: "GET", Path: "/api/config/theme", Handle: (*Server).getConfigTheme, Tag: "config", Summary: "Branding and theme", Resp: "Theme"},
		{Method: "GET", Path: "/api/config/map", Handle: (*Server).getConfigMap, Tag: "config", Summary: "Map defaults", Resp: "MapConfig"},
		{Method: "GET", Path: "/api/config/geo-filter", Handle: (*Server).getConfigGeoFilter, Tag: "config", Summary: "Geo filter", Resp: "GeoFilter"},
		{Method: "GET", Path: "/api/config/areas", Handle: (*Server).getConfigAreas, Tag: "config", Summary: "Configured areas", Resp: "AreaList"},
		{Method: "GET", Path: "/api/config/areas/polygons", Handle: (*Server).getConfigAreaPolygons, Tag: "config", Summary: "Configured areas with their polygon or bounding box", Resp: "AreaPolygonList"},
		{Method: "PUT", Path: "/api/config/geo-filter", Handle: (*Server).putConfigGeoFilter, Tag: "config", Auth: true,
			Summary: "Set or clear the geo-filter polygon (saved next to the database in geo-filter.json, applied by server and ingestor)",
			Body:    "GeoFilterBody", Resp: "GeoFilterSaved", Status: []int{500, 503}},
		{Method: "GET", Path: "/api/iata-coords", Handle: (*Server).getIATACoords, Tag: "config", Summary: "Airport coordinates", Resp: "IATACoords"},

		// health, stats, perf
		{Method: "GET", Path: "/api/healthz", Handle: (*Server).getHealthz, Tag: "admin", Summary: "Readiness", Resp: "Healthz", Status: []int{503}},
		{Method: "GET", Path: "/api/health", Handle: (*Server).getHealth, Tag: "admin", Summary: "Process health", Resp: "Health"},
		{Method: "GET", Path: "/api/stats", Handle: (*Server).getStats, Tag: "admin", Summary: "Home-page counters", Resp: "Stats", Gated: true},
		{Method: "GET", Path: "/api/perf", Handle: (*Server).getPerf, Tag: "admin", Summary: "Request and store performance", Resp: "Perf", Operator: true, Status: []int{401, 403}},
		{Method: "GET", Path: "/api/perf/io", Handle: (*Server).getPerfIO, Tag: "admin", Summary: "Process I/O rates", Resp: "PerfIO", Operator: true, Status: []int{401, 403}},
		{Method: "GET", Path: "/api/perf/sqlite", Handle: (*Server).getPerfSQLite, Tag: "admin", Summary: "SQLite figures", Resp: "PerfSQLite", Operator: true, Status: []int{401, 403}},
		{Method: "GET", Path: "/api/perf/write-sources", Handle: (*Server).getWriteSources, Tag: "admin", Summary: "Ingestor write counters", Resp: "WriteSources", Operator: true, Status: []int{401, 403}},
		{Method: "GET", Path: "/api/mqtt/status", Handle: (*Server).getMQTTStatus, Tag: "admin", Summary: "MQTT source status", Resp: "MQTTStatus", Operator: true, Status: []int{401, 403}},
		{Method: "POST", Path: "/api/perf/reset", Handle: (*Server).resetPerf, Tag: "admin", Summary: "Reset request counters", Auth: true, Resp: "OK", Status: []int{401, 403}},
		{Method: "GET", Path: "/api/backup", Handle: (*Server).getBackup, Tag: "admin", Auth: true, Resp: "Binary", Status: []int{500, 503, 507},
			Summary: "Consistent SQLite snapshot (VACUUM INTO a temporary file next to the database, streamed, then removed); one at a time, 503 with Retry-After while one runs, 507 when the disk is full"},
		{Method: "GET", Path: "/api/dropped-packets", Handle: (*Server).listDroppedPackets, Tag: "admin", Auth: true, Summary: "Packets the ingestor refused, newest first", Resp: "DroppedPackets", Status: []int{400, 503},
			Query: []param{q("limit", "integer", "rows, 1-500 (default 100)"), q("reason", "string", "exact reason, e.g. invalid signature"),
				q("observer", "string", "observer id"), q("pubkey", "string", "node pubkey"), q("since", "string", "ISO time: dropped at or after")}},
		{Method: "GET", Path: "/api/debug/affinity", Handle: (*Server).getDebugAffinity, Tag: "admin", Auth: true, Gated: true, Resp: "DebugAffinity", Status: []int{400},
			Summary: "Hop-disambiguation table: neighbour edges and, per unresolved hop prefix, the candidates with their affinity and the deciding rule",
			Query: []param{q("prefix", "string", "hex hop prefix: edges with an end starting with it, and its resolution"), q("node", "string", "pubkey: edges touching it; context for ?prefix="),
				q("limit", "integer", "edges listed, 1-2000 (default 200)")}},
		{Method: "POST", Path: "/api/admin/prune-geo-filter", Handle: (*Server).postPruneGeoFilter, Tag: "admin", Auth: true, Gated: true, Body: "PruneRequestBody", BodyOptional: true,
			Summary: "Preview (default) or, with confirm=true and the previewed pubkeys, queue the deletion of stored nodes outside the geo filter; the ingestor deletes them",
			Query:   []param{q("confirm", "boolean", "true: queue the pubkeys in the body (202)")}, Resp: "PrunePreview", Status: []int{202, 400, 500}},
		{Method: "GET", Path: "/api/admin/prune-geo-filter/status", Handle: (*Server).getPruneStatus, Tag: "admin", Auth: true, Summary: "State of a queued geo prune (pending, done, error)",
			Query: []param{q("id", "string", "requestId from the POST")}, Resp: "PruneStatus", Status: []int{400, 404, 500}},

		// packets
		{Method: "GET", Path: "/api/packets", Handle: (*Server).listPackets, Tag: "packets", Summary: "Packet feed", Gated: true, Resp: "PacketList",
			Query: []param{pLimit, pOffset, q("order", "string", "asc or desc"), q("type", "string", "payload types, comma-separated (any of)"), q("route", "integer", "route type"),
				q("hash", "string", "content hash"), q("observer", "string", "observer ids, comma-separated"), q("node", "string", "pubkey or name"),
				q("channel", "string", "channel name or enc_<HEX>"), pRegion, q("since", "string", "first_seen after"), q("until", "string", "first_seen before"),
				q("groupByHash", "boolean", "group by hash"), q("expand", "string", "observations"), q("nodes", "string", "comma-separated pubkeys")}},
		{Method: "GET", Path: "/api/packets/timestamps", Handle: (*Server).listPacketTimestamps, Tag: "packets", Summary: "First-seen times after since", Gated: true,
			Query: []param{q("since", "string", "required ISO time")}, Resp: "StringList", Status: []int{400}},
		{Method: "GET", Path: "/api/packets/{id}", Handle: (*Server).getPacket, Tag: "packets", Summary: "Packet detail by id or hash", Gated: true, Resp: "PacketDetail", Status: []int{404}},
		{Method: "POST", Path: "/api/packets/observations", Handle: (*Server).batchObservations, Tag: "packets", Summary: "Observations for many hashes", Gated: true, Body: "HashList", Resp: "ObservationBatch", Status: []int{400}},
		{Method: "POST", Path: "/api/packets", Handle: (*Server).injectPacket, Tag: "packets", Summary: "Inject a packet via the ingestor", Auth: true, Body: "InjectRequest", Resp: "InjectResponse", Status: []int{400, 401, 403, 503}},
		{Method: "POST", Path: "/api/decode", Handle: (*Server).decodePacket, Tag: "packets", Summary: "Decode a packet without storing", Body: "HexBody", Resp: "DecodeResponse", Status: []int{400}},
		{Method: "GET", Path: "/api/traces/{hash}", Handle: (*Server).getTraces, Tag: "packets", Summary: "Every observation of a packet", Gated: true, Resp: "Traces"},

		// nodes
		{Method: "GET", Path: "/api/nodes", Handle: (*Server).listNodes, Tag: "nodes", Summary: "Node list", Desc: descRelayCounts, Gated: true, Resp: "NodeList",
			Query: []param{pLimit, pOffset, q("role", "string", "role"), q("search", "string", "name substring"), q("before", "string", "first_seen at or before"),
				q("lastHeard", "string", "1h, 6h, 24h, 7d, 30d"), q("sortBy", "string", "name, lastSeen, packetCount"),
				q("region", "string", "comma-separated observer IATA codes; a value starting with # or $ is a declared scope region (declared_regions)"), pArea,
				q("scope", "string", "comma-separated scope names ('#' optional): nodes declaring, configured with or seen forwarding one"),
				q("scopeState", "string", "comma-separated scope_config_state values: scoped, open, mismatch, unknown (400 otherwise)")}},
		{Method: "GET", Path: "/api/nodes/search", Handle: (*Server).searchNodes, Tag: "nodes", Summary: "Node typeahead", Gated: true, Query: []param{q("q", "string", "name substring or pubkey prefix")}, Resp: "NodeSearch"},
		{Method: "GET", Path: "/api/nodes/bulk-health", Handle: (*Server).bulkHealth, Tag: "nodes", Summary: "Health of many nodes", Gated: true, Query: []param{pLimit, pRegion, pArea}, Resp: "BulkHealth"},
		{Method: "GET", Path: "/api/nodes/network-status", Handle: (*Server).networkStatus, Tag: "nodes", Summary: "Fleet status counts", Gated: true, Resp: "NetworkStatus"},
		{Method: "GET", Path: "/api/nodes/resolve", Handle: (*Server).resolveNode, Tag: "nodes", Summary: "Resolve a pubkey prefix", Gated: true, Query: []param{q("prefix", "string", "hex prefix")}, Resp: "ResolveNode", Status: []int{400}},
		{Method: "GET", Path: "/api/nodes/{pubkey}", Handle: (*Server).getNode, Tag: "nodes", Summary: "Node detail", Desc: descRelayCounts, Gated: true, Resp: "NodeDetail", Status: []int{404, 409}},
		{Method: "GET", Path: "/api/nodes/{pubkey}/health", Handle: (*Server).getNodeHealth, Tag: "nodes", Summary: "Node health", Gated: true, Resp: "NodeHealth", Status: []int{404}},
		{Method: "GET", Path: "/api/nodes/{pubkey}/analytics", Handle: (*Server).getNodeAnalytics, Tag: "nodes", Summary: "Node analytics", Desc: descNodeAnalytics, Gated: true, Query: []param{pDays}, Resp: "NodeAnalytics", Status: []int{404}},
		{Method: "GET", Path: "/api/nodes/{pubkey}/paths", Handle: (*Server).getNodePaths, Tag: "nodes", Summary: "Relay paths through a node", Gated: true, Resp: "NodePaths", Status: []int{404}},
		{Method: "GET", Path: "/api/nodes/{pubkey}/neighbors", Handle: (*Server).getNodeNeighbors, Tag: "nodes", Summary: "First-hop neighbours", Gated: true,
			Query: []param{q("min_count", "integer", "minimum edge count"), q("min_score", "number", "minimum score")}, Resp: "NodeNeighbors", Status: []int{404}},
		{Method: "GET", Path: "/api/nodes/{pubkey}/reach", Handle: (*Server).getNodeReach, Tag: "nodes", Summary: "Two-way RF reach: who hears the node, whom it hears, SNR each way", Gated: true,
			Query: []param{q("days", "integer", "lookback in days, 1-30 (default 7; 400 otherwise)")}, Resp: "NodeReach", Status: []int{400, 404}},
		{Method: "GET", Path: "/api/nodes/{pubkey}/rx-coverage", Handle: (*Server).getNodeRxCoverage, Tag: "nodes", Summary: "Mobile-client receptions of one node in hex cells (404 while clientRxCoverage.enabled is false)", Gated: true,
			Query: rxCoverageParams[:3], Resp: "NodeRxCoverage", Status: []int{400, 404}},
		{Method: "GET", Path: "/api/rx-coverage", Handle: (*Server).getRxCoverage, Tag: "nodes", Summary: "Mobile-client receptions in hex cells (404 while clientRxCoverage.enabled is false)", Gated: true,
			Query: rxCoverageParams, Resp: "RxCoverage", Status: []int{400, 404}},
		{Method: "GET", Path: "/api/rx-leaderboard", Handle: (*Server).getRxLeaderboard, Tag: "nodes", Summary: "Mobile receivers ranked by unique coverage (404 while clientRxCoverage.enabled is false)", Gated: true,
			Query: []param{rxCoverageParams[0], q("limit", "integer", "rows, 1-100 (default 20; 400 otherwise)")}, Resp: "RxLeaderboard", Status: []int{400, 404}},
		{Method: "GET", Path: "/api/resolve-hops", Handle: (*Server).resolveHops, Tag: "nodes", Summary: "Resolve hop prefixes", Gated: true, Query: []param{q("hops", "string", "comma-separated prefixes"),
			q("from_node", "string", "context pubkey for neighbour affinity"), q("observer", "string", "context observer pubkey")}, Resp: "ResolveHops"},

		// analytics
		{Method: "GET", Path: "/api/analytics/neighbor-graph", Handle: (*Server).getNeighborGraph, Tag: "analytics", Summary: "Neighbour graph", Gated: true,
			Query: []param{q("min_count", "integer", "minimum edge count"), q("min_score", "number", "minimum score"), pRegion, q("role", "string", "endpoint role")}, Resp: "NeighborGraph"},

		{Method: "GET", Path: "/api/analytics/rf", Handle: (*Server).getAnalyticsRF, Tag: "analytics", Summary: "RF statistics", Gated: true, Query: []param{pRegion, pWindow, pFrom, pTo}, Resp: "AnalyticsRF"},
		{Method: "GET", Path: "/api/analytics/topology", Handle: (*Server).getAnalyticsTopology, Tag: "analytics", Summary: "Hop and relay statistics", Desc: descTopology, Gated: true, Query: []param{pRegion, pWindow, pFrom, pTo}, Resp: "AnalyticsTopology"},
		{Method: "GET", Path: "/api/analytics/hash-sizes", Handle: (*Server).getAnalyticsHashSizes, Tag: "analytics", Summary: "Path hash sizes", Gated: true, Query: []param{pRegion, pWindow, pFrom, pTo}, Resp: "AnalyticsHashSizes"},
		{Method: "GET", Path: "/api/analytics/subpaths", Handle: (*Server).getAnalyticsSubpaths, Tag: "analytics", Summary: "Recurring hop sequences", Gated: true,
			Query: []param{pRegion, q("minLen", "integer", "shortest run (>= 2)"), q("maxLen", "integer", "longest run"), pLimit, pWindow, pFrom, pTo}, Resp: "AnalyticsSubpaths"},
		{Method: "GET", Path: "/api/analytics/distance", Handle: (*Server).getAnalyticsDistance, Tag: "analytics", Summary: "Hop distances", Desc: descDistance, Gated: true, Query: []param{pRegion, pWindow, pFrom, pTo}, Resp: "AnalyticsDistance"},
		{Method: "GET", Path: "/api/analytics/relay-airtime-share", Handle: (*Server).getRelayAirtimeShare, Tag: "analytics", Summary: "Relay airtime by payload type", Desc: descRelayAirtime, Gated: true, Query: []param{pRegion, pWindow, pFrom, pTo}, Resp: "RelayAirtime"},
		{Method: "GET", Path: "/api/analytics/subpaths-bulk", Handle: (*Server).getSubpathsBulk, Tag: "analytics", Summary: "Subpaths for several length buckets", Gated: true,
			Query: []param{q("groups", "string", "min-max:limit,... e.g. 2-2:50,3-3:30"), pRegion, pWindow, pFrom, pTo}, Resp: "SubpathsBulk"},
		{Method: "GET", Path: "/api/analytics/subpath-detail", Handle: (*Server).getSubpathDetail, Tag: "analytics", Summary: "Transmissions through a hop sequence", Gated: true,
			Query: []param{q("hops", "string", "comma-separated hop prefixes (>= 2)"), pRegion, pWindow, pFrom, pTo}, Resp: "SubpathDetail"},
		{Method: "GET", Path: "/api/analytics/hash-collisions", Handle: (*Server).getHashCollisions, Tag: "analytics", Summary: "Repeater prefix collisions", Gated: true, Query: []param{pRegion, pWindow, pFrom, pTo}, Resp: "HashCollisions"},
		{Method: "GET", Path: "/api/analytics/channels", Handle: (*Server).getAnalyticsChannels, Tag: "analytics", Summary: "Channel statistics", Desc: descChannelsAnalytics, Gated: true, Query: []param{pRegion, pWindow, pFrom, pTo}, Resp: "AnalyticsChannels"},
		{Method: "GET", Path: "/api/audio-lab/buckets", Handle: (*Server).getAudioLabBuckets, Tag: "analytics", Summary: "Sample packets per payload type and a time-bucketed timeline for sonification",
			Desc: descAudioLab, Gated: true, Query: []param{pAudioMinutes, pAudioBucket, pAudioTo, pRegion}, Resp: "AudioBuckets", Status: []int{400}},

		// channels
		{Method: "GET", Path: "/api/channels", Handle: (*Server).listChannels, Tag: "channels", Summary: "Channel list", Gated: true, Query: []param{pRegion, q("includeEncrypted", "boolean", "append encrypted groups")}, Resp: "ChannelList"},
		{Method: "GET", Path: "/api/channels/{hash}/messages", Handle: (*Server).listChannelMessages, Tag: "channels", Summary: "Channel messages", Desc: descChannelMessages, Gated: true, Query: []param{pLimit, pOffset, pRegion}, Resp: "ChannelMessages"},
		{Method: "GET", Path: "/api/known-channels", Handle: (*Server).getKnownChannels, Tag: "channels", Summary: "Catalogue of public channels to add",
			Query: []param{q("region", "string", "ISO-3166 alpha-2 country code: its entries plus worldwide ones")}, Resp: "KnownChannels", Status: []int{400}},

		// observers
		{Method: "GET", Path: "/api/observers", Handle: (*Server).listObservers, Tag: "observers", Summary: "Observer list", Gated: true, Query: []param{pRegion}, Resp: "ObserverList"},
		{Method: "GET", Path: "/api/observers/{id}", Handle: (*Server).getObserver, Tag: "observers", Summary: "Observer detail", Gated: true, Resp: "Observer", Status: []int{404}},
		{Method: "GET", Path: "/api/observers/{id}/analytics", Handle: (*Server).getObserverAnalytics, Tag: "observers", Summary: "Observer analytics", Desc: descObserverAnalytics, Gated: true, Query: []param{pDays}, Resp: "ObserverAnalytics"},

		// analytics: roles, clock skew, scopes, observer metrics, battery, path inspector (issue #7)
		{Method: "GET", Path: "/api/analytics/roles", Handle: (*Server).getRoles, Tag: "analytics", Summary: "Node roles with clock health", Gated: true, Resp: "AnalyticsRoles"},
		{Method: "GET", Path: "/api/scope-stats", Handle: (*Server).getScopeStats, Tag: "analytics", Summary: "Transport-scope statistics", Desc: descScopeStats, Gated: true,
			Query: []param{q("window", "string", "1h, 24h or 7d")}, Resp: "ScopeStats", Status: []int{400}},
		{Method: "GET", Path: "/api/scope-stats/breakdown", Handle: (*Server).getScopeBreakdown, Tag: "analytics", Summary: "Traffic per scope over time and top repeaters per scope", Gated: true,
			Query: []param{q("window", "string", "1h, 24h or 7d")}, Resp: "ScopeBreakdown", Status: []int{400}},
		{Method: "GET", Path: "/api/scopes/audit", Handle: (*Server).getScopeAudit, Tag: "analytics", Summary: "Scope Audit: repeaters' declared, configured and transported scopes", Gated: true,
			Query: []param{q("state", "string", "comma-separated scope_config_state values"), q("mismatch", "string", "comma-separated mismatch kinds (a row shows at least one)"),
				q("scope", "string", "a scope name declared, configured or transported ('#' optional)"), q("q", "string", "name or public key substring"),
				q("sort", "string", "state, name, declared, configured, transported, unscoped, mismatches or last_seen"), q("order", "string", "asc or desc"),
				q("format", "string", "json (default) or csv: the same rows as a CSV file")}, Resp: "ScopeAudit", CSV: true, Status: []int{400}},
		{Method: "GET", Path: "/api/nodes/clock-skew", Handle: (*Server).getNodesClockSkew, Tag: "nodes", Summary: "Fleet clock skew", Gated: true, Query: []param{pArea}, Resp: "NodeClockSkewList"},
		{Method: "GET", Path: "/api/nodes/{pubkey}/clock-skew", Handle: (*Server).getNodeClockSkew, Tag: "nodes", Summary: "Node clock skew", Gated: true, Resp: "NodeClockSkew", Status: []int{404}},
		{Method: "GET", Path: "/api/nodes/{pubkey}/battery", Handle: (*Server).getNodeBattery, Tag: "nodes", Summary: "Node battery series", Gated: true, Query: []param{pDays}, Resp: "NodeBattery", Status: []int{404}},
		{Method: "GET", Path: "/api/nodes/{pubkey}/airtime", Handle: (*Server).getNodeAirtime, Tag: "nodes", Summary: "Node transmit airtime and duty cycle per hour", Desc: descNodeAirtime, Gated: true,
			Query: []param{pAirtimeHours}, Resp: "DutyCycle", Status: []int{400}},
		{Method: "GET", Path: "/api/observers/{id}/airtime", Handle: (*Server).getObserverAirtime, Tag: "observers", Summary: "Observer airtime heard and duty cycle per hour", Desc: descObserverAirtime, Gated: true,
			Query: []param{pAirtimeHours}, Resp: "DutyCycle", Status: []int{400}},
		{Method: "GET", Path: "/api/observers/clock-skew", Handle: (*Server).getObserversClockSkew, Tag: "observers", Summary: "Observer clock offsets", Gated: true, Resp: "ObserverClockSkew"},
		{Method: "GET", Path: "/api/observers/metrics/summary", Handle: (*Server).getObserverMetricsSummary, Tag: "observers", Summary: "Observer noise floor and battery summary", Gated: true,
			Query: []param{q("window", "string", "Go duration (24h) or <n>d"), q("region", "string", "one IATA code")}, Resp: "ObserverMetricsSummary", Status: []int{400}},
		{Method: "GET", Path: "/api/observers/{id}/metrics", Handle: (*Server).getObserverMetrics, Tag: "observers", Summary: "Observer metric series", Gated: true,
			Query: []param{q("since", "string", "ISO time (default now-24h)"), q("until", "string", "ISO time"), q("resolution", "string", "5m, 1h or 1d")}, Resp: "ObserverMetrics", Status: []int{400}},
		{Method: "GET", Path: "/api/alerts", Handle: (*Server).getAlerts, Tag: "admin", Summary: "Firing and recently resolved alerts, with the rules and their mutes", Resp: "AlertList"},
		{Method: "POST", Path: "/api/alerts/ack", Handle: (*Server).postAlertAck, Tag: "admin", Summary: "Acknowledge a firing alert", Auth: true, Body: "AlertAck", Resp: "OK", Status: []int{400, 401, 403, 404}},
		{Method: "POST", Path: "/api/alerts/mute", Handle: (*Server).postAlertMute, Tag: "admin", Summary: "Mute or unmute an alert rule (its webhooks)", Auth: true, Body: "AlertMute", Resp: "OK", Status: []int{400, 401, 403, 404}},
		{Method: "POST", Path: "/api/paths/inspect", Handle: (*Server).inspectPaths, Tag: "nodes", Summary: "Score node paths for a hop-prefix list", Gated: true, Body: "InspectRequest", Resp: "PathsInspect", Status: []int{400, 503}},

		// docs
		{Method: "GET", Path: "/api/spec", Handle: (*Server).getSpec, Tag: "admin", Summary: "OpenAPI document", Resp: "Object"},
		{Method: "GET", Path: "/api/docs", Handle: (*Server).getDocs, Tag: "admin", Summary: "Swagger UI", Resp: "HTML"},
	}
}
