package api

import (
	"github.com/corescope/corescope/internal/hops"
	"github.com/corescope/corescope/internal/store"
)

// TxJSON is the Tx shape (api.md §4.1).
type TxJSON struct {
	ID               int64     `json:"id"`
	RawHex           *string   `json:"raw_hex"`
	Hash             string    `json:"hash"`
	FirstSeen        string    `json:"first_seen"`
	Timestamp        string    `json:"timestamp"`
	RouteType        *int      `json:"route_type"`
	PayloadType      *int      `json:"payload_type"`
	DecodedJSON      *string   `json:"decoded_json"`
	ScopeName        *string   `json:"scope_name"`
	ObservationCount int       `json:"observation_count"`
	ObserverID       *string   `json:"observer_id"`
	ObserverName     *string   `json:"observer_name"`
	ObserverIATA     *string   `json:"observer_iata"`
	SNR              *float64  `json:"snr"`
	RSSI             *float64  `json:"rssi"`
	PathJSON         *string   `json:"path_json"`
	Direction        *string   `json:"direction"`
	ParsedPath       []string  `json:"_parsedPath"`
	ResolvedPath     []*string `json:"resolved_path,omitempty"`
	Observations     []ObsLite `json:"observations,omitempty"`
}

// ObsLite is an observation nested in a Tx.
type ObsLite struct {
	ID           int64     `json:"id"`
	ObserverID   *string   `json:"observer_id"`
	ObserverName *string   `json:"observer_name"`
	ObserverIATA *string   `json:"observer_iata"`
	SNR          *float64  `json:"snr"`
	RSSI         *float64  `json:"rssi"`
	PathJSON     *string   `json:"path_json"`
	Timestamp    *string   `json:"timestamp"`
	Direction    *string   `json:"direction"`
	ResolvedPath []*string `json:"resolved_path,omitempty"`
}

// ObsDetail is an observation in packet detail and batch answers (api.md §4.2).
type ObsDetail struct {
	ID           int64     `json:"id"`
	Hash         string    `json:"hash,omitempty"`
	ObserverID   *string   `json:"observer_id"`
	ObserverName *string   `json:"observer_name"`
	ObserverIATA *string   `json:"observer_iata"`
	SNR          *float64  `json:"snr"`
	RSSI         *float64  `json:"rssi"`
	PathJSON     *string   `json:"path_json"`
	ResolvedPath []*string `json:"resolved_path,omitempty"`
	Direction    *string   `json:"direction,omitempty"`
	RawHex       *string   `json:"raw_hex,omitempty"`
	Timestamp    *string   `json:"timestamp"`
}

// GroupedTx is one row of groupByHash=true (api.md §4.3).
type GroupedTx struct {
	Hash             string   `json:"hash"`
	FirstSeen        string   `json:"first_seen"`
	Count            int      `json:"count"`
	ObserverCount    int      `json:"observer_count"`
	ObservationCount int      `json:"observation_count"`
	Latest           string   `json:"latest"`
	ObserverID       *string  `json:"observer_id"`
	ObserverName     *string  `json:"observer_name"`
	ObserverIATA     *string  `json:"observer_iata"`
	DistinctIATAs    []string `json:"distinct_iatas"`
	PathJSON         *string  `json:"path_json"`
	PayloadType      *int     `json:"payload_type"`
	RouteType        *int     `json:"route_type"`
	RawHex           *string  `json:"raw_hex"`
	DecodedJSON      *string  `json:"decoded_json"`
	ScopeName        *string  `json:"scope_name"`
	SNR              *float64 `json:"snr"`
	RSSI             *float64 `json:"rssi"`
}

func strp(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}

func txJSON(t *TxRow, withObs bool) TxJSON {
	out := TxJSON{ID: t.ID, RawHex: strp(t.RawHex), Hash: t.Hash, FirstSeen: t.FirstSeen, Timestamp: t.FirstSeen,
		RouteType: t.RouteType, PayloadType: t.PayloadType, DecodedJSON: t.DecodedJSON, ScopeName: t.ScopeName, ObservationCount: len(t.Observations)}
	if b := t.BestObservation(); b != nil {
		out.ObserverID, out.ObserverName, out.ObserverIATA = b.ObserverID, b.ObserverName, b.ObserverIATA
		out.SNR, out.RSSI, out.PathJSON, out.Direction = b.SNR, b.RSSI, b.PathJSON, b.Direction
		out.ParsedPath = hops.ParsePathPtr(b.PathJSON)
		out.ResolvedPath = b.ResolvedPath
	}
	if withObs {
		out.Observations = make([]ObsLite, 0, len(t.Observations))
		for i := range t.Observations {
			o := &t.Observations[i]
			out.Observations = append(out.Observations, ObsLite{ID: o.ID, ObserverID: o.ObserverID, ObserverName: o.ObserverName,
				ObserverIATA: o.ObserverIATA, SNR: o.SNR, RSSI: o.RSSI, PathJSON: o.PathJSON, Timestamp: strp(o.Timestamp),
				Direction: o.Direction, ResolvedPath: o.ResolvedPath})
		}
	}
	return out
}

func obsDetail(t *TxRow, o *ObsRow) ObsDetail {
	d := ObsDetail{ID: o.ID, Hash: t.Hash, ObserverID: o.ObserverID, ObserverName: o.ObserverName, ObserverIATA: o.ObserverIATA,
		SNR: o.SNR, RSSI: o.RSSI, PathJSON: o.PathJSON, ResolvedPath: o.ResolvedPath, Direction: o.Direction,
		RawHex: o.RawHex, Timestamp: strp(o.Timestamp)}
	if d.RawHex == nil {
		d.RawHex = strp(t.RawHex)
	}
	return d
}

// groupedTx is one grouped row from the store's per-transmission summary.
func groupedTx(t *store.TxSummary) GroupedTx {
	g := GroupedTx{Hash: t.Hash, FirstSeen: t.FirstSeen, Count: t.Count, ObservationCount: t.Count, ObserverCount: t.ObserverCount,
		Latest: t.Latest, PayloadType: t.PayloadType, RouteType: t.RouteType, RawHex: strp(t.RawHex),
		DecodedJSON: t.DecodedJSON, ScopeName: t.ScopeName, DistinctIATAs: t.DistinctIATAs}
	if t.HasBest {
		b := &t.Best
		g.ObserverID, g.ObserverName, g.ObserverIATA = b.ObserverID, b.ObserverName, b.ObserverIATA
		g.PathJSON, g.SNR, g.RSSI = b.PathJSON, b.SNR, b.RSSI
	}
	return g
}
