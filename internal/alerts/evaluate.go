package alerts

import (
	"fmt"
	"sort"
	"strings"
	"time"

	"github.com/corescope/corescope/internal/statsfile"
)

// Alert is one condition that currently holds.
type Alert struct {
	// Kind is one of the Kind* constants.
	Kind string
	// Subject names what is affected: "ingestor", a source name, an observer id, a node key.
	Subject string
	// Name is a human label for the subject when one is known.
	Name string
	// Message explains the condition.
	Message string
}

func (a Alert) key() string { return a.Kind + "\x00" + a.Subject }

// Evaluate returns every condition holding at now, sorted by kind and subject.
func (m *Manager) Evaluate(now time.Time) []Alert {
	var out []Alert
	o := m.opts
	stalled := false
	if o.StatsPath != "" {
		snap, age, err := statsfile.ReadAged(o.StatsPath, now)
		m.mu.Lock()
		seen := m.seenStats || err == nil
		m.seenStats = seen
		m.mu.Unlock()
		switch {
		case err != nil && seen && o.IngestStalled > 0:
			stalled = true
			out = append(out, Alert{Kind: KindIngestStalled, Subject: "ingestor", Message: "ingestor stats file is gone: " + err.Error()})
		case err == nil && o.IngestStalled > 0 && age > o.IngestStalled:
			stalled = true
			out = append(out, Alert{Kind: KindIngestStalled, Subject: "ingestor",
				Message: fmt.Sprintf("ingestor stats file not updated for %s (limit %s)", round(age), o.IngestStalled)})
		}
		if err == nil && !stalled && o.IngestStalled > 0 {
			if d := m.progress.Stalled(now, snap); d > o.IngestStalled {
				stalled = true
				out = append(out, Alert{Kind: KindIngestStalled, Subject: "ingestor",
					Message: fmt.Sprintf("ingest writer has committed nothing for %s with %d messages queued (limit %s)", round(d), snap.QueueDepth, o.IngestStalled)})
			}
		}
		if err == nil && snap.DiskFull != nil {
			out = append(out, diskFullAlert(snap.DiskFull))
		}
		// While ingest is stalled every source looks silent; report the cause only.
		if err == nil && !stalled {
			for name, d := range snap.SourceSilence(now, m.started) {
				limit, ok := o.SourceSilentBy[name]
				if !ok {
					limit = o.SourceSilent
				}
				if limit > 0 && d > limit {
					out = append(out, Alert{Kind: KindSourceSilent, Subject: name, Name: name,
						Message: fmt.Sprintf("MQTT source %q has delivered no message for %s (limit %s)", name, round(d), limit)})
				}
			}
		}
	}
	if o.Ready == nil || o.Ready() {
		offline := m.observerAlerts(now)
		out = append(out, offline...)
		held := map[string]bool{}
		for _, a := range offline {
			held[a.Subject] = true
		}
		out = append(out, m.observerDegradedAlerts(now, held)...)
		out = append(out, m.nodeAlerts(now)...)
		out = append(out, m.scopeAlerts(now)...)
		out = append(out, m.meshAlerts(now)...)
		out = append(out, m.nodeChangeAlerts(now)...)
		out = append(out, m.batteryNoiseAlerts(now)...)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].key() < out[j].key() })
	return out
}

func (m *Manager) observerAlerts(now time.Time) []Alert {
	o := m.opts
	if o.Observers == nil || o.ObserverOffline <= 0 {
		return nil
	}
	list, err := o.Observers()
	if err != nil {
		m.logErr(now, "read observers", err)
		return nil
	}
	watch := map[string]bool{}
	for _, id := range o.WatchObservers {
		watch[strings.ToLower(id)] = true
	}
	var out []Alert
	for _, ob := range list {
		if len(watch) > 0 && !watch[strings.ToLower(ob.ID)] {
			continue
		}
		silent := now.Sub(ob.LastSeen)
		if len(watch) == 0 && (ob.LastSeen.IsZero() || silent > o.ObserverWindow) {
			continue
		}
		if ob.LastSeen.IsZero() || silent > o.ObserverOffline {
			out = append(out, Alert{Kind: KindObserverOffline, Subject: ob.ID, Name: ob.Name,
				Message: fmt.Sprintf("observer %s offline: %s (limit %s)", label(ob), lastHeard(ob, now), o.ObserverOffline)})
		}
	}
	return out
}

func (m *Manager) nodeAlerts(now time.Time) []Alert {
	o := m.opts
	if o.NodesSeen == nil || o.NodeSilent <= 0 || len(o.Nodes) == 0 {
		return nil
	}
	list, err := o.NodesSeen(o.Nodes)
	if err != nil {
		m.logErr(now, "read nodes", err)
		return nil
	}
	byKey := map[string]Seen{}
	for _, n := range list {
		byKey[strings.ToLower(n.ID)] = n
	}
	var out []Alert
	for _, key := range o.Nodes {
		n, ok := byKey[strings.ToLower(key)]
		if !ok {
			n = Seen{ID: strings.ToLower(key)}
		}
		if n.LastSeen.IsZero() || now.Sub(n.LastSeen) > o.NodeSilent {
			out = append(out, Alert{Kind: KindNodeSilent, Subject: n.ID, Name: n.Name,
				Message: fmt.Sprintf("claimed node %s silent: %s (limit %s)", label(n), lastHeard(n, now), o.NodeSilent)})
		}
	}
	return out
}

func label(s Seen) string {
	if s.Name != "" {
		return fmt.Sprintf("%q (%s)", s.Name, s.ID)
	}
	return s.ID
}

func lastHeard(s Seen, now time.Time) string {
	if s.LastSeen.IsZero() {
		return "never heard"
	}
	return "last heard " + round(now.Sub(s.LastSeen)) + " ago"
}

func round(d time.Duration) string { return d.Round(time.Second).String() }

// diskFullAlert reports the ingestor holding messages because the database disk is full;
// it fires whatever the thresholds, since nothing is stored until space is freed.
func diskFullAlert(d *statsfile.DiskFull) Alert {
	return Alert{Kind: KindDiskFull, Subject: "ingestor",
		Message: fmt.Sprintf("database disk full since %s: ingest paused, %d retries so far, messages held at the broker (%s)", d.Since, d.Retries, d.Error)}
}
