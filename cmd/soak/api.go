package main

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"sort"
	"sync"
	"time"
)

// apiPaths are the REST endpoints the API clients cycle through (the pages' main calls).
var apiPaths = []string{
	"/api/packets?limit=50", "/api/packets?limit=50&groupByHash=true", "/api/nodes?limit=50", "/api/observers",
	"/api/stats", "/api/channels", "/api/analytics/rf", "/api/analytics/topology", "/api/healthz", "/api/perf",
}

type apiResult struct {
	requests, errors int64
	firstError       string
	p50, p95, p99    time.Duration
}

// apiLoad runs o.api clients, each sending a request, waiting for the answer and pausing
// o.think, until ctx ends.
func apiLoad(ctx context.Context, o options) apiResult {
	client := &http.Client{Timeout: 30 * time.Second, Transport: &http.Transport{MaxIdleConnsPerHost: o.api, MaxConnsPerHost: o.api}}
	var (
		mu  sync.Mutex
		res apiResult
		lat []time.Duration
		wg  sync.WaitGroup
	)
	for w := 0; w < o.api; w++ {
		wg.Add(1)
		go func(w int) {
			defer wg.Done()
			for i := w; ctx.Err() == nil; i++ {
				p := apiPaths[i%len(apiPaths)]
				start := time.Now()
				err := get(ctx, client, o.base+p)
				d := time.Since(start)
				if ctx.Err() != nil {
					return // cut off by the end of the run, not an answer
				}
				mu.Lock()
				res.requests++
				lat = append(lat, d)
				if err != nil {
					res.errors++
					if res.firstError == "" {
						res.firstError = fmt.Sprintf("%s: %v", p, err)
					}
				}
				mu.Unlock()
				if o.think > 0 {
					select {
					case <-ctx.Done():
					case <-time.After(o.think):
					}
				}
			}
		}(w)
	}
	wg.Wait()
	if len(lat) > 0 {
		sort.Slice(lat, func(i, j int) bool { return lat[i] < lat[j] })
		q := func(p float64) time.Duration { return lat[int(p*float64(len(lat)-1))] }
		res.p50, res.p95, res.p99 = q(0.50), q(0.95), q(0.99)
	}
	return res
}

func get(ctx context.Context, c *http.Client, url string) error {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	if err != nil {
		return err
	}
	req.Header.Set("Accept-Encoding", "gzip")
	resp, err := c.Do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	io.Copy(io.Discard, resp.Body)
	if resp.StatusCode >= 400 {
		return fmt.Errorf("status %d", resp.StatusCode)
	}
	return nil
}
