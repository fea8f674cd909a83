package loadtest

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"slices"
	"sync"
	"time"
)

// Options configures one load run.
type Options struct {
	BaseURL     string   // e.g. http://127.0.0.1:3000
	Paths       []string // request paths with query, measured one after another
	Concurrency int      // simultaneous connections per path
	Duration    time.Duration
	// Warmup requests per connection are sent before measuring each path.
	Warmup int
	Client *http.Client
}

// DefaultPaths are the endpoints `manage.sh bench` measures.
var DefaultPaths = []string{
	"/api/packets?limit=50", "/api/packets?groupByHash=true", "/api/nodes", "/api/observers",
	"/api/stats", "/api/analytics/neighbor-graph",
}

// DefaultOptions returns 50 connections for 10 s per path over DefaultPaths.
func DefaultOptions(baseURL string) Options {
	return Options{BaseURL: baseURL, Paths: DefaultPaths, Concurrency: 50, Duration: 10 * time.Second, Warmup: 2}
}

// Result is one path's measurement.
type Result struct {
	Path          string
	Requests      int
	Errors        int // transport errors and non-2xx answers
	Unfinished    int // requests still unanswered when the measuring time ended
	RPS           float64
	P50, P95, P99 time.Duration
	Bytes         int64 // response bytes of the last successful answer
}

// ErrOptions is returned for unusable options.
var ErrOptions = errors.New("invalid load options")

// Run measures every path in turn and returns one Result per path.
func Run(ctx context.Context, o Options) ([]Result, error) {
	if o.BaseURL == "" || o.Concurrency < 1 || o.Duration <= 0 || len(o.Paths) == 0 {
		return nil, fmt.Errorf("load run: %w: need a base URL, paths, concurrency ≥ 1 and a duration", ErrOptions)
	}
	if o.Client == nil {
		o.Client = &http.Client{Timeout: 60 * time.Second, Transport: &http.Transport{
			MaxIdleConns: o.Concurrency, MaxIdleConnsPerHost: o.Concurrency, MaxConnsPerHost: o.Concurrency}}
	}
	var out []Result
	for _, p := range o.Paths {
		if ctx.Err() != nil {
			return out, ctx.Err()
		}
		out = append(out, measure(ctx, o, p))
	}
	return out, nil
}

// measure hammers one path with o.Concurrency workers for o.Duration.
func measure(ctx context.Context, o Options, path string) Result {
	url := o.BaseURL + path
	var (
		mu    sync.Mutex
		lat   []time.Duration
		errs  int
		cut   int
		bytes int64
		wg    sync.WaitGroup
	)
	warm(ctx, o, url)
	runCtx, cancel := context.WithTimeout(ctx, o.Duration)
	defer cancel()
	start := time.Now()
	for w := 0; w < o.Concurrency; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			var mine []time.Duration
			var bad, unfinished int
			var n int64
			for runCtx.Err() == nil {
				t0 := time.Now()
				size, err := get(runCtx, o.Client, url)
				if runCtx.Err() != nil {
					unfinished++ // cut off by the deadline: neither a sample nor an error
					break
				}
				if err != nil {
					bad++
					continue
				}
				mine, n = append(mine, time.Since(t0)), size
			}
			mu.Lock()
			lat, errs, cut = append(lat, mine...), errs+bad, cut+unfinished
			if n > 0 {
				bytes = n
			}
			mu.Unlock()
		}()
	}
	wg.Wait()
	elapsed := time.Since(start)
	slices.Sort(lat)
	return Result{Path: path, Requests: len(lat), Errors: errs, Unfinished: cut, RPS: float64(len(lat)) / elapsed.Seconds(),
		P50: percentile(lat, 0.50), P95: percentile(lat, 0.95), P99: percentile(lat, 0.99), Bytes: bytes}
}

// warm sends o.Warmup requests per connection, concurrently, for at most o.Duration,
// so connections are open and caches are filled before measuring.
func warm(ctx context.Context, o Options, url string) {
	wctx, cancel := context.WithTimeout(ctx, o.Duration)
	defer cancel()
	var wg sync.WaitGroup
	for w := 0; w < o.Concurrency; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; i < o.Warmup && wctx.Err() == nil; i++ {
				get(wctx, o.Client, url)
			}
		}()
	}
	wg.Wait()
}

func get(ctx context.Context, c *http.Client, url string) (int64, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	if err != nil {
		return 0, err
	}
	req.Header.Set("Accept-Encoding", "identity")
	resp, err := c.Do(req)
	if err != nil {
		return 0, err
	}
	defer resp.Body.Close()
	n, err := io.Copy(io.Discard, resp.Body)
	if err != nil {
		return n, err
	}
	if resp.StatusCode < 200 || resp.StatusCode > 299 {
		return n, fmt.Errorf("status %d", resp.StatusCode)
	}
	return n, nil
}

// percentile returns the nearest-rank percentile of sorted samples (0 when empty).
func percentile(sorted []time.Duration, p float64) time.Duration {
	if len(sorted) == 0 {
		return 0
	}
	i := int(float64(len(sorted))*p+0.999999) - 1
	return sorted[max(0, min(i, len(sorted)-1))]
}
