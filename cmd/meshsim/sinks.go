package main

import (
	"context"
	"database/sql"
	"fmt"
	"log/slog"
	"sync/atomic"
	"time"

	"github.com/corescope/corescope/internal/ingest"
	"github.com/corescope/corescope/internal/meshcore"
	"github.com/corescope/corescope/internal/meshsim"
	"github.com/corescope/corescope/internal/mqttsource"
	"github.com/corescope/corescope/internal/schema"
)

// mqttSink publishes simulator messages through an mqttsource.Publisher.
type mqttSink struct{ p *mqttsource.Publisher }

func (s mqttSink) Send(ctx context.Context, m meshsim.Message) error {
	return s.p.Publish(ctx, m.Topic, m.Payload)
}

// simClock is the ingester's clock in database mode: the time of the latest message,
// so stored first_seen/last_seen/timestamps follow simulated time.
type simClock struct{ ns atomic.Int64 }

func (c *simClock) set(t time.Time) {
	if n := t.UnixNano(); n > c.ns.Load() {
		c.ns.Store(n)
	}
}

func (c *simClock) now() time.Time { return time.Unix(0, c.ns.Load()).UTC() }

// dbSink feeds messages straight into an ingest.Ingester writing the SQLite file: all
// write SQL stays in internal/ingest. A semaphore released by the commit acks keeps the
// bounded ingest queue from overflowing.
type dbSink struct {
	db    *sql.DB
	in    *ingest.Ingester
	sem   chan struct{}
	clock *simClock
}

func openDBSink(ctx context.Context, path string, w *meshsim.World, start time.Time, log *slog.Logger) (*dbSink, error) {
	db, err := schema.Open(ctx, path)
	if err != nil {
		return nil, fmt.Errorf("open db: %w", err)
	}
	if _, err := schema.Migrate(ctx, db, log.With("component", "schema")); err != nil {
		db.Close()
		return nil, fmt.Errorf("migrate db: %w", err)
	}
	var tags []string
	for _, c := range w.Channels[1:] {
		tags = append(tags, c.Name)
	}
	keys, err := meshcore.NewChannelKeys(nil, tags)
	if err != nil {
		db.Close()
		return nil, err
	}
	clock := &simClock{}
	clock.set(start)
	o := ingest.DefaultOptions()
	o.Logger, o.ChannelKeys, o.Now = log, keys, clock.now
	o.HashRegions = w.ScopeRegions() // so transport floods get their scope_name
	o.ClientRxCoverage = true        // the simulated mobile clients fill the coverage views
	o.Retention = ingest.Retention{} // simulated history must not be pruned as it is written
	o.QueueSize, o.BatchSize = 60000, 5000
	// Both are measured on the simulated clock, which runs far faster than the wall.
	o.FlushInterval, o.SlowWriter = time.Hour, 1000*time.Hour
	in := ingest.New(db, o)
	if err := in.Open(ctx); err != nil {
		db.Close()
		return nil, fmt.Errorf("open ingester: %w", err)
	}
	return &dbSink{db: db, in: in, sem: make(chan struct{}, 50000), clock: clock}, nil
}

func (s *dbSink) Send(ctx context.Context, m meshsim.Message) error {
	select {
	case s.sem <- struct{}{}:
	case <-ctx.Done():
		return ctx.Err()
	}
	s.clock.set(m.At)
	s.in.Submit("meshsim", m.Topic, m.Payload, m.At, func() { <-s.sem })
	return nil
}

// Close drains the queue, commits and stops the ingester.
func (s *dbSink) Close(ctx context.Context) (*ingestTotals, error) {
	err := s.in.Close(ctx)
	st := s.in.Stats(s.clock.now())
	if cerr := s.db.Close(); err == nil && cerr != nil {
		err = fmt.Errorf("close db: %w", cerr)
	}
	return &ingestTotals{tx: st.TxInserted, obs: st.ObsInserted, drops: st.QueueDrops}, err
}

type ingestTotals struct{ tx, obs, drops int64 }
