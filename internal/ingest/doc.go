// Package ingest turns MQTT messages into CoreScope rows. It parses topics and payloads,
// decodes packets with internal/meshcore, applies the filters (observer blacklist, IATA
// whitelist, per-source iataFilter, node blacklist, hidden name prefixes, geo filter),
// deduplicates by content hash and holds all write SQL (inserts, upserts, retention,
// checkpoints, vacuum).
//
// # Pipeline
//
// Submit (called on MQTT goroutines) parses and decodes outside the writer and queues a
// ready item; bad input (malformed JSON, non-hex raw, undecodable packets, unknown
// topics, absurd values) is counted per kind and logged at most once per second per
// kind. Undecodable packets and adverts with an invalid signature are stored in
// dropped_packets. One writer goroutine owns the single SQLite connection and
// group-commits: a batch is committed when it reaches Options.BatchSize, when the queue
// is momentarily empty, or when Options.FlushInterval has passed since the writer began
// gathering it (so a backlog drains in full-size batches). Advert signature verdicts
// are cached by payload, so the copies of one advert heard by other observers skip
// Ed25519; an advert's node is upserted once per batch however many copies it holds.
// Within a batch each observer is upserted first (so a new observer's first
// observation keeps its observer_idx), then transmissions (one per content hash) and
// observations (unique per transmission, observer and path), nodes from signed adverts,
// and last_seen bumps. A message's Ack (the MQTT PUBACK) runs only after its batch
// committed, so a crash loses nothing the broker still holds; redeliveries hit the
// observation dedup index. A failing batch is retried, then split so one poisonous
// message is dropped (write_errors) without blocking the others. A batch that fails
// because the disk is full (schema.IsDiskFull) is neither split nor dropped: the writer
// holds it unacknowledged and retries it with exponential backoff (DiskFullRetryMin to
// DiskFullRetryMax) until it commits, reporting the episode in Stats (disk_full); Close
// during an episode leaves the held messages unacknowledged for redelivery. The queue is
// bounded: when full a message is dropped, counted (queue_drops) and logged (and, during
// a disk-full episode, left unacknowledged rather than acknowledged).
//
// # Background jobs
//
// Run on the writer between batches, each in small bounded transactions: neighbour
// edges accumulated in memory are flushed every minute (neighbor_builder); the hop
// prefix index is refreshed every minute; retention (packets, nodes → inactive_nodes,
// observers → inactive, metrics, dropped packets, edges) starts 60 s after Open and runs
// hourly in batches of 500, followed by an incremental vacuum; the WAL is checkpointed
// (TRUNCATE) 30 s after start, hourly and on Close. Geo-prune request files from the
// server (<db dir>/prune-requests/, formats in internal/sidechannel) are handled every
// 15 s, when the server's geo-filter override (<db dir>/geo-filter.json) is re-read too.
// With Options.ClientRxCoverage, meshcore/client/<PUBKEY>/packets receptions with a GPS
// fix go to client_receptions and client_observers (storage spec §1.6).
// Legacy stored hashes that differ from the content hash of their raw_hex are repaired
// once per database at Open (marker content_hash_repair_v1).
//
// # Manual injection
//
// The server's POST /api/packets forwards to a loopback-only HTTP endpoint served here:
// POST /api/inject on Options.InjectListen (config ingestor.injectListen, default
// 127.0.0.1:<port+1>; env CORESCOPE_INJECT_LISTEN). A busy port falls back to a free one
// (ListenOrFree); InjectAddr reports the bound address, which the ingestor writes into
// the stats file for the server. Any listen failure leaves ingest running without the
// endpoint. Requests are authenticated with header
// X-API-Key equal to Options.InjectToken (config ingestor.injectToken, default apiKey;
// env CORESCOPE_INJECT_TOKEN); a token the server's policy calls weak (internal/apikey:
// under 16 characters or a placeholder such as change-me) refuses every request with 403.
// Body {"hex":str, "observer"?:str, "snr"?:num, "rssi"?:num, "region"?:str}. The packet
// passes exactly the checks of an MQTT message (observer/IATA filters, decode, advert
// signature, corrupt-advert rules, geo and node filters; refused packets are counted and
// written to dropped_packets the same way), is queued like any message and the request
// waits for the commit: 200 {"id":txID, "observationId":int, "hash":str, "new":bool};
// 400 {"error"} for bad JSON or a refused packet (reason, e.g. "invalid signature");
// 401 for a missing or wrong key; 503 when the queue is full or the ingestor is
// stopping; 500 {"error":"transmission insert: …"} on a write failure. Without an
// observer the reception is stored with no observer, once: repeating the packet finds
// that observation instead of adding another.
//
// # Stats
//
// Stats returns the write-side part of the 1 Hz stats file (statsfile.Snapshot):
// tx_inserted, obs_inserted, tx_dupes, obs_dupes, node_upserts, observer_upserts,
// write_errors, sig_drops, walCommits, groupCommitFlushes, backfillUpdates,
// queue_depth/queue_capacity/queue_drops, bad_input (per kind, plus filtered_<reason>),
// commit_latency_ms (receipt → commit) and writer_perf per component.
package ingest
