package meshsim

import "time"

// stats are an observer's cumulative radio counters, reported in …/status.
type stats struct {
	packetsRecv, packetsSent, recvErrors int64
	rxAir, txAir                         time.Duration
	bootAt                               time.Time
}
