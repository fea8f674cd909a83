package ingest_test

import (
	"context"
	"database/sql"
	"encoding/json"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/corescope/corescope/internal/ingest"
	"github.com/corescope/corescope/internal/meshcore"
	"github.com/corescope/corescope/internal/meshsim"
	"github.com/corescope/corescope/internal/schema"
	"github.com/corescope/corescope/internal/storage"
)

// bigDBEnv names the dataset BenchmarkIngest_PipelineBigDB copies (never writes), e.g. one
// built by `./manage.sh bench --size 1m` (data/bench/bench-1m-realistic.db).
const bigDBEnv = "CORESCOPE_BENCH_DB"

// BenchmarkIngest_PipelineBigDB ingests b.N new packet messages of the realistic world
// (same nodes and observers as a `meshsim -profile realistic` dataset, another traffic
// seed, so every transmission is new) into a copy of the big database named by
// $CORESCOPE_BENCH_DB, with a reader following new rows every second the way the
// server's store does. It reports obs/s over Submit → last commit.
//
//	CORESCOPE_BENCH_DB=/path/bench-1m-realistic.db go test -run '^$' \
//	  -bench Ingest_PipelineBigDB -benchtime 30000x ./internal/ingest/
//
// CORESCOPE_BENCH_FOLLOW=0 leaves the follower out; CORESCOPE_BENCH_BATCH=N sets the batch size.
func BenchmarkIngest_PipelineBigDB(b *testing.B) {
	src := os.Getenv(bigDBEnv)
	if src == "" {
		b.Skipf("set %s to a big dataset (e.g. data/bench/bench-1m-realistic.db) to run this benchmark", bigDBEnv)
	}
	n := max(b.N, 1)
	topics, bodies := simMessages(b, n)
	path := filepath.Join(b.TempDir(), "big.db")
	if out, err := exec.Command("cp", "--reflink=auto", src, path).CombinedOutput(); err != nil {
		b.Fatalf("copy %s: %v: %s", src, err, out)
	}
	ctx := context.Background()
	db, err := schema.Open(ctx, path)
	if err != nil {
		b.Fatal(err)
	}
	defer db.Close()
	if _, err := schema.Migrate(ctx, db, nil); err != nil {
		b.Fatal(err)
	}
	stopFollow := func() int { return 0 }
	if os.Getenv("CORESCOPE_BENCH_FOLLOW") != "0" {
		stopFollow = follow(b, db, path)
	}
	in := openIngester(b, db, func(o *ingest.Options) {
		o.QueueSize = 50000
		if v, err := strconv.Atoi(os.Getenv("CORESCOPE_BENCH_BATCH")); err == nil && v > 0 {
			o.BatchSize = v // compare batch sizes with one binary
		}
	})
	b.ResetTimer()
	cpu0, io0 := processCPU(b), processIO(b)
	start := time.Now()
	for i := 0; i < n; i++ {
		for in.QueueDepth() > 40000 { // stay under the bounded queue like a QoS 1 broker would
			time.Sleep(time.Millisecond)
		}
		in.Submit("bench", topics[i], bodies[i], time.Now(), nil)
	}
	closeIngester(b, in)
	elapsed := time.Since(start)
	cpu, io := processCPU(b)-cpu0, processIO(b)-io0
	b.StopTimer()
	followed := stopFollow()
	st := in.Stats(time.Now())
	if got := st.ObsInserted + st.ObsDupes; got != int64(n) {
		b.Fatalf("observations written: got %d (+%d dupes), want %d (drops %d)", st.ObsInserted, st.ObsDupes, n, st.QueueDrops)
	}
	b.ReportMetric(float64(st.ObsInserted)/elapsed.Seconds(), "obs/s")
	// CPU per observation (this process: ingest and follower) is the figure that stays
	// comparable when other work on a busy machine takes the cores.
	b.ReportMetric(float64(cpu.Microseconds())/float64(st.ObsInserted), "cpu-µs/obs")
	// Bytes written (WAL frames, checkpoint copies) per observation: work, not luck.
	b.ReportMetric(float64(io)/float64(st.ObsInserted), "wB/obs")
	b.ReportMetric(float64(st.TxInserted), "new-tx")
	b.ReportMetric(float64(followed), "followed-obs")
	if p := st.CommitLatencyMs; p != nil {
		b.ReportMetric(p.P95, "p95-commit-ms")
	}
	b.ReportMetric(float64(st.GroupCommitFlushes), "commits")
}

// processCPU returns the user plus system CPU time this process has used.
func processCPU(b *testing.B) time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		b.Fatal(err)
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// processIO returns the bytes this process passed to write system calls (wchar of
// /proc/self/io), or 0 where that file does not exist.
func processIO(b *testing.B) int64 {
	raw, err := os.ReadFile("/proc/self/io")
	if err != nil {
		return 0
	}
	for _, line := range strings.Split(string(raw), "\n") {
		if v, ok := strings.CutPrefix(line, "wchar: "); ok {
			n, err := strconv.ParseInt(v, 10, 64)
			if err != nil {
				b.Fatal(err)
			}
			return n
		}
	}
	return 0
}

// simMessages returns n packet messages of the realistic simulated world with a traffic
// seed the dataset builder does not use; a packet repeated by the generator is skipped.
func simMessages(b *testing.B, n int) (topics []string, bodies [][]byte) {
	o := meshsim.DefaultOptions()
	if err := meshsim.ApplyProfile(&o, "realistic"); err != nil {
		b.Fatal(err)
	}
	o.TrafficSeed, o.AdvertRound = 0xB16DB, false
	w, err := meshsim.NewWorld(o)
	if err != nil {
		b.Fatal(err)
	}
	g := meshsim.NewGenerator(w)
	seen := map[string]bool{}
	at := time.Now().UTC()
	for len(topics) < n {
		at = at.Add(time.Second)
		msgs, err := g.Step(at)
		if err != nil {
			b.Fatal(err)
		}
		step := map[string]bool{}
		for _, m := range msgs {
			if m.Info == nil {
				continue
			}
			var body struct {
				Raw string `json:"raw"`
			}
			if err := json.Unmarshal(m.Payload, &body); err != nil {
				b.Fatal(err)
			}
			h, err := meshcore.ContentHashHex(body.Raw)
			if err != nil {
				b.Fatal(err)
			}
			if seen[h] {
				continue
			}
			step[h] = true
			topics, bodies = append(topics, m.Topic), append(bodies, m.Payload)
			if len(topics) == n {
				break
			}
		}
		for h := range step {
			seen[h] = true
		}
	}
	return topics, bodies
}

// follow reads new rows every second through a read-only handle, as the server's store
// follows the database (storage.TxsFrom / ObsFrom above the highest id read); the
// returned func stops it and says how many observations it read.
func follow(b *testing.B, w *sql.DB, path string) func() int {
	ctx, cancel := context.WithCancel(context.Background())
	ro, err := schema.OpenReadOnly(ctx, path, 2)
	if err != nil {
		b.Fatal(err)
	}
	var txHi, obsHi int64
	if err := w.QueryRow(`SELECT COALESCE(MAX(id), 0) FROM transmissions`).Scan(&txHi); err != nil {
		b.Fatal(err)
	}
	if err := w.QueryRow(`SELECT COALESCE(MAX(id), 0) FROM observations`).Scan(&obsHi); err != nil {
		b.Fatal(err)
	}
	var wg sync.WaitGroup
	read := 0
	wg.Add(1)
	go func() {
		defer wg.Done()
		tick := time.NewTicker(time.Second)
		defer tick.Stop()
		for {
			select {
			case <-ctx.Done():
				return
			case <-tick.C:
			}
			for {
				txs, err := storage.TxsFrom(ctx, ro, txHi+1, math.MaxInt64, "", 5000)
				if err != nil {
					return
				}
				obs, err := storage.ObsFrom(ctx, ro, obsHi+1, 5000)
				if err != nil {
					return
				}
				for _, t := range txs {
					txHi = max(txHi, t.ID)
				}
				for _, o := range obs {
					obsHi = max(obsHi, o.ID)
				}
				read += len(obs)
				if len(txs) < 5000 && len(obs) < 5000 {
					break
				}
			}
		}
	}()
	return func() int {
		cancel()
		wg.Wait()
		ro.Close()
		return read
	}
}
