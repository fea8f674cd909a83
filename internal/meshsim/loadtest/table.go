package loadtest

import (
	"fmt"
	"io"
	"text/tabwriter"
	"time"
)

// Shape is what the dataset a bench ran on looks like.
type Shape struct {
	Transmissions, Observations int64
	Nodes, Observers            int64
	DBBytes                     int64 // the database file plus its WAL
}

// ObsPerTx is observations per transmission (0 for an empty dataset).
func (s Shape) ObsPerTx() float64 {
	if s.Transmissions == 0 {
		return 0
	}
	return float64(s.Observations) / float64(s.Transmissions)
}

// Summary is everything one bench run reports.
type Summary struct {
	Dataset     string // e.g. "1m realistic"
	Shape       Shape
	Ready       time.Duration // process start to /api/healthz 200
	RSSReadyKiB int64         // VmRSS right after ready
	// RSSLoadPeakKiB is VmHWM right after ready: the peak while the database loaded.
	RSSLoadPeakKiB int64
	RSSAfterKiB    int64 // VmRSS after the endpoint load
	RSSPeakKiB     int64 // VmHWM at the end of the run (endpoint load and ingest included)
	// AnalyticsPass is the server's first full analytics pass (0 = none finished in time).
	AnalyticsPass time.Duration
	Concurrency   int
	Results       []Result
	Ingest        *Ingest // nil when the ingest phase did not run
}

// WriteTable prints the summary as a Markdown table (readable in a terminal too).
func WriteTable(w io.Writer, s Summary) error {
	tw := tabwriter.NewWriter(w, 0, 4, 1, ' ', 0)
	sh := s.Shape
	fmt.Fprintf(tw, "dataset %s: %d transmissions, %d observations (%.2f obs/tx), %d nodes, %d observers, DB %.1f MB\n",
		s.Dataset, sh.Transmissions, sh.Observations, sh.ObsPerTx(), sh.Nodes, sh.Observers, float64(sh.DBBytes)/1e6)
	fmt.Fprintf(tw, "startup to ready: %s; RSS at ready %.1f MiB, peak during load %.1f MiB, after endpoint load %.1f MiB, peak over the run %.1f MiB; %d connections\n",
		s.Ready.Round(time.Millisecond), mib(s.RSSReadyKiB), mib(s.RSSLoadPeakKiB), mib(s.RSSAfterKiB), mib(s.RSSPeakKiB), s.Concurrency)
	pass := "not finished within the run"
	if s.AnalyticsPass > 0 {
		pass = s.AnalyticsPass.Round(10 * time.Millisecond).String()
	}
	fmt.Fprintf(tw, "first full analytics pass: %s\n\n", pass)
	if s.Ingest != nil {
		fmt.Fprintln(tw, "ingest rows: new unique packets through real Mosquitto + ingestor into a copy of the dataset above, server following it, after the endpoint rows")
		fmt.Fprintln(tw)
	}
	fmt.Fprintln(tw, "| endpoint\t| req/s\t| p50 ms\t| p95 ms\t| p99 ms\t| requests\t| errors\t| unfinished\t| body bytes\t|")
	fmt.Fprintln(tw, "|---\t|---\t|---\t|---\t|---\t|---\t|---\t|---\t|---\t|")
	for _, r := range s.Results {
		p50, p95, p99 := msCell(r.P50, r.Requests), msCell(r.P95, r.Requests), msCell(r.P99, r.Requests)
		fmt.Fprintf(tw, "| %s\t| %.0f\t| %s\t| %s\t| %s\t| %d\t| %d\t| %d\t| %d\t|\n", r.Path, r.RPS, p50, p95, p99,
			r.Requests, r.Errors, r.Unfinished, r.Bytes)
	}
	if s.Ingest != nil {
		writeIngest(tw, s.Ingest)
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

func mib(kib int64) float64 { return float64(kib) / 1024 }
