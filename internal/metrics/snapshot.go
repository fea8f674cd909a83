package metrics

import (
	"github.com/prometheus/client_golang/prometheus"
)

// Kind is the Prometheus type of a snapshot family.
type Kind int

// Snapshot family kinds.
const (
	// KindGauge is a value that goes up and down.
	KindGauge Kind = iota
	// KindCounter is a total that only grows (it may reset when the producer restarts).
	KindCounter
)

// Family declares one metric family a snapshot collector emits.
type Family struct {
	Name   string
	Help   string
	Kind   Kind
	Labels []string
}

// Emit reports one sample of family name during a scrape. Unknown names, a wrong number
// of label values and negative counters are dropped.
type Emit func(name string, value float64, labelValues ...string)

// snapshotCollector reads existing state once per scrape and turns it into const metrics,
// so producers keep their own counters and never import this package.
type snapshotCollector struct {
	descs   map[string]*prometheus.Desc
	kinds   map[string]prometheus.ValueType
	collect func(Emit)
}

// Snapshot registers families whose values collect emits at every scrape (for state that
// already lives elsewhere: ingest counters, MQTT source status, store sizes).
func (r *Registry) Snapshot(families []Family, collect func(Emit)) error {
	c := &snapshotCollector{descs: map[string]*prometheus.Desc{}, kinds: map[string]prometheus.ValueType{}, collect: collect}
	for _, f := range families {
		c.descs[f.Name] = prometheus.NewDesc(prometheus.BuildFQName(r.ns, "", f.Name), f.Help, f.Labels, nil)
		c.kinds[f.Name] = prometheus.GaugeValue
		if f.Kind == KindCounter {
			c.kinds[f.Name] = prometheus.CounterValue
		}
	}
	return r.register(c, "snapshot")
}

// Describe implements prometheus.Collector.
func (c *snapshotCollector) Describe(ch chan<- *prometheus.Desc) {
	for _, d := range c.descs {
		ch <- d
	}
}

// Collect implements prometheus.Collector.
func (c *snapshotCollector) Collect(ch chan<- prometheus.Metric) {
	c.collect(func(name string, value float64, labelValues ...string) {
		d, ok := c.descs[name]
		if !ok {
			return
		}
		kind := c.kinds[name]
		if kind == prometheus.CounterValue && value < 0 {
			return
		}
		if m, err := prometheus.NewConstMetric(d, kind, value, labelValues...); err == nil {
			ch <- m
		}
	})
}
