package ingest

import (
	"context"
	"time"
)

// The pipeline in detail.
//
// Submit (called on MQTT goroutines) parses and decodes outside the writer and queues a
// ready item; bad input (malformed JSON, non-hex raw, undecodable packets, unknown
// topics, absurd values) is counted per kind and logged at most once per second per
// kind. Undecodable packets and adverts with an invalid signature are stored in
// dropped_packets. One writer goroutine owns the single SQLite connection and
// group-commits: a batch is committed when it reaches Options.BatchSize, when the queue
// is momentarily empty, or when Options.FlushInterval has passed since the writer began
// gathering it (so a backlog drains in full-size batches). Advert signature verdicts
// are cached by payload, so the copies of one advert heard by other observers skip
// Ed25519; an advert's node is upserted once per batch however many copies it holds.
// Within a batch each observer is upserted first (so a new observer's first
// observation keeps its observer_idx), then transmissions (one per content hash) and
// observations (unique per transmission, observer and path), nodes from signed adverts,
// and last_seen bumps. A message's Ack (the MQTT PUBACK) runs only after its batch
// committed, so a crash loses nothing the broker still holds; redeliveries hit the
// observation dedup index. A failing batch is retried, then split so one poisonous
// message is dropped (write_errors) without blocking the others. A batch that fails
// because the disk is full (schema.IsDiskFull) is neither split nor dropped: the writer
// holds it unacknowledged and retries it with exponential backoff (DiskFullRetryMin to
// DiskFullRetryMax) until it commits, reporting the episode in Stats (disk_full); Close
// during an episode leaves the held messages unacknowledged for redelivery. The queue is
// bounded: when full a message is dropped, counted (queue_drops) and logged (and, during
// a disk-full episode, left unacknowledged rather than acknowledged).

// job is background work that must run on the writer (retention, edges, checkpoint).
type job struct {
	name string
	run  func(ctx context.Context) error
	enq  time.Time
	done chan error // optional
}

// writer is the only goroutine that writes. It gathers items into a batch until the
// batch is full, the queue is empty, or FlushInterval passed since the batch started,
// then commits the batch in one transaction. Jobs run between batches. When the queue
// is closed it drains what is left, flushes edges, checkpoints and returns.
func (in *Ingester) writer(ctx context.Context) {
	defer in.writerWG.Done()
	batch := make([]*item, 0, in.opts.BatchSize)
	for {
		select {
		case it, ok := <-in.queue:
			if !ok {
				in.finalJobs()
				return
			}
			batch = append(batch[:0], it)
			batch = in.gather(batch)
			in.commit(ctx, batch)
			clear(batch)
		case j := <-in.jobs:
			in.runJob(ctx, j)
		}
	}
}

// gather adds queued items to batch without waiting on an empty queue. It stops after
// FlushInterval of gathering; the deadline counts from now, not from the first item's
// enqueue time, so a backlog is written in full-size batches (fewer, cheaper commits)
// instead of collapsing into many small ones once the oldest item is already late.
func (in *Ingester) gather(batch []*item) []*item {
	deadline := in.opts.Now().Add(in.opts.FlushInterval)
	for len(batch) < in.opts.BatchSize {
		select {
		case it, ok := <-in.queue:
			if !ok {
				return batch
			}
			batch = append(batch, it)
			if len(batch)%256 == 0 && in.opts.Now().After(deadline) {
				return batch
			}
		default:
			return batch
		}
	}
	return batch
}

func (in *Ingester) runJob(ctx context.Context, j job) {
	start := in.opts.Now()
	err := j.run(ctx)
	in.perf.record(j.name, start.Sub(j.enq), in.opts.Now().Sub(start))
	if err != nil {
		in.counters.writeErrors.Add(1)
		in.log.Warn("background job failed", "job", j.name, "err", err)
	}
	if j.done != nil {
		j.done <- err
	}
}

// submitJob queues a job for the writer; it gives up when ctx ends.
func (in *Ingester) submitJob(ctx context.Context, name string, run func(context.Context) error) error {
	j := job{name: name, run: run, enq: in.opts.Now(), done: make(chan error, 1)}
	select {
	case in.jobs <- j:
	case <-ctx.Done():
		return ctx.Err()
	}
	select {
	case err := <-j.done:
		return err
	case <-ctx.Done():
		return ctx.Err()
	}
}

// finalJobs runs after the queue drained at shutdown.
func (in *Ingester) finalJobs() {
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	for {
		select {
		case j := <-in.jobs:
			in.runJob(ctx, j)
			continue
		default:
		}
		break
	}
	if err := in.flushEdges(ctx); err != nil {
		in.log.Warn("final edge flush failed", "err", err)
	}
	if err := in.checkpoint(ctx, "TRUNCATE"); err != nil {
		in.log.Warn("final checkpoint failed", "err", err)
	}
}
