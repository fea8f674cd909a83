package ingest

// hashCacheMax bounds the hash → transmission id cache (writer goroutine only).
const hashCacheMax = 200_000

// cachedHash looks a content hash up in the writer's cache.
func (in *Ingester) cachedHash(h string) (int64, bool) {
	id, ok := in.hashCache[h]
	return id, ok
}

// rememberHashes adds committed hashes; the cache is reset when full and whenever rows
// are deleted or re-hashed, so it never points at a missing row.
func (in *Ingester) rememberHashes(m map[string]int64) {
	if in.hashCache == nil || len(in.hashCache)+len(m) > hashCacheMax {
		in.hashCache = make(map[string]int64, len(m))
	}
	for h, id := range m {
		in.hashCache[h] = id
	}
}

func (in *Ingester) resetHashCache() { in.hashCache = nil }
