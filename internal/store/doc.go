// Package store is the server's in-memory packet store (storage spec §5): it loads the
// ingestor's database in chunks through internal/storage, keeps five indexes (content
// hash, transmission id, observation id, observer, node), follows new rows by rowid
// watermark, evicts the oldest data under a memory budget, answers the REST API's
// queries and publishes an Event per followed observation.
//
// Layout: rows are compact, pointer-free records in two id-sorted slices (transmissions,
// observations); strings that repeat (observer ids, pubkeys, paths, channels) are
// interned to uint32 ids; an observation links to the next observation of its
// transmission by slice sequence number rather than by pointer. Secondary indexes map a
// key to an ascending list of transmission ids (ids only grow, so lists are appended
// to), and a filter over several keys is the merge-intersection of their lists.
//
// Concurrency: one RWMutex. Loading and following build each batch outside the lock,
// apply it under one write lock, and publish Events after unlocking. Queries copy what
// they return under the read lock; long scans take the lock once per batch of rows, so
// no lock is held across a whole scan and nothing is JSON-encoded under it.
//
// The store only reads: it is given a handle from schema.OpenReadOnly and never takes
// SQLite's write lock.
package store
