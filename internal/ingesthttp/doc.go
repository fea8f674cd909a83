// Package ingesthttp is the ingestor's loopback HTTP side, kept out of the message
// pipeline (internal/ingest): the manual-injection endpoint POST /api/inject, which the
// server's POST /api/packets forwards to, over ingest.Ingester.Inject; and ListenOrFree,
// which it and the ingestor's /metrics listener use to fall back to a free port when
// theirs is taken.
//
// The endpoint listens on a loopback host:port only (config ingestor.injectListen,
// default 127.0.0.1:<port+1>; env CORESCOPE_INJECT_LISTEN); a busy port falls back to a
// free one, whose address the ingestor writes into the stats file, and any listen
// failure leaves ingest running without the endpoint. Requests carry header X-API-Key
// equal to the inject token (config ingestor.injectToken, default apiKey; env
// CORESCOPE_INJECT_TOKEN); a token internal/apikey calls weak refuses every request with
// 403. Body {"hex":str, "observer"?:str, "snr"?:num, "rssi"?:num, "region"?:str}; the
// answer is 200 {"id", "observationId", "hash", "new"} after commit; 400 {"error"} for
// bad JSON or a refused packet (the reason, e.g. "invalid signature"); 401 for a missing
// or wrong key; 503 while the queue is full or the ingester is closing; 500
// {"error":"transmission insert: …"} on a write failure.
package ingesthttp
