package api

// Route descriptions: the definitions behind figures a reader could count another way
// (issue #17 item 4, parity.md §2–§3). They go into the OpenAPI document; the UI says
// the same in tooltips.
const (
	descRelayCounts = "relay_count_1h / relay_count_24h count the distinct non-ADVERT transmissions first heard " +
		"in the last hour / 24 hours whose resolved path carries the node as a hop. Adverts are left out: every " +
		"repeater re-floods them, so they say little about the traffic a node carries."
	descTopology = "Hop statistics (avgHops, medianHops, maxHops) describe observations with at least one hop; " +
		"hopDistribution still lists zero-hop observations. uniqueNodes is the number of known nodes. hopsVsSnr " +
		"omits path lengths heard without SNR. topPairs lists the 15 most frequent consecutive hop pairs."
	descDistance = "Distances between consecutive resolved hops with GPS on each transmission's best observation; " +
		"an advert's originator is the first point of its chain. Hops over 300 km are dropped as implausible " +
		"(a wrongly resolved prefix or a bad position)."
	descChannelsAnalytics = "Undecryptable traffic is grouped by its channel-hash byte and named ch<decimal>; when " +
		"that byte matches a decrypted channel the traffic folds into it. msgLengths are the UTF-8 bytes of " +
		"\"sender: text\"; topSenders lists the 15 most active senders."
	descScopeStats = "summary.unscoped counts every packet without a scope code: transport packets without one and " +
		"every non-transport packet. timeSeries lists the buckets holding transport packets, oldest first ([] when none)."
	descAudioLab = "buckets (api.md #73) maps each payload type name to at most 8 sample packets over every stored " +
		"packet of the region (minutes, bucket and to do not apply): the type's packets with raw_hex are sorted by " +
		"raw_hex length, then transmission id, and with n of them the picks are the 0-based indices " +
		"round(i*(n-1)/7) for i = 0..7 (all of them when n <= 8), smallest first, so the smallest and the largest " +
		"are always in; path_json and observer_id are the best observation's (longest path), timestamp is first_seen. " +
		"timeline holds equal time buckets over [from, to) by first_seen; count is every packet of the bucket, " +
		"packets lists at most 64 of them in time order with the best SNR any observer heard, the hop count of the " +
		"longest path heard and the size in bytes. The page maps type to timbre, SNR to volume and hops to pitch."
	descObserverAirtime = "Estimated: the LoRa time-on-air (analytics.loraPreset) of every packet this observer heard, " +
		"summed per hour; duty_cycle_pct is that share of the hour and limit_pct the configured regional limit (analytics.dutyCycleLimitPct)."
	descNodeAirtime = "Estimated: the LoRa time-on-air of the packets this node originated plus those it relayed, a relay counted " +
		"only where a hop resolved to its full public key, once per transmission, summed per hour; limit_pct is analytics.dutyCycleLimitPct."
	descRelayAirtime = "Every transmission counts (count, count_pct), those heard without a relay too; score is its " +
		"time-on-air times its distinct relays, so a packet without relays adds no airtime."
	descChannelMessages = "timestamp is the latest observation time of the message (first_seen when it has none)."
	descNodeAnalytics   = "Computed per request (never older than the store). longestSilenceMs is the longest gap " +
		"between consecutive active hours (days over 7: days) inside the window; clockSkew is the node's " +
		"clock-skew record (null without one)."
	descObserverAnalytics = "recentPackets are the observer's newest 20 observations by time in the window."
)
