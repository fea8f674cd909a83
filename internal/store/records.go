package store

// txRec is one transmission in memory. Strings that are unique per row (raw hex,
// hash, first_seen, decoded JSON) are plain strings; repeating ones are intern ids.
type txRec struct {
	id        int64
	firstMs   int64 // first_seen parsed once at load (unix ms; 0 if unparseable)
	rawHex    string
	hash      string
	firstSeen string
	decoded   string
	channel   uint32 // strs id of channel_hash
	from      uint32 // strs id of lower-case from_pubkey
	scope     uint32 // strs id of scope_name (0 = NULL: not scoped; "" interns to a real id)
	obsHead   int64  // obs sequence of the oldest observation, -1 none
	obsTail   int64  // obs sequence of the newest observation, -1 none
	nObs      int32
	route     int8 // -1 = NULL
	ptype     int8 // -1 = NULL
	hasDec    bool
}

// obsRec is one observation in memory. next chains the observations of one
// transmission by sequence number (position + obsBase) in application order.
type obsRec struct {
	id       int64
	txID     int64
	next     int64 // -1 = end
	ts       int64 // unix seconds
	textOff  int64 // obsText entry with path_json and raw_hex, -1 = both NULL
	score    int32
	snrQ     int16  // SNR in quarter dB (see radio.go)
	rssiQ    int16  // RSSI in quarter dBm
	observer uint32 // strs id of the observer id (0 = unknown observer)
	dir      uint32 // strs id
	resolved uint32 // paths id
	hops     uint8  // hop count of path_json, for best-observation choice
	flags    uint8
}

const (
	hasSNR uint8 = 1 << iota
	hasRSSI
	hasScore
	// obsDead marks an observation of an evicted transmission: a tombstone that no
	// index reaches and that is dropped once it reaches the front of the slice.
	obsDead
	// radioWide: SNR/RSSI did not fit quarter units; the exact values are in Store.radioWide.
	radioWide
)

// obsKey locates an observation by id (the observation-id index: sorted by id).
type obsKey struct {
	id  int64
	seq int64
}

// recBytes estimates what a transmission costs in memory (struct, strings, index entries).
func (t *txRec) bytes() int64 {
	return int64(120 + len(t.rawHex) + len(t.hash) + len(t.firstSeen) + len(t.decoded) + 5*8 + 32)
}

// obsBytes is the estimated cost of one observation (struct plus its index entries).
const obsBytes = 88 + 16 + 2*8

// optional returns the nullable columns as fresh pointers (nil for NULL); nothing
// points into the record, whose slice slot may later hold another row.
func (t *txRec) optional() (ptype, route *int, decoded *string) {
	if t.ptype >= 0 {
		v := int(t.ptype)
		ptype = &v
	}
	if t.route >= 0 {
		v := int(t.route)
		route = &v
	}
	if t.hasDec {
		d := t.decoded
		decoded = &d
	}
	return ptype, route, decoded
}
