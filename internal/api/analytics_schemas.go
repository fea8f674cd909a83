package api

import "github.com/getkin/kin-openapi/openapi3"

// analyticsSchemas are the components.schemas of the issue-#7 endpoints (roles, clock
// skew, scope stats, observer metrics, battery, path inspector); schemas() merges them.
func analyticsSchemas() map[string]*openapi3.Schema {
	skew := obj("pubkey", str(), "meanSkewSec", num(), "medianSkewSec", num(), "lastSkewSec", num(), "recentMedianSkewSec", num(),
		"driftPerDaySec", num(), "severity", str(), "sampleCount", intg(), "calibrated", boolS(), "lastAdvertTS", intg(), "lastObservedTS", intg(),
		"samples?", arr(obj("ts", intg(), "skew", num())), "goodFraction", num(), "recentBadSampleCount", intg(),
		"recentBadSamples?", arr(obj("hash", str(), "advertTS", intg(), "skewSec", num())), "recentSampleCount", intg(),
		"recentHashEvidence?", arr(obj("hash", str(), "observers", arr(obj("observerID", str(), "observerName", str(), "rawSkewSec", num(),
			"correctedSkewSec", num(), "observerOffsetSec", num(), "calibrated", boolS())), "medianCorrectedSkewSec", num(), "timestamp", intg())),
		"calibrationSummary?", obj("totalSamples", intg(), "calibratedSamples", intg(), "uncalibratedSamples", intg()),
		"nodeName?", strN(), "nodeRole?", strN())
	return map[string]*openapi3.Schema{
		"AnalyticsRoles": obj("totalNodes", intg(), "roles", arr(obj("role", str(), "nodeCount", intg(), "withSkew", intg(), "meanAbsSkewSec", num(),
			"medianAbsSkewSec", num(), "okCount", intg(), "warningCount", intg(), "criticalCount", intg(), "absurdCount", intg(), "noClockCount", intg()))),
		"NodeClockSkew":     skew,
		"NodeClockSkewList": arr("NodeClockSkew"),
		"ObserverClockSkew": arr(obj("observerID", str(), "offsetSec", num(), "samples", intg())),
		"ScopeStats": obj("window", str(), "summary", obj("transportTotal", intg(), "scoped", intg(), "unscoped", intg(), "unknownScope", intg()),
			"byRegion", arr(obj("name", str(), "count", intg())), "timeSeries", arr(obj("t", str(), "scoped", intg(), "unscoped", intg()))),
		"ScopeBreakdown": obj("window", str(), "buckets", arr(str()), "scopes", arr(obj("name", str(), "total", intg(), "counts", arr(intg()))),
			"repeaterWindow", str(), "topRepeaters", arr(obj("scope", str(), "repeaters", arr(obj("public_key", str(), "name", strN(), "count", intg()))))),
		"ObserverMetricsSummary": obj("observers", arr(obj("observer_id", str(), "observer_name", strN(), "iata?", strN(), "current_noise_floor", numN(),
			"avg_noise_floor_24h", numN(), "max_noise_floor_24h", numN(), "battery_mv", intN(), "sample_count", intg(), "sparkline", arr(numN())))),
		"ObserverMetrics": obj("observer_id", str(), "observer_name", strN(), "reboots", arr(str()), "metrics", arr(obj("timestamp", str(),
			"noise_floor", numN(), "tx_air_secs?", intg(), "rx_air_secs?", intg(), "recv_errors?", intg(), "battery_mv", intN(),
			"packets_sent?", intg(), "packets_recv?", intg(), "tx_airtime_pct", numN(), "rx_airtime_pct", numN(), "recv_error_rate", numN(),
			"is_reboot_sample?", boolS()))),
		"DutyCycle": obj("subject", str(), "kind", str(), "hours", intg(), "limit_pct", num(),
			"preset", obj("freq_hz", num(), "bw_khz", num(), "sf", intg(), "cr", intg(), "preamble", intg()),
			"buckets", arr(obj("hour", str(), "packets", intg(), "airtime_ms", num(), "duty_cycle_pct", num()))),
		"NodeBattery": obj("public_key", str(), "days", intg(), "samples", arr(obj("timestamp", str(), "battery_mv", intg())),
			"latest_mv", intN(), "latest_ts", strN(), "status", str(), "thresholds", obj("low_mv", intg(), "critical_mv", intg())),
		"InspectRequest": obj("prefixes", arr(str()), "context?", obj("observerId?", str(), "since?", str(), "until?", str()), "limit?", intg()),
		"PathsInspect": obj("candidates", arr(obj("path", arr(str()), "names", arr(str()), "score", num(), "speculative", boolS(),
			"evidence", obj("perHop", arr(obj("prefix", str(), "candidatesConsidered", intg(), "chosen", str(), "edgeWeight", num(),
				"alternatives?", arr(obj("publicKey", str(), "name", str(), "score", num()))))))),
			"input", obj("prefixes", arr(str()), "hops", intg()), "stats", obj("beamWidth", intg(), "expansionsRun", intg(), "elapsedMs", intg()),
			"stale?", boolS()),
	}
}
