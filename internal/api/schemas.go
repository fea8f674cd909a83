package api

import (
	"strings"

	"github.com/getkin/kin-openapi/openapi3"
)

// Schema helpers: obj takes "name" (required) or "name?" (optional) keys.
func obj(props ...any) *openapi3.Schema {
	s := openapi3.NewObjectSchema()
	for i := 0; i+1 < len(props); i += 2 {
		name := props[i].(string)
		var ref *openapi3.SchemaRef
		switch v := props[i+1].(type) {
		case *openapi3.Schema:
			ref = openapi3.NewSchemaRef("", v)
		case string:
			ref = openapi3.NewSchemaRef("#/components/schemas/"+v, nil)
		}
		if n, ok := strings.CutSuffix(name, "?"); ok {
			name = n
		} else {
			s.Required = append(s.Required, name)
		}
		s.Properties[name] = ref
	}
	return s
}

func str() *openapi3.Schema   { return openapi3.NewStringSchema() }
func strN() *openapi3.Schema  { return openapi3.NewStringSchema().WithNullable() }
func intg() *openapi3.Schema  { return openapi3.NewIntegerSchema() }
func intN() *openapi3.Schema  { return openapi3.NewIntegerSchema().WithNullable() }
func num() *openapi3.Schema   { return openapi3.NewFloat64Schema() }
func numN() *openapi3.Schema  { return openapi3.NewFloat64Schema().WithNullable() }
func boolS() *openapi3.Schema { return openapi3.NewBoolSchema() }
func anyObj() *openapi3.Schema {
	return openapi3.NewObjectSchema().WithAnyAdditionalProperties()
}
func anyObjN() *openapi3.Schema { return anyObj().WithNullable() }
func arr(item any) *openapi3.Schema {
	s := openapi3.NewArraySchema()
	switch v := item.(type) {
	case *openapi3.Schema:
		s.Items = openapi3.NewSchemaRef("", v)
	case string:
		s.Items = openapi3.NewSchemaRef("#/components/schemas/"+v, nil)
	}
	return s
}
func arrN(item any) *openapi3.Schema { return arr(item).WithNullable() }
func mapOf(v *openapi3.Schema) *openapi3.Schema {
	return openapi3.NewObjectSchema().WithAdditionalProperties(v)
}

// schemas are the components.schemas of the OpenAPI document (api.md §3–§4).
func schemas() openapi3.Schemas {
	m := map[string]*openapi3.Schema{
		"Object":      anyObj(),
		"StringMap":   mapOf(str()),
		"StringList":  arr(str()),
		"Error":       obj("error", str()),
		"Unavailable": obj("ready?", boolS(), "reason?", str(), "error?", str(), "progress?", intg()),
		"OK":          obj("ok", boolS()),
		"HexBody":     obj("hex", str()),
		"HashList":    obj("hashes", arr(str())),

		"ClientConfig": obj("roles", anyObjN(), "healthThresholds", obj("infraDegradedMs", intg(), "infraSilentMs", intg(),
			"nodeDegradedMs", intg(), "nodeSilentMs", intg(), "observerOnlineMs", intg(), "observerStaleMs", intg()),
			"map", obj("tiles", anyObj()), "propagationBufferMs", num(), "liveMapMaxNodes", intg(),
			"timestamps", obj("defaultMode", str(), "timezone", str(), "formatPreset", str(), "customFormat", str(), "allowCustomFormat", boolS()),
			"customizer", obj("disabledTabs", arr(str())), "clientRxCoverage", boolS(), "debugAffinity?", boolS(),
			"mqtt", arr(obj("name", str(), "scheme", str(), "port", intg(), "local", boolS(), "topicPrefix", str())), "defaultRegion", str()),
		"Theme":     obj("branding", anyObj(), "theme", anyObj(), "themeDark", anyObj(), "nodeColors", anyObj(), "typeColors", anyObj(), "home", anyObj()),
		"MapConfig": obj("center", arr(num()), "zoom", intg()),
		"GeoFilter": obj("polygon", arrN(arr(num())), "bufferKm", num(), "writeEnabled", boolS()),
		"AreaList":  arr(obj("key", str(), "label", str())),
		"AreaPolygonList": arr(obj("key", str(), "label", str(), "polygon?", arr(arr(num())),
			"latMin?", num(), "latMax?", num(), "lonMin?", num(), "lonMax?", num())),
		"GeoFilterBody":  obj("polygon?", arrN(arr(num())), "bufferKm?", num()),
		"GeoFilterSaved": obj("polygon", arrN(arr(num())), "bufferKm", num()),
		"DroppedPackets": arr(obj("id", intg(), "hash", strN(), "reason", str(), "observer_id", strN(), "observer_name", strN(),
			"node_pubkey", strN(), "node_name", strN(), "dropped_at", strN(), "raw_hex", strN())),
		"DebugAffinity": obj(
			"edges", arr(obj("nodeA", str(), "nodeAName?", str(), "nodeB", str(), "nodeBName?", str(), "prefix?", str(), "weight", intg(),
				"score", num(), "avgSnr?", numN(), "observers", arr(str()), "ambiguous", boolS(), "firstSeen", str(), "lastSeen", str())),
			"resolutions", arr(obj("prefix", str(), "context", arr(str()), "chosen?", str(), "chosenName?", str(), "confidence", str(), "score", num(),
				"candidates", arr(obj("pubkey", str(), "name?", str(), "affinity", num())))),
			"stats", obj("totalEdges", intg(), "ambiguousCount", intg(), "unresolvedCount", intg(), "prefixesResolved", intg(), "lastRebuild", str())),
		"PruneRequestBody": obj("pubkeys", arr(str())),
		"PrunePreview": obj("dryRun", boolS(), "count", intg(), "nodes", arr(obj("pubkey", str(), "name", strN(), "lat", numN(), "lon", numN())),
			"accepted?", boolS(), "requestId?", str(), "statusUrl?", str()),
		"PruneStatus": obj("requestId", str(), "status", str(), "deleted?", intg(), "requestedAt?", str(), "completedAt?", str(), "error?", str()),
		"IATACoords":  obj("coords", mapOf(obj("lat", num(), "lon", num()))),

		"Healthz": obj("ready", boolS(), "loadedTx?", intg(), "loadedObs?", intg(), "reason?", str(),
			"from_pubkey_backfill?", obj("total", intg(), "processed", intg(), "done", boolS()),
			"ingest_liveness?", mapOf(obj("lastReceiptUnix", intg(), "lastMessageUnix", intg()))),
		"Health": obj("status", str(), "engine", str(), "version", str(), "commit", str(), "buildTime", str(), "uptime", intg(),
			"uptimeHuman", str(), "memory", obj("rss", num(), "heapUsed", num(), "heapTotal", num(), "external", num()),
			"eventLoop", obj("currentLagMs", num(), "maxLagMs", num(), "p50Ms", num(), "p95Ms", num(), "p99Ms", num()),
			"cache", obj("entries", intg(), "hits", intg(), "misses", intg(), "staleHits", intg(), "recomputes", intg(), "hitRate", num()),
			"websocket", obj("clients", intg()), "packetStore", obj("packets", intg(), "estimatedMB", num(), "trackedMB", num()),
			"perf", obj("totalRequests", intg(), "avgMs", num(), "slowQueries", intg(), "recentSlow", arr("SlowQuery"))),
		"SlowQuery": obj("path", str(), "ms", num(), "time", str(), "status", intg()),
		"Stats": obj("totalPackets", intg(), "totalTransmissions", intN(), "totalObservations", intg(), "totalNodes", intg(),
			"totalNodesAllTime", intg(), "totalObservers", intg(), "packetsLastHour", intg(), "packetsLast24h", intg(),
			"engine", str(), "version", str(), "commit", str(), "buildTime", str(),
			"counts", obj("repeaters", intg(), "rooms", intg(), "companions", intg(), "sensors", intg()),
			"hashMigrationComplete", boolS(), "trackedMB", num(), "storeDataMB", num(), "processRSSMB", num(),
			"goHeapInuseMB", num(), "goSysMB", num(), "neighborGraphCacheRebuildFailures", intg()),
		"Perf": obj("uptime", intg(), "totalRequests", intg(), "avgMs", num(),
			"endpoints", mapOf(obj("count", intg(), "avgMs", num(), "p50Ms", num(), "p95Ms", num(), "maxMs", num())),
			"slowQueries", arr("SlowQuery"),
			"cache", obj("size", intg(), "hits", intg(), "misses", intg(), "staleHits", intg(), "recomputes", intg(), "hitRate", num()),
			"packetStore", obj("totalLoaded", intg(), "totalObservations", intg(), "evicted", intg(), "inserts", intg(), "queries", intg(),
				"inMemory", intg(), "sqliteOnly", boolS(), "estimatedMB", num(), "trackedMB", num(), "maxMB", intg(),
				"indexes", obj("byHash", intg(), "byObserver", intg(), "byNode", intg(), "advertByObserver", intg()),
				"backgroundLoadComplete", boolS(), "retentionHours", num(), "oldestLoaded", str()),
			"sqlite", obj("dbSizeMB", num(), "walSizeMB", num(), "freelistMB", num(),
				"walPages", obj("total", intg(), "checkpointed", intg(), "busy", intg()),
				"rows", obj("transmissions", intg(), "observations", intg(), "nodes", intg(), "observers", intg())),
			"goRuntime", obj("goroutines", intg(), "numGC", intg(), "pauseTotalMs", num(), "lastPauseMs", num(),
				"heapAllocMB", num(), "heapSysMB", num(), "heapInuseMB", num(), "heapIdleMB", num(), "numCPU", intg())),
		"PerfIOSample": obj("readBytesPerSec", num(), "writeBytesPerSec", num(), "cancelledWriteBytesPerSec", num(),
			"syscallsRead", num(), "syscallsWrite", num(), "sampledAt?", str()),
		"PerfIO": obj("readBytesPerSec", num(), "writeBytesPerSec", num(), "cancelledWriteBytesPerSec", num(),
			"syscallsRead", num(), "syscallsWrite", num(), "ingestor?", "PerfIOSample"),
		"PerfSQLite":   obj("walSizeMB", num(), "walSize", intg(), "pageCount", intg(), "pageSize", intg(), "cacheSize", intg(), "cacheHitRate", num()),
		"WriteSources": obj("sources", mapOf(intg()), "sampleAt", str(), "writer_perf?", mapOf(anyObj())),
		"MQTTStatus":   obj("sources", arr(anyObj()), "sampleAt", str(), "watchdogLastTickUnix?", intg(), "watchdogPanicCount?", intg()),

		"ObsLite": obj("id", intg(), "observer_id?", strN(), "observer_name?", strN(), "observer_iata?", strN(), "snr?", numN(),
			"rssi?", numN(), "path_json?", strN(), "timestamp?", strN(), "direction?", strN(), "resolved_path?", arrN(strN())),
		"Tx": obj("id", intg(), "raw_hex", strN(), "hash", str(), "first_seen", str(), "timestamp", str(), "route_type", intN(),
			"payload_type", intN(), "decoded_json", strN(), "scope_name", scopeNameSchema(), "observation_count", intg(), "observer_id", strN(), "observer_name", strN(),
			"observer_iata", strN(), "snr", numN(), "rssi", numN(), "path_json", strN(), "direction", strN(), "_parsedPath", arrN(str()),
			"resolved_path?", arrN(strN()), "observations?", arr("ObsLite")),
		"GroupedTx": obj("hash", str(), "first_seen", str(), "count", intg(), "observer_count", intg(), "observation_count", intg(),
			"latest", str(), "observer_id", strN(), "observer_name", strN(), "observer_iata", strN(), "distinct_iatas", arr(str()),
			"path_json", strN(), "payload_type", intN(), "route_type", intN(), "raw_hex", strN(), "decoded_json", strN(), "scope_name", scopeNameSchema(), "snr", numN(), "rssi", numN()),
		"PacketList": obj("packets", arr(openapi3.NewOneOfSchema(refS("Tx"), refS("GroupedTx"))), "total", intg(), "limit", intg(), "offset", intg()),
		"ObsDetail": obj("id", intg(), "hash?", str(), "observer_id", strN(), "observer_name", strN(), "observer_iata", strN(), "snr", numN(),
			"rssi", numN(), "path_json", strN(), "resolved_path?", arrN(strN()), "direction?", str(), "raw_hex?", str(), "timestamp", strN()),
		"PacketDetail":     obj("packet", anyObj(), "path", arr(str()), "observation_count", intg(), "observations", arr("ObsDetail")),
		"ObservationBatch": obj("results", mapOf(arr("ObsDetail"))),
		"InjectRequest":    obj("hex", str(), "observer?", str(), "snr?", num(), "rssi?", num(), "region?", str(), "hash?", str()),
		"InjectResponse":   obj("id", intg(), "observationId", intg(), "hash", str(), "new", boolS(), "decoded", "Decoded"),
		"Decoded":          obj("header", obj("routeType", intg(), "routeTypeName", str(), "payloadType", intg(), "payloadTypeName", str(), "payloadVersion", intg()), "path", anyObj(), "payload", anyObj()),
		"DecodeResponse":   obj("decoded", "Decoded"),
		"Traces":           obj("traces", arr(obj("observer", strN(), "observer_name", strN(), "time", strN(), "snr", numN(), "rssi", numN(), "path_json", strN()))),

		"NodeBase": obj("public_key", str(), "name", strN(), "role", strN(), "lat", numN(), "lon", numN(), "last_seen", strN(),
			"first_seen", strN(), "advert_count", intg(), "last_heard", strN(), "hash_size", intN(), "hash_size_inconsistent", boolS(),
			"foreign", boolS(), "battery_mv", intN(), "temperature_c", numN(), "default_scope?", strN(), "hash_sizes_seen?", arr(intg()),
			"last_relayed?", str(), "relay_active?", boolS(), "relay_count_1h?", intg(), "relay_count_24h?", intg(),
			"declared_regions?", arr(str()), "configured_scopes?", arr(str()), "configured_scopes_source?", "ScopeSource",
			"transported_scopes?", arr(str()), "unscoped_relay_count_24h?", intg(), "scope_config_state?", scopeStateSchema(),
			"scope_mismatches?", arr(str())),
		"ScopeAudit": obj("rows", arr("ScopeAuditRow"), "total", intg(), "counts", mapOf(intg()), "scopes", arr(str())),
		"ScopeAuditRow": obj("public_key", str(), "name", str(), "role", str(), "last_seen", str(), "scope_config_state", scopeStateSchema(),
			"declared_regions", arr(str()), "configured_scopes", arrN(str()), "denies_unscoped", openapi3.NewBoolSchema().WithNullable(),
			"configured_source", str(), "configured_at", str(), "transported_scopes", arr(str()), "transported_counts", mapOf(intg()),
			"unscoped_relay_count_24h", intg(), "scope_mismatches", arr(str()), "undeclared_scopes", arr(str()), "unforwarded_regions", arr(str())),
		"ScopeSource":      obj("kind", str(), "id", str(), "answered_at", str(), "denies_unscoped", openapi3.NewBoolSchema().WithNullable()),
		"NodeList":         obj("nodes", arr("NodeBase"), "total", intg(), "counts", "RoleCounts"),
		"RoleCounts":       obj("repeaters", intg(), "rooms", intg(), "companions", intg(), "sensors", intg()),
		"NodeSearch":       obj("nodes", arr("NodeBase")),
		"NodeDetail":       obj("node", "NodeBase", "recentAdverts", arr("Tx")),
		"NodeObserverStat": obj("observer_id", str(), "observer_name", strN(), "avgSnr", numN(), "avgRssi", numN(), "packetCount", intg()),
		"NodeStats": obj("totalTransmissions", intg(), "totalObservations", intg(), "totalPackets", intg(), "packetsToday", intg(),
			"avgSnr", numN(), "avgHops?", num(), "lastHeard", strN()),
		"NodeHealth": obj("node", "NodeBase", "observers", arr("NodeObserverStat"), "stats", "NodeStats", "recentPackets", arr("Tx")),
		"BulkHealth": arr(obj("public_key", str(), "name", strN(), "role", strN(), "lat", numN(), "lon", numN(), "stats", "NodeStats",
			"observers", arr("NodeObserverStat"))),
		"NodeAnalytics": obj("node", "NodeBase", "timeRange", obj("from", str(), "to", str(), "days", intg()), "clockSkew", anyObjN(),
			"activityTimeline", arr(obj("bucket", str(), "count", intg())),
			"snrTrend", arr(obj("timestamp", str(), "snr", numN(), "rssi", numN(), "observer_id?", strN(), "observer_name?", strN())),
			"packetTypeBreakdown", arr(obj("payload_type", intg(), "count", intg())),
			"observerCoverage", arr(obj("observer_id", str(), "observer_name", strN(), "packetCount", intg(), "avgSnr", numN(), "avgRssi", numN(), "firstSeen?", str(), "lastSeen?", str())),
			"hopDistribution", arr(obj("hops", str(), "count", intg())), "peerInteractions", arr(obj("peer_key", str(), "peer_name", strN(), "messageCount", intg(), "lastContact", str())),
			"uptimeHeatmap", arr(obj("dayOfWeek", intg(), "hour", intg(), "count", intg())),
			"computedStats", obj("availabilityPct", num(), "longestSilenceMs", intg(), "longestSilenceStart", strN(), "signalGrade", str(),
				"snrMean", num(), "snrStdDev", num(), "relayPct", num(), "totalPackets", intg(), "uniqueObservers", intg(), "uniquePeers", intg(), "avgPacketsPerDay", num())),
		"NetworkStatus": obj("total", intg(), "active", intg(), "degraded", intg(), "silent", intg(), "roleCounts", mapOf(intg())),
		"ResolveNode":   obj("prefix", str(), "pubkey?", str(), "name?", strN(), "ambiguous", boolS()),
		"PathHop":       obj("prefix", str(), "name", str(), "pubkey", strN(), "lat", numN(), "lon", numN()),
		"NodePaths": obj("node", obj("public_key", str(), "name", strN(), "lat", numN(), "lon", numN()),
			"paths", arr(obj("hops", arr("PathHop"), "count", intg(), "lastSeen", strN(), "sampleHash", str())),
			"totalPaths", intg(), "totalTransmissions", intg()),
		"NodeNeighbors": obj("node", str(), "total_observations", intg(), "neighbors", arr(obj("pubkey", strN(),
			"prefix", hopDoc(str(), "the hop prefix (lower case) that established the edge: the queried node's hop id when it relayed"),
			"name", strN(), "role", strN(), "count", intg(),
			"counts_by_mode", hopDoc(mapOf(intg()), "receptions by the establishing hop's size in bytes (\"0\" = heard directly)"),
			"score", hopDoc(num(), edgeScoreDoc), "first_seen", strN(), "last_seen", strN(),
			"avg_snr", numN(), "distance_km?", hopDoc(num(), "great-circle distance when both nodes have GPS"),
			"observers", arr(str()), "ambiguous", boolS(), "unresolved?", boolS(),
			"candidates?", arr(obj("pubkey", str(), "name", strN(), "role", strN()))))),
		"Candidate": obj("name", strN(), "pubkey", str(), "lat", numN(), "lon", numN(), "affinityScore?", numN()),
		"ResolveHops": obj("resolved", mapOf(obj("name", strN(), "pubkey?", str(), "ambiguous?", boolS(), "candidates", arr("Candidate"),
			"conflicts", arr("Candidate"), "bestCandidate?", str(), "confidence", str(), "confidenceScore", num()))),
		"NeighborGraph": obj("nodes", arr(obj("pubkey", str(), "name", strN(), "role", strN(), "neighbor_count", intg())),
			"edges", arr(obj("source", str(), "target", str(), "weight", intg(), "score", hopDoc(num(), edgeScoreDoc), "bidirectional", boolS(), "avg_snr", numN(),
				"ambiguous", hopDoc(boolS(), "the hop end matches several relays (or none): kept under prefix:<hex>, not guessed"))),
			"stats", obj("total_nodes", intg(), "total_edges", intg(), "ambiguous_edges", intg(), "avg_cluster_size", num(),
				"rejected_edges_geo_far", hopDoc(intg(), "receptions dropped because their edge joined two nodes with GPS more than 300 km apart"))),

		"Stats5":    obj("min", num(), "max", num(), "avg", num(), "median", num(), "stddev", num()),
		"Histogram": obj("bins", arr(obj("x", num(), "w", num(), "count", intg())), "min", num(), "max", num()),
		"AnalyticsRF": obj("totalPackets", intg(), "totalAllPackets", intg(), "totalTransmissions", intg(), "snr", "Stats5", "rssi", "Stats5",
			"snrValues", "Histogram", "rssiValues", "Histogram", "packetSizes", "Histogram", "minPacketSize", intg(), "maxPacketSize", intg(),
			"avgPacketSize", num(), "packetsPerHour", arr(obj("hour", str(), "count", intg())),
			"payloadTypes", arr(obj("type", intN(), "name", str(), "count", intg())),
			"snrByType", arr(obj("name", str(), "count", intg(), "avg", num(), "min", num(), "max", num())),
			"signalOverTime", arr(obj("hour", str(), "count", intg(), "avgSnr", numN())), "scatterData", arr(obj("snr", num(), "rssi", num())),
			"timeSpanHours", num()),
		"AnalyticsTopology": obj("uniqueNodes", intg(), "avgHops", num(), "medianHops", num(), "maxHops", intg(),
			"hopDistribution", arr(obj("hops", intg(), "count", intg())), "topRepeaters", hopDoc(arr(obj("hop", str(), "count", intg(), "name", strN(), "pubkey", strN())),
				"relays by hop count; the 1-, 2- and 3-byte prefixes of one relay are one row shown with its most used prefix; a prefix no single relay owns has name and pubkey null"),
			"topPairs", arr(obj("hopA", str(), "hopB", str(), "count", intg())), "hopsVsSnr", arr(obj("hops", intg(), "count", intg(), "avgSnr", numN())),
			"observers", arr(obj("id", str(), "name", str())), "perObserverReach", anyObj(), "multiObsNodes", arr(anyObj()), "bestPathList", arr(anyObj())),
		"AnalyticsHashSizes": obj("total", intg(), "distribution", obj("1", intg(), "2", intg(), "3", intg()),
			"distributionByRepeaters", obj("1", intg(), "2", intg(), "3", intg()),
			"hourly", arr(obj("hour", str(), "1", intg(), "2", intg(), "3", intg())),
			"topHops", hopDoc(arr(obj("hex", str(), "size", intg(), "count", intg(), "name?", strN(), "pubkey?", str())), "hop prefixes by every occurrence in every observation's path"),
			"multiByteNodes", arr(obj("name", str(), "hashSize", intg(), "packets", intg(), "lastSeen", str(), "pubkey", str(), "role", str())),
			"multiByteCapability", hopDoc(arr(obj("pubkey", str(), "name", str(), "role", str(), "status", str(), "evidence", str(), "maxHashSize", intg(), "lastSeen", str())),
				"every node: confirmed (its adverts used 2–3 byte hashes), suspected (its prefix travelled in a 2–3 byte path) or unknown"),
			"attributionMethod", hopDoc(str(), "observer without a region, repeater with one")),
		"AnalyticsSubpaths": obj("subpaths", arr(obj("path", hopDoc(str(), "hops named by their prefix's best match (the same name in every path)"), "rawHops", hopDoc(arr(str()), "hop prefixes, lower case"), "count", intg(), "hops", intg(), "pct", num())), "totalPaths", intg()),
		"DistStat":          obj("count", intg(), "avg", num(), "median", num(), "min", num(), "max", num()),
		"AnalyticsDistance": obj("summary", obj("totalHops", intg(), "totalPaths", intg(), "avgDist", num(), "maxDist", num()),
			"topHops", arr(obj("fromName", str(), "fromPk", str(), "toName", str(), "toPk", str(), "dist", num(), "type", str(),
				"bestSnr", numN(), "medianSnr", numN(), "obsCount", intg(), "hash", str(), "timestamp", str())),
			"topPaths", arr(obj("hash", str(), "totalDist", num(), "hopCount", intg(), "timestamp", str(),
				"hops", arr(obj("fromName", str(), "fromPk", str(), "toName", str(), "toPk", str(), "dist", num())))),
			"catStats", obj("R↔R", "DistStat", "C↔R", "DistStat", "C↔C", "DistStat"),
			"distHistogram", openapi3.NewOneOfSchema(refS("Histogram"), arr(anyObj()).WithMaxItems(0)),
			"distOverTime", arr(obj("hour", str(), "avg", numN(), "count", intg()))),
		"RelayAirtime": obj("rows", arr(obj("payload_type", str(), "type", intg(), "count", intg(), "count_pct", num(), "score", intg(), "airtime_pct", num())),
			"total_count", intg(), "total_score", intg(), "preset", obj("freq_hz", num(), "bw_khz", num(), "sf", intg(), "cr", intg(), "preamble", intg()),
			"window", str(), "cached", boolS()),
		"SubpathsBulk": obj("results?", arr("AnalyticsSubpaths"), "error?", str()),
		"SubpathDetail": obj("error?", str(), "hops?", arr(str()), "nodes?", arr(obj("hop", str(), "name", str(), "pubkey?", str(), "lat?", numN(), "lon?", numN())),
			"totalMatches?", intg(), "firstSeen?", strN(), "lastSeen?", strN(), "signal?", obj("avgSnr", numN(), "avgRssi", numN(), "samples", intg()),
			"hourDistribution?", arr(intg()), "parentPaths?", arr(obj("path", str(), "count", intg())), "observers?", arr(obj("name", str(), "count", intg()))),
		"CNode": obj("public_key", str(), "name", strN(), "role", strN(), "lat", numN(), "lon", numN(), "hash_size", intg(),
			"hash_size_inconsistent", boolS(), "hash_sizes_seen?", arr(intg())),
		"CollisionSize": obj("stats", obj("total_nodes", intg(), "nodes_for_byte", intg(), "using_this_size", intg(), "unique_prefixes", intg(),
			"collision_count", intg(), "space_size", intg(), "pct_used", num()),
			"collisions", arr(obj("prefix", str(), "byte_size", intg(), "appearances", intg(), "nodes", arr("CNode"), "max_dist_km", num(),
				"classification", str(), "with_coords", intg())), "one_byte_cells?", mapOf(arr("CNode"))),
		"HashCollisions": obj("inconsistent_nodes", arr("CNode"), "by_size", obj("1", "CollisionSize", "2", "CollisionSize", "3", "CollisionSize")),
		"AnalyticsChannels": obj("activeChannels", intg(), "decryptable", intg(),
			"channels", arr(obj("hash", str(), "name", str(), "messages", intg(), "senders", intg(), "lastActivity", str(), "encrypted", boolS())),
			"topSenders", arr(obj("name", str(), "count", intg())), "channelTimeline", arr(obj("hour", str(), "channel", str(), "count", intg())),
			"msgLengths", arr(intg())),

		"ChannelList": obj("channels", arr(obj("hash", str(), "name", str(), "lastMessage", strN(), "lastSender", strN(),
			"messageCount", intg(), "lastActivity", strN(), "encrypted?", boolS()))),
		"AudioBuckets": obj("buckets", mapOf(arr(obj("hash", str(), "raw_hex", str(), "decoded_json", strN(),
			"observation_count", openapi3.NewIntegerSchema().WithMin(1), "payload_type", intg(), "path_json", strN(),
			"observer_id", strN(), "timestamp", str()).WithMaxItems(8))),
			"from", str(), "to", str(), "minutes", intg(), "bucket_seconds", intg(), "total", intg(),
			"timeline", arr(obj("start", str(), "count", intg(), "packets", arr(obj("hash", str(), "time", str(), "type", intg(),
				"type_name", str(), "snr", numN(), "hops", intg(), "size", intg()))))),
		"KnownChannels": obj("generatedAt?", str(), "license?", str(), "fetchedAt", str(), "source", str(), "stale?", boolS(),
			"entries", arr(obj("channel", str(), "description?", str(), "key?", str(), "region", str(), "regionName?", str()))),
		"ChannelMessages": obj("messages", arr(obj("sender", str(), "text", str(), "timestamp", strN(), "first_seen", str(),
			"sender_timestamp", intN(), "packetId", intg(), "packetHash", str(), "repeats", intg(), "observers", arr(str()),
			"hops", intg(), "snr", numN(), "scope_name", scopeNameSchema())), "total", intg()),

		"Observer": obj("id", str(), "name", strN(), "iata", strN(), "last_seen", strN(), "first_seen", strN(), "packet_count", intg(),
			"model", strN(), "firmware", strN(), "client_version", strN(), "radio", strN(), "battery_mv", intN(), "uptime_secs", intN(),
			"noise_floor", numN(), "last_packet_at", strN(), "packetsLastHour", intg(), "lat", numN(), "lon", numN(), "nodeRole", strN(),
			"clock_naive", boolS(), "clock_skew_seconds", intN(), "clock_skew_count_24h", intg(), "clock_last_naive_at", strN(), "can_relay?", boolS()),
		"ObserverList": obj("observers", arr("Observer"), "server_time", str()),
		"ObserverAnalytics": obj("timeline", arr(obj("label", str(), "count", intg())), "packetTypes", mapOf(intg()),
			"nodesTimeline", arr(obj("label", str(), "count", intg())), "snrDistribution", arr(obj("range", str(), "count", intg())),
			"recentPackets", arr(anyObj())),
	}
	for k, v := range analyticsSchemas() {
		m[k] = v
	}
	for k, v := range alertSchemas() {
		m[k] = v
	}
	addNodeScoreProps(m["NodeBase"])
	for k, v := range reachSchemas() {
		m[k] = v
	}
	out := openapi3.Schemas{}
	for k, v := range m {
		out[k] = openapi3.NewSchemaRef("", v)
	}
	return out
}

func refS(name string) *openapi3.Schema {
	return &openapi3.Schema{AllOf: openapi3.SchemaRefs{openapi3.NewSchemaRef("#/components/schemas/"+name, nil)}}
}
