// Package ingest turns MQTT messages into CoreScope rows. It parses topics and payloads,
// decodes packets with internal/meshcore, applies the filters (observer blacklist, IATA
// whitelist, per-source iataFilter, node blacklist, hidden name prefixes, geo filter),
// deduplicates by content hash and holds all write SQL (inserts, upserts, retention,
// checkpoints, vacuum).
//
// Writes go through one writer goroutine that owns the single SQLite connection and
// group-commits: a batch is committed when it reaches Options.BatchSize, when the queue is
// momentarily empty, or when Options.FlushInterval has passed since the batch started.
// Each message's Ack (the MQTT PUBACK) runs only after its batch committed, so a crash
// loses nothing the broker still holds. The queue is bounded; when it is full a message
// is dropped, counted (queue_drops) and logged at most once per second.
//
// Manual injection (the server's POST /api/packets): the ingestor serves a loopback-only
// HTTP endpoint, POST /api/inject on Options.InjectListen (default 127.0.0.1:3001),
// authenticated with header X-API-Key equal to Options.InjectToken. Body
// {"hex":str, "observer"?:str, "snr"?:num, "rssi"?:num, "region"?:str}; the request waits
// for the commit and answers 200 {"id":txID, "observationId":int, "hash":str, "new":bool},
// 400 {"error"} for bad JSON or undecodable hex, 401 for a missing or wrong key, 503 when
// the queue is full or the ingestor is stopping.
package ingest
