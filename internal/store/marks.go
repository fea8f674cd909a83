package store

import (
	"context"
	"math"

	"github.com/corescope/corescope/internal/storage"
)

// idMarks are the follow watermarks of one table: every row with lo <= id <= hi has
// been read (by the load or a poll); set is false until there was a row to read. Ids
// are any int64 (0 and negative ids exist in databases written by other tools) and need
// not rise with time, so a poll reads both above hi and below lo. The ingestor's
// AUTOINCREMENT never reuses an id, so rows only appear outside [lo, hi]; a foreign
// writer inserting explicit ids inside the range is not seen until the next restart.
type idMarks struct {
	lo, hi int64
	set    bool
}

// marksOf returns the marks for a table whose ids span lo..hi (ok: it has rows).
func marksOf(lo, hi int64, ok bool) idMarks {
	return idMarks{lo: lo, hi: hi, set: ok}
}

// extend widens m to cover ids.
func (m *idMarks) extend(ids ...int64) {
	for _, id := range ids {
		if !m.set {
			m.lo, m.hi, m.set = id, id, true
			continue
		}
		m.lo, m.hi = min(m.lo, id), max(m.hi, id)
	}
}

// newTxs reads up to limit transmissions above m.hi and up to limit below m.lo
// (everything from the smallest id when nothing was read yet). full reports whether a
// query hit its limit, so the caller reads again.
func (s *Store) newTxs(ctx context.Context, m idMarks, limit int) (txs []storage.Tx, full bool, err error) {
	if !m.set {
		txs, err = storage.TxsFrom(ctx, s.db, math.MinInt64, math.MaxInt64, "", limit)
		return txs, len(txs) == limit, err
	}
	if m.hi < math.MaxInt64 {
		if txs, err = storage.TxsFrom(ctx, s.db, m.hi+1, math.MaxInt64, "", limit); err != nil {
			return nil, false, err
		}
	}
	below, err := storage.TxsBefore(ctx, s.db, m.lo, limit)
	if err != nil {
		return nil, false, err
	}
	return append(txs, below...), len(txs) == limit || len(below) == limit, nil
}

// newObs is newTxs for observations.
func (s *Store) newObs(ctx context.Context, m idMarks, limit int) (obs []storage.Obs, full bool, err error) {
	if !m.set {
		obs, err = storage.ObsFrom(ctx, s.db, math.MinInt64, limit)
		return obs, len(obs) == limit, err
	}
	if m.hi < math.MaxInt64 {
		if obs, err = storage.ObsFrom(ctx, s.db, m.hi+1, limit); err != nil {
			return nil, false, err
		}
	}
	below, err := storage.ObsBefore(ctx, s.db, m.lo, limit)
	if err != nil {
		return nil, false, err
	}
	return append(obs, below...), len(obs) == limit || len(below) == limit, nil
}
