package ingest

import "fmt"

// defaultScope records the region a node's transport-scoped advert was matched to
// (storage spec §3d: nodes.default_scope, mirrored to inactive_nodes, skipped when
// unchanged). It is the node's declared region on /api/nodes (declared_regions).
func (w *batchWriter) defaultScope(pubkey string, scope *string) error {
	if scope == nil || *scope == "" {
		return nil
	}
	for _, q := range []string{
		`UPDATE nodes SET default_scope = ? WHERE public_key = ? AND default_scope IS NOT ?`,
		`UPDATE inactive_nodes SET default_scope = ? WHERE public_key = ? AND default_scope IS NOT ?`,
	} {
		if _, err := w.tx.ExecContext(w.ctx, q, *scope, pubkey, *scope); err != nil {
			return fmt.Errorf("update default scope: %w", err)
		}
	}
	return nil
}
