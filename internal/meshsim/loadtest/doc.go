// Package loadtest measures a running CoreScope server the way `./manage.sh bench`
// reports it: time from process start until /api/healthz answers ready, resident memory
// from /proc/<pid>/status, and per-endpoint latency percentiles and throughput under a
// fixed number of concurrent keep-alive connections. It uses only the standard library.
package loadtest
