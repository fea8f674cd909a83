package cache

import (
	"context"
	"errors"
	"sync"
	"sync/atomic"
	"time"

	"github.com/hashicorp/golang-lru/v2/simplelru"
	"golang.org/x/sync/singleflight"
)

// Options configures a Cache. G is the type of the data's generation (comparable).
type Options[G comparable] struct {
	// MaxEntries bounds the unpinned keys (least recently used dropped first; default 256).
	MaxEntries int
	// MinAge is how long an entry is served without looking at the generation.
	MinAge time.Duration
	// MaxAge rebuilds an entry this old even when the generation is unchanged (0: never),
	// for answers that depend on the clock.
	MaxAge time.Duration
	// Generation returns the data's current generation; an entry built at another one is
	// rebuilt once it is MinAge old. Nil: only MaxAge applies.
	Generation func() G
	// Pinned reports keys kept outside the LRU (never evicted). It must select a small,
	// bounded set, e.g. the default shape of each route.
	Pinned func(key string) bool
	// Now is the clock (default time.Now).
	Now func() time.Time
	// OnError is told about a failed background rebuild; the previous value stays.
	OnError func(key string, err error)
	// FreshWait is how long after a background rebuild starts a request that finds the
	// entry out of date waits for it before taking the previous value (0: not at all).
	// A short wait lets a page loaded right after new data see it when the rebuild is
	// quick, while a slow rebuild still never holds a request longer than this.
	FreshWait time.Duration
}

// Status tells how a Get was answered.
type Status int

const (
	// Hit is a current value.
	Hit Status = iota
	// Stale is a previous value served while a background rebuild runs.
	Stale
	// Miss is a value built for (or awaited by) this caller: the key held nothing.
	Miss
)

// Result is one answer with the time its value was built.
type Result[V any] struct {
	Value   V
	BuiltAt time.Time
	Status  Status
}

// Build computes a key's value. A miss passes the caller's context (a partial answer
// of a cancelled build is thrown away); background rebuilds pass a context that is
// never cancelled.
type Build[V any] func(ctx context.Context) (V, error)

// Cache is a keyed single-flight, stale-while-revalidate cache with LRU eviction.
type Cache[V any, G comparable] struct {
	opts   Options[G]
	mu     sync.Mutex // guards pinned and lru (never held across a build)
	pinned map[string]*entry[V, G]
	lru    *simplelru.LRU[string, *entry[V, G]]
	flight singleflight.Group
	stats  counters
}

// entry is one immutable built value; refreshing marks its background rebuild, and
// attempt describes the latest such rebuild.
type entry[V any, G comparable] struct {
	v          V
	builtAt    time.Time
	gen        G
	refreshing atomic.Bool
	attempt    atomic.Pointer[rebuild]
}

// rebuild is one background rebuild: done is closed when it has ended (stored or
// failed); requests wait for it only until started+FreshWait (wall clock).
type rebuild struct {
	done    chan struct{}
	started time.Time
}

type counters struct{ hits, stale, misses, builds, failures atomic.Int64 }

// Stats are a cache's counters since it was made.
type Stats struct {
	Hits, Stale, Misses int64
	// Builds counts values built and stored (misses, background rebuilds, Refresh calls).
	Builds int64
	// Failures counts builds that returned an error.
	Failures int64
	// Entries is the number of keys held now.
	Entries int
}

// errAbandoned marks a miss whose building caller went away before the value was done.
var errAbandoned = errors.New("cache: build abandoned by its caller")

// New returns an empty cache.
func New[V any, G comparable](opts Options[G]) *Cache[V, G] {
	if opts.MaxEntries <= 0 {
		opts.MaxEntries = 256
	}
	if opts.Now == nil {
		opts.Now = time.Now
	}
	l, _ := simplelru.NewLRU[string, *entry[V, G]](opts.MaxEntries, nil) // size > 0 never fails
	return &Cache[V, G]{opts: opts, pinned: map[string]*entry[V, G]{}, lru: l}
}
