package api

import (
	"database/sql"
	"fmt"
	"strings"
	"time"
)

// Nodes implements Store.
func (d *DBStore) Nodes() ([]NodeRow, error) {
	ctx, cancel := d.ctx()
	defer cancel()
	rows, err := d.db.QueryContext(ctx, `SELECT public_key, name, role, lat, lon, last_seen, first_seen, coalesce(advert_count, 0),
		battery_mv, temperature_c, coalesce(foreign_advert, 0), default_scope FROM nodes ORDER BY last_seen DESC`)
	if err != nil {
		return nil, fmt.Errorf("query nodes: %w", err)
	}
	defer rows.Close()
	out := []NodeRow{}
	for rows.Next() {
		var n NodeRow
		var name, role, ls, fs, scope sql.NullString
		var lat, lon, temp sql.NullFloat64
		var batt sql.NullInt64
		var foreign int64
		if err := rows.Scan(&n.PublicKey, &name, &role, &lat, &lon, &ls, &fs, &n.AdvertCount, &batt, &temp, &foreign, &scope); err != nil {
			return nil, fmt.Errorf("scan node: %w", err)
		}
		n.PublicKey = strings.ToLower(n.PublicKey)
		n.Name, n.Role, n.LastSeen, n.FirstSeen, n.DefaultScope = nullStr(name), nullStr(role), nullStr(ls), nullStr(fs), nullStr(scope)
		n.Lat, n.Lon, n.TemperatureC, n.BatteryMv = nullFloat(lat), nullFloat(lon), nullFloat(temp), nullInt(batt)
		n.Foreign = foreign != 0
		out = append(out, n)
	}
	return out, rows.Err()
}

// Observers implements Store.
func (d *DBStore) Observers() ([]ObserverRow, error) {
	ctx, cancel := d.ctx()
	defer cancel()
	rows, err := d.db.QueryContext(ctx, `SELECT id, name, iata, last_seen, first_seen, coalesce(packet_count, 0), model, firmware,
		client_version, radio, battery_mv, uptime_secs, noise_floor, last_packet_at, coalesce(inactive, 0), clock_skew_seconds,
		coalesce(clock_skew_count_24h, 0), clock_last_naive_at, can_relay, coalesce(can_relay_seen, 0)
		FROM observers ORDER BY last_seen DESC`)
	if err != nil {
		return nil, fmt.Errorf("query observers: %w", err)
	}
	defer rows.Close()
	out := []ObserverRow{}
	for rows.Next() {
		var o ObserverRow
		var name, iata, ls, fs, model, fw, cv, radio, lpa, naive sql.NullString
		var batt, up, skew, canRelay sql.NullInt64
		var noise sql.NullFloat64
		var inactive, relaySeen int64
		if err := rows.Scan(&o.ID, &name, &iata, &ls, &fs, &o.PacketCount, &model, &fw, &cv, &radio, &batt, &up, &noise, &lpa,
			&inactive, &skew, &o.ClockSkewCount24h, &naive, &canRelay, &relaySeen); err != nil {
			return nil, fmt.Errorf("scan observer: %w", err)
		}
		o.Name, o.IATA, o.LastSeen, o.FirstSeen = nullStr(name), nullStr(iata), nullStr(ls), nullStr(fs)
		o.Model, o.Firmware, o.ClientVersion, o.Radio, o.LastPacketAt = nullStr(model), nullStr(fw), nullStr(cv), nullStr(radio), nullStr(lpa)
		o.BatteryMv, o.NoiseFloor, o.ClockLastNaiveAt = nullInt(batt), nullFloat(noise), nullStr(naive)
		if up.Valid {
			o.UptimeSecs = &up.Int64
		}
		if skew.Valid {
			o.ClockSkewSeconds = &skew.Int64
		}
		if relaySeen != 0 && canRelay.Valid {
			v := canRelay.Int64 != 0
			o.CanRelay = &v
		}
		o.Inactive = inactive != 0
		out = append(out, o)
	}
	return out, rows.Err()
}

// Counts implements Store; a failed count reports zero.
func (d *DBStore) Counts() StoreCounts {
	ctx, cancel := d.ctx()
	defer cancel()
	var c StoreCounts
	var oldest sql.NullString
	d.db.QueryRowContext(ctx, `SELECT (SELECT count(*) FROM transmissions), (SELECT count(*) FROM observations),
		(SELECT count(*) FROM nodes), (SELECT count(*) FROM observers), (SELECT min(first_seen) FROM transmissions)`).
		Scan(&c.Transmissions, &c.Observations, &c.Nodes, &c.Observers, &oldest)
	c.OldestLoaded, c.LoadComplete = oldest.String, true
	c.ByHash, c.ByObserver, c.ByNode = c.Transmissions, c.Observers, c.Nodes
	return c
}

// ObserverIATAs implements Store.
func (d *DBStore) ObserverIATAs() []string {
	ctx, cancel := d.ctx()
	defer cancel()
	rows, err := d.db.QueryContext(ctx, "SELECT DISTINCT upper(iata) FROM observers WHERE iata IS NOT NULL AND iata != '' ORDER BY 1")
	if err != nil {
		return nil
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var s string
		if rows.Scan(&s) == nil {
			out = append(out, s)
		}
	}
	return out
}

// NeighborGraph implements Store from the ingestor-owned neighbor_edges table; score is
// the edge count relative to the strongest edge.
func (d *DBStore) NeighborGraph() (*Graph, error) {
	ctx, cancel := d.ctx()
	defer cancel()
	rows, err := d.db.QueryContext(ctx, "SELECT node_a, node_b, coalesce(count, 1), coalesce(last_seen, '') FROM neighbor_edges")
	if err != nil {
		return nil, fmt.Errorf("query neighbor edges: %w", err)
	}
	defer rows.Close()
	g := &Graph{Edges: []GraphEdge{}, BuiltAtUnixMs: time.Now().UnixMilli()}
	maxCount := 1
	for rows.Next() {
		var e GraphEdge
		if err := rows.Scan(&e.A, &e.B, &e.Count, &e.LastSeen); err != nil {
			return nil, fmt.Errorf("scan neighbor edge: %w", err)
		}
		if e.A == "" || e.B == "" {
			continue
		}
		e.A, e.B, e.FirstSeen, e.Observers = strings.ToLower(e.A), strings.ToLower(e.B), e.LastSeen, []string{}
		maxCount = max(maxCount, e.Count)
		g.Edges = append(g.Edges, e)
	}
	for i := range g.Edges {
		g.Edges[i].Score = float64(g.Edges[i].Count) / float64(maxCount)
	}
	return g, rows.Err()
}

var _ Store = (*DBStore)(nil)
