package loadtest

import (
	"fmt"
	"io"
	"text/tabwriter"
	"time"
)

// Summary is everything one bench run reports.
type Summary struct {
	Dataset      string        // e.g. "1m"
	Ready        time.Duration // process start to /api/healthz 200
	RSSReadyKiB  int64         // VmRSS right after ready
	RSSAfterKiB  int64         // VmRSS after the load
	Concurrency  int
	Results      []Result
	Transmission int64 // rows in the dataset, when known
	Observations int64
	Ingest       *Ingest // nil when the ingest phase did not run
}

// WriteTable prints the summary as a Markdown table (readable in a terminal too).
func WriteTable(w io.Writer, s Summary) error {
	tw := tabwriter.NewWriter(w, 0, 4, 1, ' ', 0)
	fmt.Fprintf(tw, "dataset %s: %d transmissions, %d observations\n", s.Dataset, s.Transmission, s.Observations)
	fmt.Fprintf(tw, "startup to ready: %s; RSS at ready %.1f MiB, after load %.1f MiB; %d connections\n\n",
		s.Ready.Round(time.Millisecond), float64(s.RSSReadyKiB)/1024, float64(s.RSSAfterKiB)/1024, s.Concurrency)
	if s.Ingest != nil {
		fmt.Fprintln(tw, "ingest rows: a fresh database fed through real Mosquitto + ingestor, server on it; endpoint rows: the dataset above")
		fmt.Fprintln(tw)
	}
	fmt.Fprintln(tw, "| endpoint\t| req/s\t| p50 ms\t| p95 ms\t| p99 ms\t| requests\t| errors\t| unfinished\t| body bytes\t|")
	fmt.Fprintln(tw, "|---\t|---\t|---\t|---\t|---\t|---\t|---\t|---\t|---\t|")
	if s.Ingest != nil {
		writeIngest(tw, s.Ingest)
	}
	for _, r := range s.Results {
		p50, p95, p99 := msCell(r.P50, r.Requests), msCell(r.P95, r.Requests), msCell(r.P99, r.Requests)
		fmt.Fprintf(tw, "| %s\t| %.0f\t| %s\t| %s\t| %s\t| %d\t| %d\t| %d\t| %d\t|\n", r.Path, r.RPS, p50, p95, p99,
			r.Requests, r.Errors, r.Unfinished, r.Bytes)
	}
	if err := tw.Flush(); err != nil {
		return fmt.Errorf("write table: %w", err)
	}
	return nil
}

// msCell formats a percentile in ms, or "n/a" when no request finished in time (a slow
// endpoint whose every answer took longer than the measuring time).
func msCell(d time.Duration, n int) string {
	if n == 0 {
		return "n/a"
	}
	return fmt.Sprintf("%.1f", ms(d))
}

func ms(d time.Duration) float64 { return float64(d) / float64(time.Millisecond) }
