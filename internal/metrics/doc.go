// Package metrics is each process's Prometheus registry: live counters and histograms the
// code updates as things happen, families read from existing snapshots at scrape time, and
// the /metrics handler. It is the only package that imports client_golang; every
// Registry is private to its process (the library's global default registry is never used).
package metrics
