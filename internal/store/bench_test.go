package store

import (
	"context"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/corescope/corescope/internal/storage"
)

// Benchmarks run over CORESCOPE_BENCH_DB when set (e.g. the 1M-observation
// data/bench/bench-1m.db that `./manage.sh bench` builds), else over a DB generated once
// per process with CORESCOPE_BENCH_OBS observations (default 200 000).

var benchOnce struct {
	sync.Once
	path string
	err  error
}

func benchPath(b *testing.B) string {
	b.Helper()
	if p := os.Getenv("CORESCOPE_BENCH_DB"); p != "" {
		return p
	}
	benchOnce.Do(func() {
		n := 200000
		if v, err := strconv.Atoi(os.Getenv("CORESCOPE_BENCH_OBS")); err == nil && v > 0 {
			n = v
		}
		dir, err := os.MkdirTemp("", "corescope-store-bench")
		if err != nil {
			benchOnce.err = err
			return
		}
		benchOnce.path = filepath.Join(dir, "bench.db")
		benchOnce.err = generate(b, benchOnce.path, n)
	})
	if benchOnce.err != nil {
		b.Fatal(benchOnce.err)
	}
	return benchOnce.path
}

func TestMain(m *testing.M) {
	code := m.Run()
	if benchOnce.path != "" {
		os.RemoveAll(filepath.Dir(benchOnce.path))
	}
	os.Exit(code)
}

// generate writes n observations (≈4 per transmission) over 300 nodes and 20 observers.
func generate(b testing.TB, path string, n int) error {
	db := openMigrated(b, path)
	r := rand.New(rand.NewPCG(7, 7))
	keys := make([]string, 300)
	for i := range keys {
		keys[i] = fmt.Sprintf("%064x", r.Uint64())
	}
	tx, err := db.Begin()
	if err != nil {
		return err
	}
	for i := range 20 {
		if _, err := tx.Exec(`INSERT INTO observers (id, name, iata) VALUES (?, ?, ?)`, strings.ToUpper(keys[i]), fmt.Sprintf("obs%d", i), []string{"SJC", "OAK", "SFO"}[i%3]); err != nil {
			return err
		}
	}
	for _, k := range keys {
		if _, err := tx.Exec(`INSERT INTO nodes (public_key, name, role) VALUES (?, ?, 'repeater')`, k, "n"+k[:6]); err != nil {
			return err
		}
	}
	start := time.Unix(1700000000, 0)
	for id, obs := 1, 0; obs < n; id++ {
		pt := []int{4, 5, 2, 3, 9}[r.IntN(5)]
		var from, ch any
		if pt == 4 {
			from = keys[r.IntN(len(keys))]
		}
		if pt == 5 {
			ch = []string{"#test", "public", "enc_1A"}[r.IntN(3)]
		}
		at := start.Add(time.Duration(id) * time.Second)
		if _, err := tx.Exec(`INSERT INTO transmissions (id, raw_hex, hash, first_seen, route_type, payload_type, decoded_json, channel_hash, from_pubkey)
			VALUES (?, ?, ?, ?, 1, ?, '{"type":"X","text":"a: b"}', ?, ?)`, id, strings.Repeat("AB", 60), fmt.Sprintf("%016x", id),
			at.UTC().Format("2006-01-02T15:04:05.000Z"), pt, ch, from); err != nil {
			return err
		}
		for k := range 1 + r.IntN(7) {
			hops := r.IntN(5)
			path, res := make([]string, hops), make([]string, hops)
			for h := range hops {
				key := keys[r.IntN(len(keys))]
				path[h], res[h] = `"`+strings.ToUpper(key[:2])+`"`, `"`+key+`"`
			}
			if _, err := tx.Exec(`INSERT INTO observations (transmission_id, observer_idx, snr, rssi, path_json, timestamp, resolved_path)
				VALUES (?, ?, ?, -90, ?, ?, ?)`, id, 1+(k+id)%20, float64(r.IntN(20))-5, "["+strings.Join(path, ",")+"]",
				at.Unix()+int64(k), "["+strings.Join(res, ",")+"]"); err != nil {
				return err
			}
			obs++
		}
	}
	if err := tx.Commit(); err != nil {
		return err
	}
	return db.Close()
}

func benchStore(b *testing.B) *Store {
	b.Helper()
	return openStore(b, benchPath(b), Options{PollInterval: time.Hour})
}

func BenchmarkLoad(b *testing.B) {
	path := benchPath(b)
	var obs int64
	var heap uint64
	for b.Loop() {
		runtime.GC()
		var before, after runtime.MemStats
		runtime.ReadMemStats(&before)
		s := New(openRO(b, path), Options{PollInterval: time.Hour})
		if err := s.Open(context.Background()); err != nil {
			b.Fatal(err)
		}
		<-s.Loaded()
		if err := s.LoadErr(); err != nil {
			b.Fatalf("store load: %v", err)
		}
		runtime.GC()
		runtime.ReadMemStats(&after)
		obs, heap = s.Counts().Observations, after.HeapAlloc-before.HeapAlloc
		b.ReportMetric(float64(s.Counts().TrackedBytes)/(1<<20), "tracked-MiB")
		s.Close(context.Background())
	}
	b.ReportMetric(float64(obs), "observations")
	b.ReportMetric(float64(heap)/(1<<20), "heap-MiB")
}

func BenchmarkQuery_PacketsPage(b *testing.B) {
	s := benchStore(b)
	for b.Loop() {
		s.Transmissions(Filter{}, 0, 50)
	}
}

func BenchmarkQuery_PacketsTypeAndObserver(b *testing.B) {
	s := benchStore(b)
	obs := s.Observers()[0].ID
	for b.Loop() {
		if _, n := s.Transmissions(Filter{PayloadType: intp(4), Observers: []string{obs}}, 0, 50); n == 0 {
			b.Fatal("no match")
		}
	}
}

func BenchmarkQuery_PacketsSinceAll(b *testing.B) {
	s := benchStore(b)
	for b.Loop() {
		s.Transmissions(Filter{Since: "2000"}, 100, 50)
	}
}

func BenchmarkQuery_NodePage(b *testing.B) {
	s := benchStore(b)
	pk := s.Nodes()[0].PublicKey
	for b.Loop() {
		s.NodeTransmissions(pk, 0, 20)
	}
}

func BenchmarkQuery_ByHash(b *testing.B) {
	s := benchStore(b)
	txs, _ := s.Transmissions(Filter{}, 0, 1)
	for b.Loop() {
		if _, ok := s.TransmissionByHash(txs[0].Hash); !ok {
			b.Fatal("missing")
		}
	}
}

func BenchmarkQuery_ObserverActivity(b *testing.B) {
	s := benchStore(b)
	id := s.Observers()[0].ID
	n := 0
	for b.Loop() {
		n = len(s.ObserverActivity(id, 0))
	}
	b.ReportMetric(float64(n), "observations")
}

func BenchmarkQuery_NodeHealth(b *testing.B) {
	s := benchStore(b)
	pk := s.Nodes()[0].PublicKey
	for b.Loop() {
		s.NodeHealth(pk, time.Now())
	}
}

func BenchmarkQuery_Channels(b *testing.B) {
	s := benchStore(b)
	for b.Loop() {
		s.Channels(nil)
	}
}

// BenchmarkApply_1000Observations is the follow path's cost for one second of 1,000
// observations/s (250 new transmissions with 4 observations each) under one write lock.
func BenchmarkApply_1000Observations(b *testing.B) {
	s := benchStore(b)
	s.mu.RLock()
	next := s.txs[len(s.txs)-1].id + 1
	nextObs := s.obsByID[len(s.obsByID)-1].id + 1
	s.mu.RUnlock()
	for b.Loop() {
		txs := make([]storage.Tx, 250)
		obs := make([]storage.Obs, 0, 1000)
		for i := range txs {
			txs[i] = storage.Tx{ID: next, RawHex: "00", Hash: fmt.Sprintf("%016x", 1<<60+next), FirstSeen: "2030-01-01T00:00:00.000Z"}
			txs[i].PayloadType.V, txs[i].PayloadType.Valid = 4, true
			for k := range 4 {
				o := storage.Obs{ID: nextObs, TxID: next, Timestamp: 1900000000}
				o.ObserverIdx.V, o.ObserverIdx.Valid = int64(1+k), true
				o.PathJSON.V, o.PathJSON.Valid = `["AA","BB"]`, true
				obs = append(obs, o)
				nextObs++
			}
			next++
		}
		s.apply(txs, obs, false)
	}
}
