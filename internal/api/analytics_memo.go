package api

import (
	"context"
	"fmt"
	"sync"
)

// rowsMemo shares the transmission copies of one RecomputeAnalytics pass between the
// endpoints it recomputes, so a pass copies the store once per filter instead of once
// per endpoint. Rows handed out are shared: handlers must treat them as read-only.
type rowsMemo struct {
	mu   sync.Mutex
	rows map[string][]TxRow
}

type memoKey struct{}

// withRowsMemo returns ctx carrying a fresh memo.
func withRowsMemo(ctx context.Context) context.Context {
	return context.WithValue(ctx, memoKey{}, &rowsMemo{rows: map[string][]TxRow{}})
}

// memoRows returns the rows for f, loading them with load once per memo. Without a memo
// in ctx it just calls load.
func memoRows(ctx context.Context, f TxFilter, load func() ([]TxRow, error)) ([]TxRow, error) {
	m, ok := ctx.Value(memoKey{}).(*rowsMemo)
	if !ok {
		return load()
	}
	key := fmt.Sprintf("%v|%s|%s|%s|%s|%v|%v|%s|%s", f.Ascending, intKey(f.PayloadType), intKey(f.RouteType), f.Hash, f.Channel,
		f.Observers, f.Nodes, f.Since, f.Until)
	m.mu.Lock()
	defer m.mu.Unlock()
	if rows, ok := m.rows[key]; ok {
		return rows, nil
	}
	rows, err := load()
	if err == nil {
		m.rows[key] = rows
	}
	return rows, err
}

func intKey(p *int) string {
	if p == nil {
		return "-"
	}
	return fmt.Sprint(*p)
}
