package api

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"slices"
	"sync"
	"time"
)

const dbObsCols = `o.id, o.transmission_id, ob.id, ob.name, ob.iata, o.direction, o.snr, o.rssi, o.score, o.path_json, o.timestamp, o.resolved_path, o.raw_hex`

const dbObsFrom = ` FROM observations o LEFT JOIN observers ob ON ob.rowid = o.observer_idx`

func (d *DBStore) scanObsRow(sc interface{ Scan(...any) error }) (ObsRow, error) {
	var o ObsRow
	var oid, name, iata, dir, path, res, raw sql.NullString
	var snr, rssi sql.NullFloat64
	var score sql.NullInt64
	var ts int64
	if err := sc.Scan(&o.ID, &o.TxID, &oid, &name, &iata, &dir, &snr, &rssi, &score, &path, &ts, &res, &raw); err != nil {
		return o, err
	}
	// Observer fields, directions, paths and hop keys repeat across many rows: share them.
	o.ObserverID, o.ObserverName, o.ObserverIATA = d.strs.get(oid), d.strs.get(name), d.strs.get(iata)
	o.Direction, o.PathJSON, o.RawHex = d.strs.get(dir), d.strs.get(path), nullStr(raw)
	if o.Direction != nil && *o.Direction == "" {
		o.Direction = nil
	}
	o.SNR, o.RSSI, o.Score = d.strs.float(snr), d.strs.float(rssi), d.strs.int(score)
	o.Timestamp = *d.strs.str(time.Unix(ts, 0).UTC().Format("2006-01-02T15:04:05.000Z"))
	o.ResolvedPath = d.parseResolved(res)
	return o, nil
}

// interner shares identical strings between rows.
type interner struct {
	mu     sync.Mutex
	m      map[string]*string
	paths  map[string][]*string
	floats map[float64]*float64
	ints   map[int64]*int
}

func (in *interner) float(v sql.NullFloat64) *float64 {
	if !v.Valid {
		return nil
	}
	in.mu.Lock()
	defer in.mu.Unlock()
	if p, ok := in.floats[v.Float64]; ok {
		return p
	}
	if in.floats == nil {
		in.floats = map[float64]*float64{}
	}
	p := &v.Float64
	in.floats[v.Float64] = p
	return p
}

func (in *interner) int(v sql.NullInt64) *int {
	if !v.Valid {
		return nil
	}
	in.mu.Lock()
	defer in.mu.Unlock()
	if p, ok := in.ints[v.Int64]; ok {
		return p
	}
	if in.ints == nil {
		in.ints = map[int64]*int{}
	}
	n := int(v.Int64)
	in.ints[v.Int64] = &n
	return &n
}

func (in *interner) get(v sql.NullString) *string {
	if !v.Valid {
		return nil
	}
	return in.str(v.String)
}

func (in *interner) str(s string) *string {
	in.mu.Lock()
	defer in.mu.Unlock()
	if p, ok := in.m[s]; ok {
		return p
	}
	if in.m == nil {
		in.m = map[string]*string{}
	}
	p := &s
	in.m[s] = p
	return p
}

// parseResolved decodes resolved_path; identical paths share one (read-only) slice.
func (d *DBStore) parseResolved(s sql.NullString) []*string {
	if !s.Valid || s.String == "" {
		return nil
	}
	d.strs.mu.Lock()
	hops, ok := d.strs.paths[s.String]
	d.strs.mu.Unlock()
	if ok {
		return hops
	}
	if json.Unmarshal([]byte(s.String), &hops) != nil {
		return nil
	}
	for i, h := range hops {
		if h != nil {
			hops[i] = d.strs.str(*h)
		}
	}
	d.strs.mu.Lock()
	if d.strs.paths == nil {
		d.strs.paths = map[string][]*string{}
	}
	d.strs.paths[s.String] = hops
	d.strs.mu.Unlock()
	return hops
}

// bulkAttach is the transmission count above which attach scans all observations once.
const bulkAttach = 5000

// attach loads the observations of txs (newest first) and picks each best observation:
// the longest path, earliest on ties (api.md §4.1).
func (d *DBStore) attach(ctx context.Context, txs []TxRow) error {
	if len(txs) == 0 {
		return nil
	}
	pos := make(map[int64]int, len(txs))
	ids := make([]int64, len(txs))
	for i := range txs {
		pos[txs[i].ID], ids[i] = i, txs[i].ID
	}
	for start := 0; start < len(ids); start += 500 {
		chunk := ids[start:min(len(ids), start+500)]
		q, args := "SELECT "+dbObsCols+dbObsFrom+" WHERE o.transmission_id IN ("+marks(len(chunk))+") ORDER BY o.timestamp DESC, o.id DESC", anys(chunk)
		if len(ids) > bulkAttach {
			// Large sets: one range scan over the id span beats thousands of IN lookups;
			// rows of transmissions outside txs are skipped below.
			lo, hi := slices.Min(ids), slices.Max(ids)
			q, args, start = "SELECT "+dbObsCols+dbObsFrom+" WHERE o.transmission_id BETWEEN ? AND ? ORDER BY o.timestamp DESC, o.id DESC", []any{lo, hi}, len(ids)
		}
		rows, err := d.db.QueryContext(ctx, q, args...)
		if err != nil {
			return fmt.Errorf("query observations: %w", err)
		}
		for rows.Next() {
			o, err := d.scanObsRow(rows)
			if err != nil {
				rows.Close()
				return fmt.Errorf("scan observation: %w", err)
			}
			if i, ok := pos[o.TxID]; ok {
				txs[i].Observations = append(txs[i].Observations, o)
			}
		}
		err = rows.Err()
		rows.Close()
		if err != nil {
			return fmt.Errorf("query observations: %w", err)
		}
	}
	for i := range txs {
		// Exact-size copies: append's doubling would leave up to half of each slice unused.
		txs[i].Observations = slices.Clone(txs[i].Observations)
		txs[i].Best = bestIndex(txs[i].Observations)
	}
	return nil
}

func bestIndex(obs []ObsRow) int {
	best, bestLen := 0, -1
	for i := len(obs) - 1; i >= 0; i-- { // oldest first so ties keep the earliest
		n := 0
		if obs[i].PathJSON != nil {
			var hops []string
			if json.Unmarshal([]byte(*obs[i].PathJSON), &hops) == nil {
				n = len(hops)
			}
		}
		if n > bestLen {
			best, bestLen = i, n
		}
	}
	return best
}

// ObservationsAfter returns up to limit observations with id > after, oldest first,
// each with its transmission (used by the live feed).
func (d *DBStore) ObservationsAfter(ctx context.Context, after int64, limit int) ([]TxRow, []ObsRow, error) {
	rows, err := d.db.QueryContext(ctx, "SELECT "+dbObsCols+dbObsFrom+" WHERE o.id > ? ORDER BY o.id LIMIT ?", after, limit)
	if err != nil {
		return nil, nil, fmt.Errorf("query new observations: %w", err)
	}
	var obs []ObsRow
	for rows.Next() {
		o, err := d.scanObsRow(rows)
		if err != nil {
			rows.Close()
			return nil, nil, fmt.Errorf("scan new observation: %w", err)
		}
		obs = append(obs, o)
	}
	err = rows.Err()
	rows.Close()
	if err != nil || len(obs) == 0 {
		return nil, nil, err
	}
	seen := map[int64]bool{}
	var ids []int64
	for _, o := range obs {
		if !seen[o.TxID] {
			seen[o.TxID] = true
			ids = append(ids, o.TxID)
		}
	}
	txs, err := d.txQuery(ctx, " WHERE t.id IN ("+marks(len(ids))+")", anys(ids)...)
	if err != nil {
		return nil, nil, err
	}
	byID := map[int64]TxRow{}
	for _, t := range txs {
		byID[t.ID] = t
	}
	out := make([]TxRow, len(obs))
	for i, o := range obs {
		out[i] = byID[o.TxID]
	}
	return out, obs, nil
}

// MaxObservationID returns the newest observation id (the live feed's start cursor).
func (d *DBStore) MaxObservationID(ctx context.Context) (int64, error) {
	var id int64
	if err := d.db.QueryRowContext(ctx, "SELECT coalesce(max(id), 0) FROM observations").Scan(&id); err != nil {
		return 0, fmt.Errorf("read observation cursor: %w", err)
	}
	return id, nil
}
