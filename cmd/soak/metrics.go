package main

import (
	"bufio"
	"context"
	"net/http"
	"strings"
	"time"
)

// serverWSMetrics returns the server's own WebSocket counters from GET /metrics
// (corescope_websocket_*), or nil when the endpoint is off or unreachable.
func serverWSMetrics(ctx context.Context, base string) []string {
	ctx, cancel := context.WithTimeout(ctx, 10*time.Second)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, base+"/metrics", nil)
	if err != nil {
		return nil
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return nil
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return nil
	}
	var out []string
	sc := bufio.NewScanner(resp.Body)
	for sc.Scan() {
		if l := sc.Text(); strings.HasPrefix(l, "corescope_websocket_") {
			out = append(out, l)
		}
	}
	return out
}
