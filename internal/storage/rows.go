package storage

import "database/sql"

// Tx is one transmissions row.
type Tx struct {
	ID          int64
	RawHex      string
	Hash        string
	FirstSeen   string
	RouteType   sql.Null[int64]
	PayloadType sql.Null[int64]
	DecodedJSON sql.Null[string]
	ChannelHash sql.Null[string]
	FromPubkey  sql.Null[string]
	// ScopeName is the matched region ("#name") of a scoped transport packet, "" for a
	// scoped packet of an unlisted region, NULL when the packet is not scoped.
	ScopeName sql.Null[string]
}

// Obs is one observations row. Timestamp is unix seconds.
type Obs struct {
	ID           int64
	TxID         int64
	ObserverIdx  sql.Null[int64]
	Direction    sql.Null[string]
	SNR, RSSI    sql.Null[float64]
	Score        sql.Null[int64]
	PathJSON     sql.Null[string]
	Timestamp    int64
	ResolvedPath sql.Null[string]
	RawHex       sql.Null[string]
}

// Node is one nodes row.
type Node struct {
	PublicKey    string
	Name, Role   sql.Null[string]
	Lat, Lon     sql.Null[float64]
	LastSeen     sql.Null[string]
	FirstSeen    sql.Null[string]
	AdvertCount  int64
	BatteryMv    sql.Null[int64]
	TemperatureC sql.Null[float64]
	Foreign      bool
	DefaultScope sql.Null[string]
}

// Observer is one observers row; RowID is what observations.observer_idx refers to.
type Observer struct {
	RowID             int64
	ID                string
	Name, IATA        sql.Null[string]
	LastSeen          sql.Null[string]
	FirstSeen         sql.Null[string]
	PacketCount       int64
	Model, Firmware   sql.Null[string]
	ClientVersion     sql.Null[string]
	Radio             sql.Null[string]
	BatteryMv         sql.Null[int64]
	UptimeSecs        sql.Null[int64]
	NoiseFloor        sql.Null[float64]
	Inactive          bool
	LastPacketAt      sql.Null[string]
	ClockSkewSeconds  sql.Null[int64]
	ClockSkewCount24h int64
	ClockLastNaiveAt  sql.Null[string]
	CanRelay          sql.Null[bool]
}

// Edge is one neighbor_edges row.
type Edge struct {
	A, B     string
	Count    int64
	LastSeen sql.Null[string]
}

// Bounds are the id ranges and sizes the loader plans with. A range is meaningful only
// when its count or Has flag says there are rows: ids may be 0 or negative.
type Bounds struct {
	// TxCount, MinTxID and MaxTxID cover the transmissions first seen since the load window.
	TxCount          int64
	MinTxID, MaxTxID int64
	// TxLo..TxHi is the id range of the whole transmissions table (HasTx: not empty).
	TxLo, TxHi int64
	HasTx      bool
	// MinObsID..MaxObsID is the id range of the whole observations table.
	MinObsID, MaxObsID int64
	HasObs             bool
}
