package api

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
	"time"
)

// DBStore implements Store with read-only SQL over the ingestor's database. It is the
// fallback used until (or instead of) the in-memory internal/store: every call queries
// SQLite directly, so results are always current and nothing is loaded at startup.
type DBStore struct {
	db      *sql.DB
	timeout time.Duration
	strs    interner
}

// NewDBStore returns a Store over db (opened read-only by the caller).
func NewDBStore(db *sql.DB) *DBStore { return &DBStore{db: db, timeout: 30 * time.Second} }

func (d *DBStore) ctx() (context.Context, context.CancelFunc) {
	return context.WithTimeout(context.Background(), d.timeout)
}

// where renders f as a WHERE clause over transmissions t.
func txWhere(f TxFilter) (string, []any) {
	conds := []string{"t.hash != ''", "t.first_seen != ''"}
	var args []any
	add := func(c string, a ...any) { conds, args = append(conds, c), append(args, a...) }
	if f.PayloadType != nil {
		add("t.payload_type = ?", *f.PayloadType)
	}
	if f.RouteType != nil {
		add("t.route_type = ?", *f.RouteType)
	}
	if f.Hash != "" {
		add("t.hash = ?", strings.ToLower(f.Hash))
	}
	if len(f.Observers) > 0 {
		add("EXISTS (SELECT 1 FROM observations o JOIN observers ob ON ob.rowid = o.observer_idx WHERE o.transmission_id = t.id AND ob.id IN ("+marks(len(f.Observers))+"))",
			anys(f.Observers)...)
	}
	if len(f.Nodes) > 0 {
		var ors []string
		for _, pk := range f.Nodes {
			ors = append(ors, "t.from_pubkey = ?", "EXISTS (SELECT 1 FROM observations o WHERE o.transmission_id = t.id AND o.resolved_path LIKE ?)")
			args = append(args, strings.ToLower(pk), `%"`+strings.ToLower(pk)+`"%`)
		}
		conds = append(conds, "("+strings.Join(ors, " OR ")+")")
	}
	if f.Channel != "" {
		add("t.payload_type = 5 AND t.channel_hash = ?", f.Channel)
	}
	if f.Since != "" {
		add("t.first_seen > ?", f.Since)
	}
	if f.Until != "" {
		add("t.first_seen < ?", f.Until)
	}
	return " WHERE " + strings.Join(conds, " AND "), args
}

func marks(n int) string { return strings.TrimSuffix(strings.Repeat("?,", n), ",") }

func anys[T any](vs []T) []any {
	out := make([]any, len(vs))
	for i, v := range vs {
		out[i] = v
	}
	return out
}

const dbTxCols = `t.id, t.raw_hex, t.hash, t.first_seen, t.route_type, t.payload_type, t.decoded_json, t.channel_hash, t.from_pubkey`

func scanTxRow(sc interface{ Scan(...any) error }) (TxRow, error) {
	var t TxRow
	var dec, ch, from sql.NullString
	var rt, pt sql.NullInt64
	if err := sc.Scan(&t.ID, &t.RawHex, &t.Hash, &t.FirstSeen, &rt, &pt, &dec, &ch, &from); err != nil {
		return t, err
	}
	t.RouteType, t.PayloadType = nullInt(rt), nullInt(pt)
	t.DecodedJSON, t.ChannelHash, t.FromPubkey = nullStr(dec), nullStr(ch), nullStr(from)
	return t, nil
}

// Transmissions implements Store.
func (d *DBStore) Transmissions(f TxFilter, offset, limit int) ([]TxRow, int, error) {
	ctx, cancel := d.ctx()
	defer cancel()
	where, args := txWhere(f)
	order := "DESC"
	if f.Ascending {
		order = "ASC"
	}
	if limit < 0 { // everything from offset: the total is the row count, no COUNT query
		txs, err := d.txQuery(ctx, where+" ORDER BY t.id "+order+" LIMIT -1 OFFSET ?", append(args, offset)...)
		return txs, offset + len(txs), err
	}
	var total int
	if err := d.db.QueryRowContext(ctx, "SELECT count(*) FROM transmissions t"+where, args...).Scan(&total); err != nil {
		return nil, 0, fmt.Errorf("count transmissions: %w", err)
	}
	txs, err := d.txQuery(ctx, where+" ORDER BY t.id "+order+" LIMIT ? OFFSET ?", append(args, limit, offset)...)
	return txs, total, err
}

// txQuery runs a transmissions SELECT and attaches observations.
func (d *DBStore) txQuery(ctx context.Context, tail string, args ...any) ([]TxRow, error) {
	rows, err := d.db.QueryContext(ctx, "SELECT "+dbTxCols+" FROM transmissions t"+tail, args...)
	if err != nil {
		return nil, fmt.Errorf("query transmissions: %w", err)
	}
	out := []TxRow{}
	for rows.Next() {
		t, err := scanTxRow(rows)
		if err != nil {
			rows.Close()
			return nil, fmt.Errorf("scan transmission: %w", err)
		}
		out = append(out, t)
	}
	err = rows.Err()
	rows.Close()
	if err != nil {
		return nil, fmt.Errorf("query transmissions: %w", err)
	}
	return out, d.attach(ctx, out)
}

// TransmissionByHash implements Store.
func (d *DBStore) TransmissionByHash(hash string) (TxRow, bool, error) {
	return d.one(" WHERE t.hash = ?", strings.ToLower(hash))
}

// TransmissionByID implements Store.
func (d *DBStore) TransmissionByID(id int64) (TxRow, bool, error) {
	return d.one(" WHERE t.id = ?", id)
}

func (d *DBStore) one(where string, arg any) (TxRow, bool, error) {
	ctx, cancel := d.ctx()
	defer cancel()
	txs, err := d.txQuery(ctx, where, arg)
	if err != nil || len(txs) == 0 {
		return TxRow{}, false, err
	}
	return txs[0], true, nil
}

// ObservationByID implements Store.
func (d *DBStore) ObservationByID(id int64) (TxRow, ObsRow, bool, error) {
	ctx, cancel := d.ctx()
	defer cancel()
	var txID int64
	err := d.db.QueryRowContext(ctx, "SELECT transmission_id FROM observations WHERE id = ?", id).Scan(&txID)
	if err == sql.ErrNoRows {
		return TxRow{}, ObsRow{}, false, nil
	}
	if err != nil {
		return TxRow{}, ObsRow{}, false, fmt.Errorf("query observation: %w", err)
	}
	t, ok, err := d.TransmissionByID(txID)
	if err != nil || !ok {
		return TxRow{}, ObsRow{}, false, err
	}
	for _, o := range t.Observations {
		if o.ID == id {
			return t, o, true, nil
		}
	}
	return TxRow{}, ObsRow{}, false, nil
}

// FirstSeenAfter implements Store.
func (d *DBStore) FirstSeenAfter(since string) ([]string, error) {
	ctx, cancel := d.ctx()
	defer cancel()
	rows, err := d.db.QueryContext(ctx, "SELECT first_seen FROM transmissions WHERE first_seen > ? ORDER BY first_seen", since)
	if err != nil {
		return nil, fmt.Errorf("query first_seen: %w", err)
	}
	defer rows.Close()
	out := []string{}
	for rows.Next() {
		var s string
		if err := rows.Scan(&s); err != nil {
			return nil, fmt.Errorf("scan first_seen: %w", err)
		}
		out = append(out, s)
	}
	return out, rows.Err()
}

func nullStr(v sql.NullString) *string {
	if !v.Valid {
		return nil
	}
	return &v.String
}

func nullInt(v sql.NullInt64) *int {
	if !v.Valid {
		return nil
	}
	n := int(v.Int64)
	return &n
}

func nullFloat(v sql.NullFloat64) *float64 {
	if !v.Valid {
		return nil
	}
	return &v.Float64
}
