package api

// graphNotifier is implemented by stores whose neighbour graph announces new snapshots
// (StoreView); RunAnalytics then pre-encodes each snapshot's default shapes.
type graphNotifier interface {
	// GraphChanged returns a channel closed when the next graph snapshot is published
	// (nil when there is no graph).
	GraphChanged() <-chan struct{}
}

// GraphChanged implements graphNotifier.
func (v *StoreView) GraphChanged() <-chan struct{} {
	if v.graph == nil {
		return nil
	}
	return v.graph.Changed()
}
