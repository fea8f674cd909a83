package main

import (
	"bufio"
	"bytes"
	"context"
	"os"
	"regexp"
	"strconv"
	"time"
)

// passMsg is the server's log message after a full analytics pass
// (internal/api RecomputeAnalytics); msField finds its duration attribute in text
// (ms=5670) or JSON ("ms":5670) form.
var (
	passMsg = []byte("recomputed analytics")
	msField = regexp.MustCompile(`[ ,{]"?ms"?[=:](\d+)`)
)

// firstAnalyticsPass returns the duration of the first full analytics pass logged in the
// server log at path (false when there is none yet).
func firstAnalyticsPass(path string) (time.Duration, bool) {
	f, err := os.Open(path)
	if err != nil {
		return 0, false
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 64*1024), 1<<20)
	for sc.Scan() {
		line := sc.Bytes()
		if !bytes.Contains(line, passMsg) {
			continue
		}
		if m := msField.FindSubmatch(line); m != nil {
			if n, err := strconv.ParseInt(string(m[1]), 10, 64); err == nil {
				return time.Duration(n) * time.Millisecond, true
			}
		}
	}
	return 0, false
}

// waitAnalyticsPass polls the server log every second until the first pass is logged
// or max has passed (0 when it was not).
func waitAnalyticsPass(ctx context.Context, path string, max time.Duration) time.Duration {
	deadline := time.Now().Add(max)
	for {
		if d, ok := firstAnalyticsPass(path); ok {
			return d
		}
		if time.Now().After(deadline) {
			return 0
		}
		select {
		case <-ctx.Done():
			return 0
		case <-time.After(time.Second):
		}
	}
}
