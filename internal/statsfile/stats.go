package statsfile

// Snapshot is one stats file sample. Field names are the contract with the server.
type Snapshot struct {
	SampledAt          string           `json:"sampledAt"`
	TxInserted         int64            `json:"tx_inserted"`
	ObsInserted        int64            `json:"obs_inserted"`
	TxDupes            int64            `json:"tx_dupes"`
	ObsDupes           int64            `json:"obs_dupes"`
	NodeUpserts        int64            `json:"node_upserts"`
	ObserverUpserts    int64            `json:"observer_upserts"`
	WriteErrors        int64            `json:"write_errors"`
	SigDrops           int64            `json:"sig_drops"`
	WALCommits         int64            `json:"walCommits"`
	GroupCommitFlushes int64            `json:"groupCommitFlushes"`
	BackfillUpdates    map[string]int64 `json:"backfillUpdates"`

	// Queue and input health (this implementation's additions).
	QueueDepth    int64            `json:"queue_depth"`
	QueueCapacity int64            `json:"queue_capacity"`
	QueueDrops    int64            `json:"queue_drops"`
	BadInput      map[string]int64 `json:"bad_input,omitempty"`
	// DiskFull is set while the ingestor holds messages because the database's disk is
	// full; DiskFullRetries counts every retry since the ingestor started.
	DiskFull        *DiskFull `json:"disk_full,omitempty"`
	DiskFullRetries int64     `json:"disk_full_retries,omitempty"`
	// CommitLatencyMs summarises receipt→commit latency over the last samples.
	CommitLatencyMs *Percentiles `json:"commit_latency_ms,omitempty"`

	ProcIO               *PerfIOSample             `json:"procIO,omitempty"`
	WriterPerf           map[string]WriterStats    `json:"writer_perf,omitempty"`
	SourceLiveness       map[string]SourceLiveness `json:"source_liveness,omitempty"`
	SourceStatuses       []SourceStatus            `json:"source_statuses,omitempty"`
	WatchdogLastTickUnix *int64                    `json:"watchdogLastTickUnix,omitempty"`
	WatchdogPanicCount   *int64                    `json:"watchdogPanicCount,omitempty"`

	// InjectAddr and MetricsAddr are the loopback addresses the ingestor actually bound
	// (a busy configured port falls back to a free one); the server forwards
	// POST /api/packets to InjectAddr. Empty when the listener is off or failed.
	InjectAddr  string `json:"inject_addr,omitempty"`
	MetricsAddr string `json:"metrics_addr,omitempty"`
}

// DiskFull is one disk-full episode: ingest paused, nothing acknowledged, the batch
// retried with backoff.
type DiskFull struct {
	Since   string `json:"since"` // RFC3339, when the first write failed
	Retries int64  `json:"retries"`
	Error   string `json:"error"`
}

// Percentiles is a small latency summary in milliseconds.
type Percentiles struct {
	Count int     `json:"count"`
	P50   float64 `json:"p50"`
	P95   float64 `json:"p95"`
	P99   float64 `json:"p99"`
	Max   float64 `json:"max"`
}

// WriterStats is the wait/hold summary of one writer component (rolling 1024 samples;
// contention counts waits above 100 ms).
type WriterStats struct {
	Count           int64   `json:"count"`
	ContentionTotal int64   `json:"contention_total"`
	WaitMsP50       float64 `json:"wait_ms_p50"`
	WaitMsP95       float64 `json:"wait_ms_p95"`
	WaitMsP99       float64 `json:"wait_ms_p99"`
	WaitMsMax       float64 `json:"wait_ms_max"`
	HoldMsP50       float64 `json:"hold_ms_p50"`
	HoldMsP95       float64 `json:"hold_ms_p95"`
	HoldMsP99       float64 `json:"hold_ms_p99"`
	HoldMsMax       float64 `json:"hold_ms_max"`
}

// SourceLiveness holds the two per-source clocks: receipt (MQTT callback) and message
// (after the ingest pipeline accepted it).
type SourceLiveness struct {
	LastReceiptUnix int64 `json:"lastReceiptUnix"`
	LastMessageUnix int64 `json:"lastMessageUnix"`
}

// SourceStatus is one MQTT source's state for /api/mqtt/status.
type SourceStatus struct {
	Name               string `json:"name"`
	Broker             string `json:"broker"`
	Connected          bool   `json:"connected"`
	Subscribed         bool   `json:"subscribed"`
	LastConnectUnix    int64  `json:"lastConnectUnix"`
	LastDisconnectUnix int64  `json:"lastDisconnectUnix"`
	// DisconnectedSinceUnix is when the current outage began; 0 (omitted) while connected.
	DisconnectedSinceUnix int64 `json:"disconnectedSinceUnix,omitempty"`
	LastPacketUnix        int64 `json:"lastPacketUnix"`
	ConnectCount          int64 `json:"connectCount"`
	DisconnectCount       int64 `json:"disconnectCount"`
	PacketsTotal          int64 `json:"packetsTotal"`
	PacketsLast5m         int64 `json:"packetsLast5m"`
	// ReconnectCount counts successful connects after the first one.
	ReconnectCount int64 `json:"reconnectCount"`
	// WatchdogReconnects counts reconnects forced because the feed went silent.
	WatchdogReconnects int64  `json:"watchdogReconnects"`
	LastError          string `json:"lastError,omitempty"`
}

// PerfIOSample is a per-second rate sample of /proc/self/io.
type PerfIOSample struct {
	ReadBytesPerSec           float64 `json:"readBytesPerSec"`
	WriteBytesPerSec          float64 `json:"writeBytesPerSec"`
	CancelledWriteBytesPerSec float64 `json:"cancelledWriteBytesPerSec"`
	SyscallsRead              float64 `json:"syscallsRead"`
	SyscallsWrite             float64 `json:"syscallsWrite"`
	SampledAt                 string  `json:"sampledAt,omitempty"`
}
