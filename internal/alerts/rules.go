package alerts

// Kinds lists every alert kind, so a per-rule metric reports 0 for a rule that is quiet.
func Kinds() []string {
	return []string{KindIngestStalled, KindDiskFull, KindSourceSilent, KindObserverOffline, KindObserverDegraded, KindNodeSilent,
		KindScopeMismatch, KindScopeUnscopedRegion, KindBridgeSilent, KindMeshSplit,
		KindNodeRenamed, KindNodeMoved, KindPrefixCollision, KindBatteryFalling, KindNoiseRising}
}

// FiringByKind counts the alerts currently firing (delivered, not resolved) per kind;
// every kind of Kinds is present.
func (m *Manager) FiringByKind() map[string]int {
	out := make(map[string]int, len(Kinds()))
	for _, k := range Kinds() {
		out[k] = 0
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	for _, e := range m.episodes {
		if e.announced {
			out[e.alert.Kind]++
		}
	}
	return out
}
