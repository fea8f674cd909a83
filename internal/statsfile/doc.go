// Package statsfile writes and reads the ingestor's 1 Hz stats JSON (storage spec §4,
// api.md §8.5): the single producer is cmd/ingestor, the consumers are the server's
// /api/perf/io, /api/perf/write-sources, /api/mqtt/status and /api/healthz.
//
// Write is atomic and symlink-safe: it writes <path>.tmp opened with O_NOFOLLOW and mode
// 0600, then renames it over <path>, so a planted symlink at either name is never followed.
// Readers use ReadTrusted (through ReadAged): a file owned by another uid than the reader's
// or dated in the future is refused, since another local user could plant one. The path
// comes from config (ingestor.statsPath, env CORESCOPE_INGESTOR_STATS) and defaults to the
// database's directory, not a shared temp directory.
// The /proc/self/io parser lives here too so both binaries share one PerfIOSample shape.
package statsfile
