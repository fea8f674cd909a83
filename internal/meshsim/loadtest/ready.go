package loadtest

import (
	"bufio"
	"context"
	"fmt"
	"net/http"
	"os"
	"strconv"
	"strings"
	"time"
)

// WaitReady polls url (e.g. http://127.0.0.1:3000/api/healthz) every interval until it
// answers 200, and returns how long that took. Connection errors and 503 keep polling.
func WaitReady(ctx context.Context, client *http.Client, url string, interval time.Duration) (time.Duration, error) {
	start := time.Now()
	for {
		req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
		if err != nil {
			return 0, fmt.Errorf("wait ready: %w", err)
		}
		if resp, err := client.Do(req); err == nil {
			resp.Body.Close()
			if resp.StatusCode == http.StatusOK {
				return time.Since(start), nil
			}
		}
		select {
		case <-ctx.Done():
			return time.Since(start), fmt.Errorf("wait ready %s: %w", url, ctx.Err())
		case <-time.After(interval):
		}
	}
}

// RSSKiB returns the resident set size (VmRSS) of process pid in KiB, read from procfs.
func RSSKiB(pid int) (int64, error) { return statusKiB(pid, "VmRSS:") }

// HWMKiB returns the peak resident set size (VmHWM) of process pid in KiB: the most it
// ever held, so a read after a phase catches a peak between two samples.
func HWMKiB(pid int) (int64, error) { return statusKiB(pid, "VmHWM:") }

func statusKiB(pid int, key string) (int64, error) {
	f, err := os.Open(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		return 0, fmt.Errorf("read %s: %w", key, err)
	}
	defer f.Close()
	return parseStatusKiB(bufio.NewScanner(f), key)
}

func parseStatusKiB(sc *bufio.Scanner, key string) (int64, error) {
	for sc.Scan() {
		line := sc.Text()
		if !strings.HasPrefix(line, key) {
			continue
		}
		fields := strings.Fields(strings.TrimPrefix(line, key))
		if len(fields) == 0 {
			break
		}
		n, err := strconv.ParseInt(fields[0], 10, 64)
		if err != nil {
			return 0, fmt.Errorf("read %s: parse %q: %w", key, line, err)
		}
		return n, nil
	}
	if err := sc.Err(); err != nil {
		return 0, fmt.Errorf("read %s: %w", key, err)
	}
	return 0, fmt.Errorf("read %s: no such line", key)
}
