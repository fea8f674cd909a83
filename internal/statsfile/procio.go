package statsfile

import (
	"bufio"
	"bytes"
	"errors"
	"os"
	"strconv"
	"time"
)

// ProcIO is one raw reading of /proc/self/io.
type ProcIO struct {
	ReadBytes, WriteBytes, CancelledWriteBytes int64
	Syscr, Syscw                               int64
	At                                         time.Time
}

// ErrNoProcIO means /proc/self/io had none of the known keys (non-Linux).
var ErrNoProcIO = errors.New("no /proc/self/io counters")

// ReadProcIO reads /proc/self/io.
func ReadProcIO(now time.Time) (ProcIO, error) {
	b, err := os.ReadFile("/proc/self/io")
	if err != nil {
		return ProcIO{}, err
	}
	return ParseProcIO(b, now)
}

// ParseProcIO parses the "key: value" lines of /proc/<pid>/io.
func ParseProcIO(b []byte, now time.Time) (ProcIO, error) {
	p := ProcIO{At: now}
	found := 0
	sc := bufio.NewScanner(bytes.NewReader(b))
	for sc.Scan() {
		k, v, ok := bytes.Cut(sc.Bytes(), []byte(":"))
		if !ok {
			continue
		}
		n, err := strconv.ParseInt(string(bytes.TrimSpace(v)), 10, 64)
		if err != nil {
			continue
		}
		switch string(bytes.TrimSpace(k)) {
		case "read_bytes":
			p.ReadBytes = n
		case "write_bytes":
			p.WriteBytes = n
		case "cancelled_write_bytes":
			p.CancelledWriteBytes = n
		case "syscr":
			p.Syscr = n
		case "syscw":
			p.Syscw = n
		default:
			continue
		}
		found++
	}
	if found == 0 {
		return ProcIO{}, ErrNoProcIO
	}
	return p, nil
}

// Rate returns the per-second deltas from prev to cur (dt floored at 1 ms).
func Rate(prev, cur ProcIO) PerfIOSample {
	dt := cur.At.Sub(prev.At).Seconds()
	if dt < 0.001 {
		dt = 0.001
	}
	r := func(a, b int64) float64 {
		if b < a {
			return 0
		}
		return float64(b-a) / dt
	}
	return PerfIOSample{
		ReadBytesPerSec:           r(prev.ReadBytes, cur.ReadBytes),
		WriteBytesPerSec:          r(prev.WriteBytes, cur.WriteBytes),
		CancelledWriteBytesPerSec: r(prev.CancelledWriteBytes, cur.CancelledWriteBytes),
		SyscallsRead:              r(prev.Syscr, cur.Syscr),
		SyscallsWrite:             r(prev.Syscw, cur.Syscw),
		SampledAt:                 cur.At.UTC().Format(time.RFC3339),
	}
}
