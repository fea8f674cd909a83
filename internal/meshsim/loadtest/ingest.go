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

// Ingest is the MQTT → ingestor → server part of a bench run (cmd/loadgen -broker).
type Ingest struct {
	// Burst: messages published as fast as the broker accepts (QoS 1) and the
	// sustained commit rate from the first publish to the last row seen committed.
	BurstSent, BurstCommitted int
	BurstRate                 float64 // observations per second
	Window                    int     // most burst messages published but not yet seen committed
	QueueDrops                int64   // the ingestor's queue_drops over the whole phase
	// Paced: messages published at PacedRate per second for PacedFor.
	PacedRate      float64
	PacedFor       time.Duration
	PacedSent      int
	Commit         Latency // publish → row visible to a read-only reader polling every PollEvery
	PollEvery      time.Duration
	WSClients      int     // /ws clients connected during the paced phase
	WSExpected     int64   // PacedSent × WSClients
	WSDelivered    int64   // paced messages received, summed over clients
	WS             Latency // publish → frame read, over every client and message
	WSDroppedConns int     // clients whose connection ended during the phase
}

// writeIngest prints the ingest rows of the table.
func writeIngest(w io.Writer, in *Ingest) {
	fmt.Fprintf(w, "| ingest burst: %d msgs QoS 1, ≤ %d uncommitted\t| %.0f obs/s committed\t| \t| \t| \t| %d committed\t| %d lost, %d queue drops\t| \t| \t|\n",
		in.BurstSent, in.Window, in.BurstRate, in.BurstCommitted, in.BurstSent-in.BurstCommitted, in.QueueDrops)
	fmt.Fprintf(w, "| publish → commit at %.0f obs/s for %s (poll %s)\t| \t| %.1f\t| %.1f\t| %.1f\t| %d committed\t| %d lost\t| \t| \t|\n",
		in.PacedRate, in.PacedFor, in.PollEvery, ms(in.Commit.P50), ms(in.Commit.P95), ms(in.Commit.P99),
		in.Commit.N, in.PacedSent-in.Commit.N)
	frac := 0.0
	if in.WSExpected > 0 {
		frac = 100 * float64(in.WSDelivered) / float64(in.WSExpected)
	}
	fmt.Fprintf(w, "| publish → WebSocket, %d clients (%.2f%% delivered)\t| %.0f msgs/s out\t| %.1f\t| %.1f\t| %.1f\t| %d frames\t| %d conns ended\t| \t| \t|\n",
		in.WSClients, frac, float64(in.WSDelivered)/max(in.PacedFor.Seconds(), 1e-9), ms(in.WS.P50), ms(in.WS.P95), ms(in.WS.P99),
		in.WSDelivered, in.WSDroppedConns)
}
