package ingest

import (
	"encoding/json"
	"fmt"
)

// scopeAnswers appends one scope_answers row per answer; rows are never updated, so
// every answer stays on record with its source and time.
func (w *batchWriter) scopeAnswers(it *item) error {
	for i := range it.scopes {
		a := &it.scopes[i]
		scopes, err := json.Marshal(a.scopes)
		if err != nil {
			return fmt.Errorf("encode scopes: %w", err)
		}
		var deny any
		if a.deniesUnscoped != nil {
			deny = boolInt(*a.deniesUnscoped)
		}
		if _, err := w.stmt(w.in.stmts.scopeAnswer).ExecContext(w.ctx, a.nodePubkey, a.sourceKind, a.sourceID,
			string(scopes), deny, boolInt(a.responded), a.status, a.answeredAt); err != nil {
			return fmt.Errorf("insert scope answer: %w", err)
		}
	}
	return nil
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}
