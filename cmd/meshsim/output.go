package main

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"time"

	"github.com/corescope/corescope/internal/meshsim"
	"github.com/corescope/corescope/internal/mqttsource"
)

// output is the chosen destination: exactly one of broker, db, jsonl.
type output struct {
	broker, user, pass string
	db, jsonl          string
}

func (o output) count() int {
	n := 0
	for _, s := range []string{o.broker, o.db, o.jsonl} {
		if s != "" {
			n++
		}
	}
	return n
}

// open connects or creates the destination and returns its sink and closer.
func (o output) open(ctx context.Context, w *meshsim.World, start time.Time, log *slog.Logger) (meshsim.Sink, func(context.Context) error, error) {
	switch {
	case o.broker != "":
		po := mqttsource.DefaultPublisherOptions(o.broker, fmt.Sprintf("corescope-meshsim-%d", os.Getpid()))
		po.Username, po.Password = o.user, o.pass
		po.ConnectRetry, po.ConnectTimeout = true, time.Minute // the broker may still be starting
		p, err := mqttsource.NewPublisher(po)
		if err == nil {
			err = p.Open(ctx)
		}
		if err != nil {
			return nil, nil, err
		}
		return mqttSink{p}, p.Close, nil
	case o.db != "":
		s, err := openDBSink(ctx, o.db, w, start, log)
		if err != nil {
			return nil, nil, err
		}
		return s, func(ctx context.Context) error {
			t, err := s.Close(ctx)
			log.Info("database written", "path", o.db, "transmissions", t.tx, "observations", t.obs, "queue_drops", t.drops)
			return err
		}, nil
	}
	f := os.Stdout
	if o.jsonl != "-" {
		var err error
		if f, err = os.Create(o.jsonl); err != nil {
			return nil, nil, fmt.Errorf("create jsonl: %w", err)
		}
	}
	j := meshsim.NewJSONLines(f)
	return j, func(context.Context) error {
		err := j.Flush()
		if f != os.Stdout {
			err = errors.Join(err, f.Close())
		}
		return err
	}, nil
}

func writeChannelKeys(w *meshsim.World, path string) error {
	b, err := w.ChannelKeysJSON()
	if err != nil {
		return err
	}
	if err := os.WriteFile(path, b, 0o644); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	return nil
}
