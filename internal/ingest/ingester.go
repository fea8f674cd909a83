package ingest

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"log/slog"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/corescope/corescope/internal/meshcore"
)

// ErrClosed is returned by Inject after Close started.
var ErrClosed = errors.New("ingester closed")

// ErrQueueFull is returned by Inject when the bounded queue has no room.
var ErrQueueFull = errors.New("ingest queue full")

// Ingester is the message → rows pipeline with its single writer goroutine.
type Ingester struct {
	opts Options
	db   *sql.DB
	log  *slog.Logger

	queue  chan *item
	jobs   chan job
	closed atomic.Bool
	// stopping is closed when Close starts, ending a disk-full wait.
	stopping chan struct{}
	diskFull diskFullState
	// submitMu lets Close wait for in-flight Submit calls before closing the queue.
	submitMu sync.RWMutex

	counters counters
	perf     *perfSet
	latency  *sampleRing
	bad      *badInput
	res      *resolver
	edges    *edgeAccumulator
	stmts    *statements
	// decodeOpts are the packet decode options (keys, signature check through sigs).
	decodeOpts meshcore.DecodeOptions
	sigs       *sigCache
	// hashCache is touched only by the writer goroutine.
	hashCache map[string]int64

	// geo is the advert geo filter in force: Options.GeoFilter, replaced by the server's
	// override file when there is one (geofilter.go).
	geo atomic.Pointer[GeoFilter]
	// geoApplied is the updatedAt of the override last logged (Open, then the scheduler only).
	geoApplied string

	obsBlack  map[string]bool
	iataWhite map[string]bool
	nodeBlack map[string]bool

	cancel   context.CancelFunc
	wg       sync.WaitGroup
	writerWG sync.WaitGroup
}

// New builds an Ingester over an already migrated writer handle; it does no I/O.
func New(db *sql.DB, opts Options) *Ingester {
	opts.fill()
	in := &Ingester{
		opts: opts, db: db, log: opts.Logger.With("component", "ingest"),
		queue: make(chan *item, opts.QueueSize), jobs: make(chan job, 64), stopping: make(chan struct{}),
		perf: newPerfSet(opts.OnWriterPerf), latency: newSampleRing(4096),
		res: newResolver(), edges: newEdgeAccumulator(),
		obsBlack: lowerSet(opts.ObserverBlacklist), iataWhite: upperSet(opts.ObserverIATAWhitelist),
		nodeBlack: lowerSet(opts.NodeBlacklist),
	}
	in.geo.Store(opts.GeoFilter)
	in.bad = newBadInput(in.log, opts.Now)
	in.sigs = newSigCache()
	in.decodeOpts = meshcore.DecodeOptions{Keys: opts.ChannelKeys, SkipSignatureCheck: !opts.ValidateSignatures,
		AdvertVerifier: in.sigs.verify}
	return in
}

// Open prepares statements, loads the node prefix index, repairs legacy content hashes,
// then starts the writer and the schedulers.
func (in *Ingester) Open(ctx context.Context) error {
	st, err := prepare(ctx, in.db)
	if err != nil {
		return err
	}
	in.stmts = st
	if err := in.softDeleteBlacklisted(ctx); err != nil {
		return err
	}
	if err := in.res.load(ctx, in.db); err != nil {
		return fmt.Errorf("load node index: %w", err)
	}
	in.reloadGeoFilter()
	if n, err := repairLegacyHashes(ctx, in.db, in.opts.ChannelKeys); err != nil {
		return fmt.Errorf("repair legacy hashes: %w", err)
	} else if n > 0 {
		in.counters.backfill("content_hash", int64(n))
		in.log.Info("repaired legacy content hashes", "rows", n)
	}
	runCtx, cancel := context.WithCancel(context.Background())
	in.cancel = cancel
	in.writerWG.Add(1)
	go in.writer(runCtx)
	in.wg.Add(1)
	go in.scheduler(runCtx)
	if in.opts.HeartbeatInterval > 0 {
		in.wg.Add(1)
		go in.heartbeatLoop(runCtx)
	}
	return nil
}

// Close stops accepting messages, drains and commits the queue, flushes neighbour
// edges, checkpoints the WAL and stops background work. It does not close the DB.
func (in *Ingester) Close(ctx context.Context) error {
	if in.closed.Swap(true) {
		return nil
	}
	close(in.stopping)
	in.submitMu.Lock() // no Submit is between its closed check and its send now
	close(in.queue)
	in.submitMu.Unlock()
	in.writerWG.Wait() // writer drains the queue and runs final jobs before returning
	if in.cancel != nil {
		in.cancel()
	}
	in.wg.Wait()
	if in.stmts != nil {
		in.stmts.close()
	}
	return nil
}

// isStopping reports whether Close has started.
func (in *Ingester) isStopping() bool {
	select {
	case <-in.stopping:
		return true
	default:
		return false
	}
}

// QueueDepth returns the number of queued items.
func (in *Ingester) QueueDepth() int { return len(in.queue) }

// enqueue adds it without blocking; a full queue drops it (counted, logged ≤1/s) and
// acknowledges it so the broker does not hold it forever.
func (in *Ingester) enqueue(it *item) bool {
	in.submitMu.RLock()
	defer in.submitMu.RUnlock()
	if in.closed.Load() {
		return false
	}
	it.enq = in.opts.Now()
	select {
	case in.queue <- it:
		return true
	default:
		in.counters.queueDrops.Add(1)
		in.bad.note("queue_full", "ingest queue full; message dropped", "capacity", cap(in.queue))
		return false
	}
}

func lowerSet(list []string) map[string]bool {
	m := map[string]bool{}
	for _, s := range list {
		if s = strings.ToLower(strings.TrimSpace(s)); s != "" {
			m[s] = true
		}
	}
	return m
}

func upperSet(list []string) map[string]bool {
	m := map[string]bool{}
	for _, s := range list {
		if s = strings.ToUpper(strings.TrimSpace(s)); s != "" {
			m[s] = true
		}
	}
	return m
}
