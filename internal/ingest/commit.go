package ingest

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"github.com/corescope/corescope/internal/schema"
)

// batchDelta collects counter and cache changes that only become true after commit.
type batchDelta struct {
	txInserted, txDupes, obsInserted, obsDupes int64
	nodeUpserts, observerUpserts, dropped      int64
	newHashes                                  map[string]int64 // hash → id, committed rows to cache
	newNodes                                   []string
	edges                                      []edge
}

// commit writes batch in one transaction, retrying transient failures; a batch the
// full disk refused is held and retried until it commits (retryWhileDiskFull); if the
// batch still fails otherwise it is split so one poisonous item cannot block the others.
func (in *Ingester) commit(ctx context.Context, batch []*item) {
	start := in.opts.Now()
	res, delta, err := in.writeWithRetries(ctx, batch)
	if schema.IsDiskFull(err) {
		// A full disk is no reason to drop anything: hold the batch unacknowledged.
		if !in.isStopping() {
			res, delta, err = in.retryWhileDiskFull(ctx, batch, err)
			start = in.opts.Now() // the pause counts as waiting for the writer, not as holding it
		}
		if schema.IsDiskFull(err) || errors.Is(err, errStopping) {
			in.abandon(batch, err)
			return
		}
	}
	if err != nil && len(batch) > 1 {
		in.log.Warn("batch commit failed; retrying items one by one", "items", len(batch), "err", err)
		for _, it := range batch {
			in.commit(ctx, []*item{it})
		}
		return
	}
	end := in.opts.Now()
	in.perf.record("mqtt_handler", start.Sub(batch[0].enq), end.Sub(start))
	if hold := end.Sub(start); hold > in.opts.SlowWriter {
		in.log.Warn("[db-slow-writer] write transaction held long", "ms", hold.Milliseconds(), "items", len(batch))
	}
	if err != nil {
		in.counters.writeErrors.Add(1)
		in.bad.note("write_error", "item could not be written; dropped", "err", err.Error())
		batch[0].finish(result{err: err})
		return
	}
	in.apply(delta)
	for i, it := range batch {
		if !it.at.IsZero() {
			in.latency.add(end.Sub(it.at))
		}
		it.finish(res[i])
	}
}

// writeWithRetries writes batch, retrying failures SQLite reports as busy or locked
// (schema.IsBusy, by result code) briefly.
func (in *Ingester) writeWithRetries(ctx context.Context, batch []*item) (res []result, delta *batchDelta, err error) {
	for attempt := 0; attempt < 3; attempt++ {
		res, delta, err = in.safeWriteBatch(ctx, batch)
		if !schema.IsBusy(err) {
			break
		}
		time.Sleep(time.Duration(50<<attempt) * time.Millisecond)
	}
	return res, delta, err
}

// apply publishes a committed batch's effects to counters and in-memory caches.
func (in *Ingester) apply(d *batchDelta) {
	c := &in.counters
	c.txInserted.Add(d.txInserted)
	c.txDupes.Add(d.txDupes)
	c.obsInserted.Add(d.obsInserted)
	c.obsDupes.Add(d.obsDupes)
	c.nodeUpserts.Add(d.nodeUpserts)
	c.observerUpserts.Add(d.observerUpserts)
	c.droppedRows.Add(d.dropped)
	c.walCommits.Add(1)
	c.groupFlushes.Add(1)
	in.res.addMany(d.newNodes)
	in.edges.addAll(d.edges)
	in.rememberHashes(d.newHashes)
}

// safeWriteBatch turns a panic inside writeBatch into an error, so a bug triggered by
// one message is isolated by the split-and-retry path instead of crash-looping the
// ingestor on every redelivery.
func (in *Ingester) safeWriteBatch(ctx context.Context, batch []*item) (res []result, d *batchDelta, err error) {
	defer func() {
		if r := recover(); r != nil {
			res, d, err = nil, nil, fmt.Errorf("panic in writer: %v", r)
		}
	}()
	return in.writeBatch(ctx, batch)
}

// writeBatch runs one transaction over batch and returns per-item results.
//
// The transaction runs without ctx's cancellation: the writer's context only ends after
// the queue has drained (Close), and a cancellable context makes the driver start a
// watcher goroutine for every statement and database/sql one for every result set,
// which cost more than the inserts themselves.
func (in *Ingester) writeBatch(ctx context.Context, batch []*item) ([]result, *batchDelta, error) {
	ctx = context.WithoutCancel(ctx)
	tx, err := in.db.BeginTx(ctx, nil)
	if err != nil {
		return nil, nil, fmt.Errorf("begin batch: %w", err)
	}
	defer tx.Rollback()
	w := &batchWriter{in: in, tx: tx, ctx: ctx, now: in.opts.Now().UTC(),
		d: &batchDelta{newHashes: map[string]int64{}}, rowids: map[string]int64{}}
	w.stamp = w.now.Format(time.RFC3339)
	if err := w.observers(batch); err != nil {
		return nil, nil, err
	}
	res := make([]result, len(batch))
	for i, it := range batch {
		var err error
		switch it.kind {
		case kindPacket, kindBridge:
			res[i], err = w.packet(it)
		case kindStatus:
			err = w.status(it)
		case kindDropped:
			err = w.dropped(it)
		case kindClientRx:
			err = w.clientRx(it)
		case kindScopes:
			err = w.scopeAnswers(it)
		}
		if err != nil {
			return nil, nil, fmt.Errorf("write %s item: %w", kindName(it.kind), err)
		}
	}
	if err := w.touchTransmissions(); err != nil {
		return nil, nil, err
	}
	if err := tx.Commit(); err != nil {
		return nil, nil, fmt.Errorf("commit batch: %w", err)
	}
	return res, w.d, nil
}

func kindName(k itemKind) string {
	return [...]string{"packet", "status", "dropped", "bridge", "client_rx", "scopes"}[k]
}

var errNoRow = errors.New("no row returned")

func scanID(row *sql.Row) (int64, error) {
	var id int64
	err := row.Scan(&id)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, errNoRow
	}
	return id, err
}

// insertedID returns the id of the row an INSERT … ON CONFLICT DO NOTHING added, or
// errNoRow when the conflict clause skipped it (the last insert rowid is then stale).
func insertedID(res sql.Result, err error) (int64, error) {
	if err != nil {
		return 0, err
	}
	if n, err := res.RowsAffected(); err != nil {
		return 0, err
	} else if n == 0 {
		return 0, errNoRow
	}
	return res.LastInsertId()
}
