package ingest

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"
)

// batchWriter holds one transaction's state.
type batchWriter struct {
	in     *Ingester
	tx     *sql.Tx
	ctx    context.Context
	now    time.Time
	stamp  string // RFC3339 ingest time for text columns
	d      *batchDelta
	rowids map[string]int64 // observer id → observers.rowid
	touch  map[int64]bool   // existing transmissions seen again
	txIDs  map[string]int64 // hashes resolved in this batch
	// adverts are the content hashes whose node this batch already upserted
	adverts map[string]bool
	bound   map[*sql.Stmt]*sql.Stmt
}

// stmt binds a prepared statement to the batch transaction once per batch.
func (w *batchWriter) stmt(s *sql.Stmt) *sql.Stmt {
	if st, ok := w.bound[s]; ok {
		return st
	}
	if w.bound == nil {
		w.bound = map[*sql.Stmt]*sql.Stmt{}
	}
	st := w.tx.StmtContext(w.ctx, s)
	w.bound[s] = st
	return st
}

// observers upserts each packet observer once per batch, adding its packet count.
func (w *batchWriter) observers(batch []*item) error {
	type agg struct {
		name, iata string
		n          int
		skew       *int64
		skews      int
	}
	var order []string
	seen := map[string]*agg{}
	for _, it := range batch {
		if it.kind != kindPacket || it.observerID == "" {
			continue
		}
		a := seen[it.observerID]
		if a == nil {
			a = &agg{}
			seen[it.observerID] = a
			order = append(order, it.observerID)
		}
		a.n++
		if it.observerName != "" {
			a.name = it.observerName
		}
		if it.iata != "" {
			a.iata = it.iata
		}
		if it.skewSec != nil {
			a.skew = it.skewSec
			a.skews++
		}
	}
	st := w.stmt(w.in.stmts.observerPacket)
	for _, id := range order {
		a := seen[id]
		rowid, err := scanID(st.QueryRowContext(w.ctx, id, a.name, a.iata, w.stamp, a.n))
		if err != nil {
			return fmt.Errorf("upsert observer: %w", err)
		}
		w.rowids[id] = rowid
		w.d.observerUpserts++
		if a.skew != nil {
			dayAgo := w.now.Add(-24 * time.Hour).Format(time.RFC3339)
			if _, err := w.stmt(w.in.stmts.observerSkew).ExecContext(w.ctx, id, *a.skew, a.skews, w.stamp, dayAgo); err != nil {
				return fmt.Errorf("record observer clock skew: %w", err)
			}
		}
	}
	return nil
}

// observation inserts one reception, or fills the gaps of the identical one already
// stored (same transmission, observer and path). Receptions without an observer (an
// injection that names none, bridge text) have a NULL observer_idx, which never collides
// in idx_observations_dedup, so for them the existing row is looked up first.
func (w *batchWriter) observation(it *item, txID int64, obsIdx, resolved, rawHex any) (int64, error) {
	d := it.pkt
	fill := func() (int64, error) {
		return scanID(w.stmt(w.in.stmts.obsFill).QueryRowContext(w.ctx, txID, obsIdx, d.pathJSON,
			it.snr, it.rssi, it.score, rawHex, resolved))
	}
	if obsIdx == nil {
		if id, err := fill(); !errors.Is(err, errNoRow) {
			if err == nil {
				w.d.obsDupes++
			}
			return id, err
		}
	}
	id, err := insertedID(w.stmt(w.in.stmts.obsInsert).ExecContext(w.ctx, txID, obsIdx, it.direction,
		it.snr, it.rssi, it.score, d.pathJSON, w.now.Unix(), resolved, rawHex))
	switch {
	case errors.Is(err, errNoRow):
		w.d.obsDupes++
		id, err = fill()
		if errors.Is(err, errNoRow) {
			err = nil
		}
	case err == nil:
		w.d.obsInserted++
	}
	return id, err
}

// packet inserts (or finds) the transmission, then the observation, then node and edges.
func (w *batchWriter) packet(it *item) (result, error) {
	d := it.pkt
	txID, isNew, err := w.transmission(d)
	if err != nil {
		return result{}, err
	}
	r := result{txID: txID, hash: d.hash, isNew: isNew}
	var obsIdx any
	if id, ok := w.rowids[it.observerID]; ok {
		obsIdx = id
	}
	var resolved any
	var anchor string
	if d.advert != nil {
		anchor = d.advert.pubkey
	}
	if rp := w.in.res.resolvePath(d.hops, anchor); rp != "" {
		resolved = rp
	}
	var rawHex any
	if d.rawHex != "" {
		rawHex = d.rawHex
	}
	if r.obsID, err = w.observation(it, txID, obsIdx, resolved, rawHex); err != nil {
		return r, fmt.Errorf("insert observation: %w", err)
	}
	if a := d.advert; a != nil && !a.skipNode && w.firstAdvertCopy(d.hash) {
		if err := w.node(a, isNew); err != nil {
			return r, err
		}
		if err := w.defaultScope(a.pubkey, d.scopeName); err != nil {
			return r, err
		}
	}
	if it.kind == kindPacket && d.payloadType != 9 { // TRACE paths are routes, not receptions
		w.d.edges = append(w.d.edges, w.in.res.edgesFor(d, it.observerID, w.stamp)...)
	}
	return r, nil
}

// transmission returns the row id for d.hash, inserting the row when it is new.
func (w *batchWriter) transmission(d *decoded) (int64, bool, error) {
	if id, ok := w.txIDs[d.hash]; ok {
		w.markTouch(id)
		w.d.txDupes++
		return id, false, nil
	}
	id, ok := w.in.cachedHash(d.hash)
	if !ok {
		var err error
		id, err = scanID(w.stmt(w.in.stmts.txSelect).QueryRowContext(w.ctx, d.hash))
		switch {
		case errors.Is(err, errNoRow):
			id, err = w.insertTransmission(d)
			if err != nil {
				return 0, false, err
			}
			w.remember(d.hash, id)
			w.d.newHashes[d.hash] = id
			w.d.txInserted++
			return id, true, nil
		case err != nil:
			return 0, false, fmt.Errorf("find transmission: %w", err)
		}
		w.d.newHashes[d.hash] = id // cache existing rows too: later receptions skip the lookup
	}
	w.remember(d.hash, id)
	w.markTouch(id)
	w.d.txDupes++
	return id, false, nil
}

func (w *batchWriter) insertTransmission(d *decoded) (int64, error) {
	raw := d.rawHex
	id, err := insertedID(w.stmt(w.in.stmts.txInsert).ExecContext(w.ctx, raw, d.hash, w.stamp, d.routeType,
		d.payloadType, d.payloadVersion, d.decodedJSON, d.channelHash, d.fromPubkey, d.scopeName, w.now.Unix()))
	if errors.Is(err, errNoRow) { // hash appeared since the lookup (stale cache): use it
		id, err = scanID(w.stmt(w.in.stmts.txSelect).QueryRowContext(w.ctx, d.hash))
	}
	if err != nil {
		return 0, fmt.Errorf("insert transmission: %w", err)
	}
	return id, nil
}

// firstAdvertCopy reports whether this batch has not yet upserted the node of the advert
// with this content hash. Later copies (other observers, other paths) carry the same
// payload, so their upsert would write the same values with the same stamp and a zero
// advert_count increment (only the new transmission counts).
func (w *batchWriter) firstAdvertCopy(hash string) bool {
	if w.adverts == nil {
		w.adverts = map[string]bool{}
	}
	if w.adverts[hash] {
		return false
	}
	w.adverts[hash] = true
	return true
}

func (w *batchWriter) remember(hash string, id int64) {
	if w.txIDs == nil {
		w.txIDs = map[string]int64{}
	}
	w.txIDs[hash] = id
}

func (w *batchWriter) markTouch(id int64) {
	if w.touch == nil {
		w.touch = map[int64]bool{}
	}
	w.touch[id] = true
}

// touchTransmissions bumps last_seen once per existing transmission seen in the batch.
func (w *batchWriter) touchTransmissions() error {
	st := w.stmt(w.in.stmts.txTouch)
	for id := range w.touch {
		if _, err := st.ExecContext(w.ctx, w.now.Unix(), id); err != nil {
			return fmt.Errorf("touch transmission: %w", err)
		}
	}
	return nil
}

// node upserts the advertising node; advert_count grows only for a new transmission.
func (w *batchWriter) node(a *advertInfo, isNew bool) error {
	count := 0
	if isNew {
		count = 1
	}
	foreign := 0
	if a.foreign {
		foreign = 1
	}
	var batt any
	if a.batteryMV != nil {
		batt = *a.batteryMV
	}
	if _, err := w.stmt(w.in.stmts.nodeUpsert).ExecContext(w.ctx, a.pubkey, a.name, a.role, a.lat, a.lon,
		w.stamp, count, batt, a.tempC, foreign); err != nil {
		return fmt.Errorf("upsert node: %w", err)
	}
	w.d.nodeUpserts++
	w.d.newNodes = append(w.d.newNodes, a.pubkey)
	return nil
}

// status upserts observer metadata and, when metadata was present, a metrics sample in
// the current sampling bucket (INSERT OR REPLACE: last status in the bucket wins).
func (w *batchWriter) status(it *item) error {
	s := it.status
	relaySeen := 0
	var relay any
	if s.canRelay != nil {
		relaySeen = 1
		if *s.canRelay {
			relay = 1
		} else {
			relay = 0
		}
	}
	rowid, err := scanID(w.stmt(w.in.stmts.observerStatus).QueryRowContext(w.ctx, it.observerID, it.observerName,
		it.iata, w.stamp, s.model, s.firmware, s.clientVersion, s.radio, s.batteryMV, s.uptimeSecs, s.noiseFloor,
		relay, relaySeen))
	if err != nil {
		return fmt.Errorf("upsert observer status: %w", err)
	}
	w.rowids[it.observerID] = rowid
	w.d.observerUpserts++
	if !s.hasMeta {
		return nil
	}
	bucket := w.now.Round(w.in.opts.MetricsSampleInterval).Format(time.RFC3339)
	_, err = w.stmt(w.in.stmts.metrics).ExecContext(w.ctx, it.observerID, bucket, s.noiseFloor, s.txAir, s.rxAir,
		s.recvErrors, s.batteryMV, s.packetsSent, s.packetsRecv)
	if err != nil {
		return fmt.Errorf("insert observer metrics: %w", err)
	}
	return nil
}

func (w *batchWriter) dropped(it *item) error {
	dr := it.drop
	if _, err := w.stmt(w.in.stmts.dropInsert).ExecContext(w.ctx, dr.hash, dr.rawHex, dr.reason,
		it.observerID, it.observerName, dr.nodePubkey, strings.TrimSpace(dr.nodeName)); err != nil {
		return fmt.Errorf("insert dropped packet: %w", err)
	}
	w.d.dropped++
	return nil
}

// clientRx stores one mobile-client reception and refreshes its client observer.
func (w *batchWriter) clientRx(it *item) error {
	c := it.client
	if _, err := w.stmt(w.in.stmts.clientRx).ExecContext(w.ctx, c.rxPubkey, c.heardKey, c.heardKeyLen, c.rssi, c.snr,
		c.lat, c.lon, c.acc, c.rxAt, w.stamp, c.src); err != nil {
		return fmt.Errorf("insert client reception: %w", err)
	}
	if _, err := w.stmt(w.in.stmts.clientObserver).ExecContext(w.ctx, c.rxPubkey, c.name, w.stamp); err != nil {
		return fmt.Errorf("upsert client observer: %w", err)
	}
	return nil
}
