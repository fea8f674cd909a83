package ingest

import (
	"context"
	"database/sql"
	"fmt"
)

// statements are prepared once on the single writer connection and reused per tx.
type statements struct {
	observerPacket, observerStatus, metrics *sql.Stmt
	txSelect, txInsert, txTouch             *sql.Stmt
	obsInsert, obsFill                      *sql.Stmt
	nodeUpsert, dropInsert, edgeUpsert      *sql.Stmt
	observerSkew, clientRx, clientObserver  *sql.Stmt
	scopeAnswer                             *sql.Stmt
}

// Observers are upserted before their observation so the very first packet from a new
// observer keeps its observer_idx (= observers.rowid; storage spec §9.3). Empty strings
// never blank a stored name or IATA (§9.4).
const sqlObserverPacket = `INSERT INTO observers (id, name, iata, first_seen, last_seen, packet_count, last_packet_at)
VALUES (?1, NULLIF(?2, ''), NULLIF(?3, ''), ?4, ?4, ?5, ?4)
ON CONFLICT(id) DO UPDATE SET
	name = COALESCE(excluded.name, observers.name),
	iata = COALESCE(excluded.iata, observers.iata),
	last_seen = excluded.last_seen,
	last_packet_at = excluded.last_packet_at,
	packet_count = COALESCE(observers.packet_count, 0) + excluded.packet_count,
	inactive = 0
RETURNING rowid`

const sqlObserverStatus = `INSERT INTO observers (id, name, iata, first_seen, last_seen, packet_count,
	model, firmware, client_version, radio, battery_mv, uptime_secs, noise_floor, can_relay, can_relay_seen)
VALUES (?1, NULLIF(?2, ''), NULLIF(?3, ''), ?4, ?4, 1, ?5, ?6, ?7, ?8, ?9, ?10, ?11, COALESCE(?12, 1), ?13)
ON CONFLICT(id) DO UPDATE SET
	name = COALESCE(excluded.name, observers.name),
	iata = COALESCE(excluded.iata, observers.iata),
	last_seen = excluded.last_seen,
	packet_count = COALESCE(observers.packet_count, 0) + 1,
	model = COALESCE(excluded.model, observers.model),
	firmware = COALESCE(excluded.firmware, observers.firmware),
	client_version = COALESCE(excluded.client_version, observers.client_version),
	radio = COALESCE(excluded.radio, observers.radio),
	battery_mv = COALESCE(excluded.battery_mv, observers.battery_mv),
	uptime_secs = COALESCE(excluded.uptime_secs, observers.uptime_secs),
	noise_floor = COALESCE(excluded.noise_floor, observers.noise_floor),
	can_relay = CASE WHEN ?13 = 1 THEN excluded.can_relay ELSE observers.can_relay END,
	can_relay_seen = MAX(COALESCE(observers.can_relay_seen, 0), ?13),
	inactive = 0
RETURNING rowid`

// The 24 h skew counter restarts when the previous naive timestamp is older than a day.
const sqlObserverSkew = `UPDATE observers SET
	clock_skew_seconds = ?2,
	clock_skew_count_24h = CASE WHEN clock_last_naive_at IS NULL OR clock_last_naive_at < ?5
		THEN ?3 ELSE COALESCE(clock_skew_count_24h, 0) + ?3 END,
	clock_last_naive_at = ?4
WHERE id = ?1`

const sqlClientRx = `INSERT INTO client_receptions (rx_pubkey, heard_key, heard_keylen, rssi, snr, lat, lon,
	pos_acc_m, rx_at, ingested_at, src) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
ON CONFLICT DO NOTHING`

const sqlClientObserver = `INSERT INTO client_observers (pubkey, name, last_seen) VALUES (?1, NULLIF(?2, ''), ?3)
ON CONFLICT(pubkey) DO UPDATE SET name = COALESCE(excluded.name, client_observers.name), last_seen = excluded.last_seen`

const sqlMetrics = `INSERT OR REPLACE INTO observer_metrics (observer_id, timestamp, noise_floor, tx_air_secs,
	rx_air_secs, recv_errors, battery_mv, packets_sent, packets_recv)
VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`

const sqlTxSelect = `SELECT id FROM transmissions WHERE hash = ?`

const sqlTxInsert = `INSERT INTO transmissions (raw_hex, hash, first_seen, route_type, payload_type,
	payload_version, decoded_json, channel_hash, from_pubkey, scope_name, last_seen)
VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
ON CONFLICT(hash) DO NOTHING`

const sqlTxTouch = `UPDATE transmissions SET last_seen = ?1 WHERE id = ?2 AND last_seen < ?1`

// A redelivered or repeated reception hits idx_observations_dedup and inserts nothing.
// The hot inserts are executed (no RETURNING): the new id is the connection's last insert
// rowid when a row was inserted, and Exec avoids a result set per row (database/sql
// starts a goroutine for each one inside a transaction).
const sqlObsInsert = `INSERT INTO observations (transmission_id, observer_idx, direction, snr, rssi, score,
	path_json, timestamp, resolved_path, raw_hex)
VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
ON CONFLICT DO NOTHING`

// A duplicate only fills fields the first copy lacked. "IS" makes a NULL observer_idx
// (reception without an observer) match its own earlier copy.
const sqlObsFill = `UPDATE observations SET
	snr = COALESCE(snr, ?4), rssi = COALESCE(rssi, ?5), score = COALESCE(score, ?6),
	raw_hex = COALESCE(raw_hex, ?7), resolved_path = COALESCE(resolved_path, ?8)
WHERE transmission_id = ?1 AND observer_idx IS ?2 AND COALESCE(path_json, '') = ?3
RETURNING id`

const sqlNodeUpsert = `INSERT INTO nodes (public_key, name, role, lat, lon, last_seen, first_seen,
	advert_count, battery_mv, temperature_c, foreign_advert)
VALUES (?1, NULLIF(?2, ''), ?3, ?4, ?5, ?6, ?6, ?7, ?8, ?9, ?10)
ON CONFLICT(public_key) DO UPDATE SET
	name = COALESCE(excluded.name, nodes.name),
	role = COALESCE(excluded.role, nodes.role),
	lat = COALESCE(excluded.lat, nodes.lat),
	lon = COALESCE(excluded.lon, nodes.lon),
	last_seen = excluded.last_seen,
	advert_count = COALESCE(nodes.advert_count, 0) + excluded.advert_count,
	battery_mv = COALESCE(excluded.battery_mv, nodes.battery_mv),
	temperature_c = COALESCE(excluded.temperature_c, nodes.temperature_c),
	foreign_advert = CASE WHEN excluded.foreign_advert = 1 THEN 1 ELSE nodes.foreign_advert END`

const sqlDropInsert = `INSERT INTO dropped_packets (hash, raw_hex, reason, observer_id, observer_name, node_pubkey, node_name)
VALUES (?, ?, ?, NULLIF(?, ''), NULLIF(?, ''), NULLIF(?, ''), NULLIF(?, ''))`

const sqlEdgeUpsert = `INSERT INTO neighbor_edges (node_a, node_b, count, last_seen) VALUES (?, ?, ?, ?)
ON CONFLICT(node_a, node_b) DO UPDATE SET
	count = COALESCE(neighbor_edges.count, 0) + excluded.count,
	last_seen = MAX(COALESCE(neighbor_edges.last_seen, ''), excluded.last_seen)`

func prepare(ctx context.Context, db *sql.DB) (*statements, error) {
	s := &statements{}
	for _, p := range []struct {
		dst **sql.Stmt
		q   string
	}{
		{&s.observerPacket, sqlObserverPacket}, {&s.observerStatus, sqlObserverStatus}, {&s.metrics, sqlMetrics},
		{&s.txSelect, sqlTxSelect}, {&s.txInsert, sqlTxInsert}, {&s.txTouch, sqlTxTouch},
		{&s.obsInsert, sqlObsInsert}, {&s.obsFill, sqlObsFill},
		{&s.nodeUpsert, sqlNodeUpsert}, {&s.dropInsert, sqlDropInsert}, {&s.edgeUpsert, sqlEdgeUpsert},
		{&s.observerSkew, sqlObserverSkew}, {&s.clientRx, sqlClientRx}, {&s.clientObserver, sqlClientObserver},
		{&s.scopeAnswer, sqlScopeAnswer},
	} {
		st, err := db.PrepareContext(ctx, p.q)
		if err != nil {
			s.close()
			return nil, fmt.Errorf("prepare statement: %w", err)
		}
		*p.dst = st
	}
	return s, nil
}

func (s *statements) close() {
	for _, st := range []*sql.Stmt{s.observerPacket, s.observerStatus, s.metrics, s.txSelect, s.txInsert,
		s.txTouch, s.obsInsert, s.obsFill, s.nodeUpsert, s.dropInsert, s.edgeUpsert, s.observerSkew,
		s.clientRx, s.clientObserver, s.scopeAnswer} {
		if st != nil {
			st.Close()
		}
	}
}

const sqlScopeAnswer = `INSERT INTO scope_answers (node_pubkey, source_kind, source_id, scopes_json,
	denies_unscoped, responded, status, answered_at) VALUES (?, ?, ?, ?, ?, ?, NULLIF(?, ''), ?)`
