package knownchannels

import (
	"context"
	_ "embed"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/url"
	"sync"
	"sync/atomic"
	"time"
)

//go:embed default.json
var bundledJSON []byte

// Options configures a Source. Zero values get the defaults of DefaultOptions.
type Options struct {
	// URL is knownChannelsUrl; "" serves the bundled list only.
	URL string
	// Refresh is the period between fetches (knownChannelsRefreshMs, default 24 h).
	Refresh time.Duration
	// RetryAfterFailure is the wait after a failed fetch, capped at Refresh (default 10 min).
	RetryAfterFailure time.Duration
	// Timeout bounds one fetch, connect to last byte (default 15 s).
	Timeout time.Duration
	// MaxBytes bounds the remote body (default 4 MiB); a larger body is refused, not truncated.
	MaxBytes int64
	// Client makes the request (default a plain http.Client); Timeout applies through the context.
	Client *http.Client
	Logger *slog.Logger
	// Now is the clock (default time.Now).
	Now func() time.Time
}

// DefaultOptions returns the defaults.
func DefaultOptions() Options {
	return Options{Refresh: 24 * time.Hour, RetryAfterFailure: 10 * time.Minute, Timeout: 15 * time.Second, MaxBytes: 4 << 20}
}

// Source holds the catalogue currently served.
type Source struct {
	opts    Options
	log     *slog.Logger
	source  string
	bundled Catalogue
	cur     atomic.Pointer[Catalogue]
	// fetched is true once a remote fetch succeeded (later failures then mark it stale).
	fetched atomic.Bool
	cancel  context.CancelFunc
	wg      sync.WaitGroup
}

// New builds a Source serving the bundled list; it does no I/O.
func New(opts Options) *Source {
	d := DefaultOptions()
	if opts.Refresh <= 0 {
		opts.Refresh = d.Refresh
	}
	if opts.RetryAfterFailure <= 0 {
		opts.RetryAfterFailure = d.RetryAfterFailure
	}
	opts.RetryAfterFailure = min(opts.RetryAfterFailure, opts.Refresh)
	if opts.Timeout <= 0 {
		opts.Timeout = d.Timeout
	}
	if opts.MaxBytes <= 0 {
		opts.MaxBytes = d.MaxBytes
	}
	if opts.Client == nil {
		opts.Client = &http.Client{}
	}
	if opts.Logger == nil {
		opts.Logger = slog.New(slog.DiscardHandler)
	}
	if opts.Now == nil {
		opts.Now = time.Now
	}
	s := &Source{opts: opts, log: opts.Logger, source: redact(opts.URL)}
	b, _, err := parse(bundledJSON)
	if err != nil {
		// The embedded file is checked by a test; an empty list keeps the endpoint answering.
		b = Catalogue{Entries: []Entry{}}
	}
	b.Source = "bundled"
	s.bundled = b
	s.cur.Store(&b)
	return s
}

// Bundled returns the list shipped with CoreScope.
func (s *Source) Bundled() Catalogue { return s.bundled }

// Catalogue returns the catalogue to serve now. Callers must not modify its Entries.
func (s *Source) Catalogue() Catalogue { return *s.cur.Load() }

// Open starts the refresh loop when a URL is configured: a fetch now, then every Refresh
// (RetryAfterFailure after a failed fetch). Failures are logged here, once each.
func (s *Source) Open(ctx context.Context) {
	if s.opts.URL == "" {
		return
	}
	ctx, s.cancel = context.WithCancel(ctx)
	s.wg.Add(1)
	go func() {
		defer s.wg.Done()
		for {
			wait := s.opts.Refresh
			if err := s.Refresh(ctx); err != nil {
				if ctx.Err() != nil {
					return
				}
				s.log.Warn("known channels: refresh failed, serving the previous catalogue", "source", s.source, "err", err,
					"stale", s.fetched.Load(), "retry_in", s.opts.RetryAfterFailure)
				wait = s.opts.RetryAfterFailure
			}
			t := time.NewTimer(wait)
			select {
			case <-ctx.Done():
				t.Stop()
				return
			case <-t.C:
			}
		}
	}()
}

// Close stops the refresh loop and waits for it.
func (s *Source) Close() {
	if s.cancel != nil {
		s.cancel()
	}
	s.wg.Wait()
}

// Refresh fetches the remote catalogue once. On success it replaces the served catalogue; on
// failure the last good remote catalogue stays, marked stale, or the bundled list when none.
func (s *Source) Refresh(ctx context.Context) error {
	if s.opts.URL == "" {
		return errors.New("known channels: no URL configured")
	}
	c, dropped, err := s.fetch(ctx)
	if err != nil {
		if s.fetched.Load() {
			old := *s.cur.Load()
			old.Stale = true
			s.cur.Store(&old)
		}
		return err
	}
	if dropped > 0 {
		s.log.Warn("known channels: invalid entries skipped", "source", s.source, "skipped", dropped, "kept", len(c.Entries))
	}
	c.FetchedAt = s.opts.Now().UTC()
	c.Source = s.source
	s.cur.Store(&c)
	s.fetched.Store(true)
	return nil
}

// fetch GETs the URL with the timeout and reads at most MaxBytes+1 bytes, so an oversized
// body costs no more memory than the bound.
func (s *Source) fetch(ctx context.Context) (Catalogue, int, error) {
	ctx, cancel := context.WithTimeout(ctx, s.opts.Timeout)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, s.opts.URL, nil)
	if err != nil {
		return Catalogue{}, 0, fmt.Errorf("build request: %w", err)
	}
	req.Header.Set("Accept", "application/json")
	resp, err := s.opts.Client.Do(req)
	if err != nil {
		return Catalogue{}, 0, fmt.Errorf("fetch catalogue: %w", err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return Catalogue{}, 0, fmt.Errorf("fetch catalogue: HTTP %d", resp.StatusCode)
	}
	b, err := io.ReadAll(io.LimitReader(resp.Body, s.opts.MaxBytes+1))
	if err != nil {
		return Catalogue{}, 0, fmt.Errorf("read catalogue: %w", err)
	}
	if int64(len(b)) > s.opts.MaxBytes {
		return Catalogue{}, 0, fmt.Errorf("read catalogue: body larger than %d bytes", s.opts.MaxBytes)
	}
	return parse(b)
}

// redact keeps scheme, host and path of a URL: credentials and query tokens stay private.
func redact(raw string) string {
	if raw == "" {
		return "bundled"
	}
	u, err := url.Parse(raw)
	if err != nil {
		return "remote"
	}
	return (&url.URL{Scheme: u.Scheme, Host: u.Host, Path: u.Path}).String()
}
