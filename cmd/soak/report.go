package main

import (
	"fmt"
	"io"
	"strings"
	"sync"
	"time"
)

type report struct {
	opts     options
	started  time.Time
	endOnce  sync.Once
	loadEnd  time.Time
	publish  publishResult
	api      apiResult
	ws       wsResult
	rss      rssRange
	queueMax int64
	stored   int64
	drained  time.Duration
	serverWS []string      // the server's corescope_websocket_* series at the end
	stall    time.Duration // the load driver's worst scheduling delay
}

// setLoadEnd records when the load window closed (the first call wins), so the
// wind-down (slow-client checks, publisher acknowledgements) does not dilute the rates.
func (r *report) setLoadEnd(t time.Time) { r.endOnce.Do(func() { r.loadEnd = t }) }

// print writes the report and returns the exit status (1 when a check failed).
func (r *report) print(w io.Writer) int {
	o := r.opts
	secs := r.loadEnd.Sub(r.started).Seconds()
	fails := 0
	check := func(ok bool, format string, a ...any) {
		mark := "ok  "
		if !ok {
			mark = "FAIL"
			fails++
		}
		fmt.Fprintf(w, "%s %s\n", mark, fmt.Sprintf(format, a...))
	}
	fmt.Fprintf(w, "soak: %s load, %.0f obs/s target over %d observers, %d WebSocket clients (%d slow readers), %d API clients\n",
		r.loadEnd.Sub(r.started).Round(time.Second), o.rate, o.observers, o.ws, o.slow, o.api)
	fmt.Fprintf(w, "ingest: published %d (%.1f/s, %d unconfirmed), stored %d, caught up %s after the load, ingestor queue depth max %d\n",
		r.publish.sent, float64(r.publish.sent)/secs, r.publish.failed, r.stored, r.drained.Round(100*time.Millisecond), r.queueMax)
	fmt.Fprintf(w, "api: %d requests (%.0f/s), %d errors, latency p50 %s p95 %s p99 %s\n",
		r.api.requests, float64(r.api.requests)/secs, r.api.errors, r.api.p50.Round(10*time.Microsecond), r.api.p95.Round(10*time.Microsecond), r.api.p99.Round(10*time.Microsecond))
	perSec := func(n int64) float64 { return float64(n) / secs }
	fmt.Fprintf(w, "websocket: %d normal clients received min %d / median %d / max %d messages (%.1f / %.1f / %.1f per s); %d of %d normal clients dropped; %d of %d slow clients dropped\n",
		r.ws.normal, r.ws.minRecv, r.ws.medianRecv, r.ws.maxRecv, perSec(r.ws.minRecv), perSec(r.ws.medianRecv), perSec(r.ws.maxRecv),
		r.ws.normalDropped, r.ws.normal, r.ws.slowDropped, r.ws.slow)
	if o.pid > 0 {
		fmt.Fprintf(w, "server RSS: min %.1f MiB, max %.1f MiB, end %.1f MiB\n", float64(r.rss.min)/1024, float64(r.rss.max)/1024, float64(r.rss.last)/1024)
	}
	fmt.Fprintf(w, "load driver: worst scheduling delay %s (near 1 s or more: this process stalled, so its clients may be dropped as slow)\n", r.stall.Round(time.Millisecond))
	if len(r.serverWS) > 0 {
		fmt.Fprintf(w, "server /metrics: %s\n", strings.Join(r.serverWS, "; "))
	}
	check(r.publish.err == "" && r.publish.failed == 0, "publisher: %d unconfirmed %s", r.publish.failed, r.publish.err)
	check(r.api.errors == 0, "API errors: %d %s", r.api.errors, r.api.firstError)
	if r.stored >= 0 {
		check(r.stored == r.publish.sent, "messages lost: %d (published %d, stored %d)", r.publish.sent-r.stored, r.publish.sent, r.stored)
		// Every stored observation is broadcast; a normal client should see (nearly) all.
		check(r.ws.normal == 0 || float64(r.ws.minRecv) >= 0.95*float64(r.stored),
			"slowest normal WebSocket client got %.1f%% of the stored observations", 100*float64(r.ws.minRecv)/max(1, float64(r.stored)))
	}
	check(r.ws.normalDropped == 0, "normal WebSocket clients dropped: %d %s", r.ws.normalDropped, r.ws.firstEnd)
	check(r.ws.slowDropped == r.ws.slow, "slow WebSocket clients dropped: %d of %d", r.ws.slowDropped, r.ws.slow)
	if fails > 0 {
		fmt.Fprintf(w, "soak: %d checks FAILED\n", fails)
		return 1
	}
	fmt.Fprintln(w, "soak: all checks passed")
	return 0
}
