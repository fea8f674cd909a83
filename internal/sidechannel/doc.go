// Package sidechannel holds the formats of the files the server hands to the ingestor
// (storage spec §3.7), so both processes read and write one definition:
//
//   - prune-requests/: the server's POST /api/admin/prune-geo-filter writes
//     request-<id>.json; the ingestor (the only database writer) deletes those nodes and
//     writes result-<id>.json, which GET /api/admin/prune-geo-filter/status reads.
//   - geo-filter.json: the polygon set by PUT /api/config/geo-filter. It overrides
//     config.json's geo_filter in both processes (config.json is never rewritten).
//
// Everything lives next to the database (its directory is the data volume). Writes are
// atomic and symlink-safe (<name>.tmp opened O_NOFOLLOW, mode 0600, renamed over the
// name). Reads refuse a file that is not a regular file owned by the reader's uid, or that
// group or others may write: another local user must not be able to plant a request that
// deletes nodes. Both processes therefore run as the same user (as in the container).
package sidechannel
