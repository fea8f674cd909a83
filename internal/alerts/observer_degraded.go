package alerts

import (
	"fmt"
	"slices"
	"time"
)

// KindObserverDegraded: an observer uploads far fewer packets than it usually does at
// this hour of the week (issue #22 item 1, docs/monitoring.md).
const KindObserverDegraded = "observer_degraded"

// ObserverRate is one observer's packet count in the last hour (Current) and in the same
// hour of the week 1, 2, … weeks ago (Weekly).
type ObserverRate struct {
	ID, Name string
	Current  int
	Weekly   []int
}

// observerDegradedAlerts compares each observer's last hour with the median of its
// non-empty weekly windows; it needs DegradedMinWeeks of them (history) and a median of
// at least DegradedMinPackets (a quiet hour proves nothing). Observers in offline holds
// are left to observer_offline.
func (m *Manager) observerDegradedAlerts(now time.Time, offline map[string]bool) []Alert {
	o := m.opts
	if o.ObserverRates == nil || o.DegradedRatio <= 0 || o.DegradedWeeks <= 0 {
		return nil
	}
	list, err := o.ObserverRates(now, o.DegradedWeeks)
	if err != nil {
		m.logErr(now, "read observer rates", err)
		return nil
	}
	var out []Alert
	for _, r := range list {
		if offline[r.ID] {
			continue
		}
		var have []int
		for _, n := range r.Weekly {
			if n > 0 {
				have = append(have, n)
			}
		}
		if len(have) < max(o.DegradedMinWeeks, 1) {
			continue
		}
		slices.Sort(have)
		base := float64(have[len(have)/2])
		if len(have)%2 == 0 {
			base = float64(have[len(have)/2-1]+have[len(have)/2]) / 2
		}
		if base < float64(o.DegradedMinPackets) || float64(r.Current) >= o.DegradedRatio*base {
			continue
		}
		out = append(out, Alert{Kind: KindObserverDegraded, Subject: r.ID, Name: r.Name,
			Message: fmt.Sprintf("observer %s uploaded %d packets in the last hour, %.0f%% of its usual %.0f at this hour of the week (median of %d weeks; limit %.0f%%)",
				label(Seen{ID: r.ID, Name: r.Name}), r.Current, 100*float64(r.Current)/base, base, len(have), 100*o.DegradedRatio)})
	}
	return out
}
