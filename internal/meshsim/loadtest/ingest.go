package loadtest

import (
	"fmt"
	"io"
	"slices"
	"time"
)

// Latency is a nearest-rank summary of one latency distribution.
type Latency struct {
	N             int
	P50, P95, P99 time.Duration
}

// Summarize sorts samples in place and returns their count and p50/p95/p99.
func Summarize(samples []time.Duration) Latency {
	slices.Sort(samples)
	return Latency{N: len(samples), P50: percentile(samples, 0.50), P95: percentile(samples, 0.95), P99: percentile(samples, 0.99)}
}

// WSResult is what a fleet of /ws clients received during one publishing phase.
type WSResult struct {
	Clients      int           // /ws clients connected during the phase
	Expected     int64         // messages published × clients (the server sends a frame per observation)
	Delivered    int64         // frames of the phase's messages read, summed over clients
	Latency      Latency       // publish of the packet's first message → frame read, every client and frame
	DroppedConns int           // clients whose connection ended during the phase
	For          time.Duration // the phase's publishing time, for frames per second
}

// Ingest is the MQTT → ingestor → server part of a bench run (cmd/loadgen -broker).
type Ingest struct {
	// ObsPerTx is how many observer messages each new packet was published as.
	ObsPerTx float64
	// Burst: messages published as fast as the broker accepts (QoS 1) and the
	// sustained commit rate from the first publish to the last observation seen committed.
	BurstSent, BurstCommitted int
	BurstRate                 float64 // observations per second
	Window                    int     // most burst messages published but not yet seen committed
	BurstWS                   WSResult
	QueueDrops                int64 // the ingestor's queue_drops over the whole phase
	// Paced: messages published at PacedRate per second for PacedFor.
	PacedRate    float64
	PacedFor     time.Duration
	PacedSent    int     // messages
	PacedPackets int     // distinct packets (transmissions) among them
	Commit       Latency // publish → transmission visible to a read-only reader polling every PollEvery
	PollEvery    time.Duration
	WS           WSResult
}

// writeIngest prints the ingest rows of the table.
func writeIngest(w io.Writer, in *Ingest) {
	fmt.Fprintf(w, "| ingest burst: %d msgs (%.1f obs/tx) QoS 1, ≤ %d uncommitted\t| %.0f obs/s committed\t| \t| \t| \t| %d committed\t| %d lost, %d queue drops\t| \t| \t|\n",
		in.BurstSent, in.ObsPerTx, in.Window, in.BurstRate, in.BurstCommitted, in.BurstSent-in.BurstCommitted, in.QueueDrops)
	writeWS(w, "during the burst", in.BurstWS)
	fmt.Fprintf(w, "| publish → commit at %.0f obs/s for %s (poll %s)\t| \t| %.1f\t| %.1f\t| %.1f\t| %d packets committed\t| %d lost\t| \t| \t|\n",
		in.PacedRate, in.PacedFor, in.PollEvery, ms(in.Commit.P50), ms(in.Commit.P95), ms(in.Commit.P99),
		in.Commit.N, in.PacedPackets-in.Commit.N)
	writeWS(w, fmt.Sprintf("idle (%.0f obs/s)", in.PacedRate), in.WS)
}

func writeWS(w io.Writer, phase string, r WSResult) {
	frac := 0.0
	if r.Expected > 0 {
		frac = 100 * float64(r.Delivered) / float64(r.Expected)
	}
	fmt.Fprintf(w, "| publish → WebSocket %s, %d clients (%.2f%% delivered)\t| %.0f frames/s out\t| %s\t| %s\t| %s\t| %d frames\t| %d conns ended\t| \t| \t|\n",
		phase, r.Clients, frac, float64(r.Delivered)/max(r.For.Seconds(), 1e-9), msCell(r.Latency.P50, r.Latency.N), msCell(r.Latency.P95, r.Latency.N),
		msCell(r.Latency.P99, r.Latency.N), r.Delivered, r.DroppedConns)
}
