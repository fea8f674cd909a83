package api

import "time"

// ObserverRate is one observer's packet count in the last hour and in the same hour of
// the week k weeks ago (Weekly[k-1]), for the observer-degradation alert (cmd/server
// copies it into alerts.ObserverRate).
type ObserverRate struct {
	ID, Name string
	Current  int
	Weekly   []int
}

// ObserverRates counts observations per observer in [now-1h, now) and in the same
// window 1…weeks weeks earlier, for observers the API lists (not inactive).
func (s *Server) ObserverRates(now time.Time, weeks int) ([]ObserverRate, error) {
	obs, err := s.store.Observers()
	if err != nil {
		return nil, err
	}
	windows := make([]map[string]int, weeks+1)
	for k := 0; k <= weeks; k++ {
		to := now.Add(-time.Duration(k) * 7 * 24 * time.Hour)
		if windows[k], err = s.store.ObserverCountsBetween(to.Add(-time.Hour), to); err != nil {
			return nil, err
		}
	}
	var out []ObserverRate
	for _, o := range obs {
		if o.Inactive {
			continue
		}
		r := ObserverRate{ID: o.ID, Name: deref(o.Name), Current: windows[0][o.ID], Weekly: make([]int, weeks)}
		for k := 1; k <= weeks; k++ {
			r.Weekly[k-1] = windows[k][o.ID]
		}
		out = append(out, r)
	}
	return out, nil
}
