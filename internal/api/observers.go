package api

import (
	"context"
	"encoding/json"
	"net/http"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"
)

// ObserverJSON is ObserverRow plus joined and derived fields (api.md §4.5).
type ObserverJSON struct {
	ObserverRow
	PacketsLastHour   int      `json:"packetsLastHour"`
	Lat               *float64 `json:"lat"`
	Lon               *float64 `json:"lon"`
	NodeRole          *string  `json:"nodeRole"`
	ClockNaive        bool     `json:"clock_naive"`
	ClockSkewSeconds  *int64   `json:"clock_skew_seconds"`
	ClockSkewCount24h int      `json:"clock_skew_count_24h"`
	ClockLastNaiveAt  *string  `json:"clock_last_naive_at"`
	CanRelay          *bool    `json:"can_relay,omitempty"`
}

func (s *Server) observerJSON(o *ObserverRow, lastHour map[string]int, nodes map[string]*NodeRow) ObserverJSON {
	j := ObserverJSON{ObserverRow: *o, PacketsLastHour: lastHour[o.ID], CanRelay: o.CanRelay}
	if n := nodes[strings.ToLower(o.ID)]; n != nil {
		j.Lat, j.Lon, j.NodeRole = n.Lat, n.Lon, n.Role
	}
	// Clock-naive fields count only when the last naive sighting is within 24 h.
	if o.ClockLastNaiveAt != nil {
		if t, err := time.Parse(time.RFC3339, *o.ClockLastNaiveAt); err == nil && s.opts.Now().Sub(t) < 24*time.Hour {
			j.ClockNaive, j.ClockSkewSeconds, j.ClockSkewCount24h, j.ClockLastNaiveAt = true, o.ClockSkewSeconds, o.ClockSkewCount24h, o.ClockLastNaiveAt
		}
	}
	return j
}

// lastHourCounts counts observations per observer within the last hour, by
// observation time (ids need not rise with time), from the timestamp index.
func (s *Server) lastHourCounts() (map[string]int, error) {
	return s.store.ObserverCounts(s.opts.Now().Add(-time.Hour))
}

func (s *Server) buildObservers() ([]byte, error) {
	return s.buildObserversIn(nil)
}

// buildObserversIn encodes the observer list, only those located in one of codes (upper-case
// IATA) when codes is not empty.
func (s *Server) buildObserversIn(codes []string) ([]byte, error) {
	obs, err := s.store.Observers()
	if err != nil {
		return nil, err
	}
	nodes, err := s.store.Nodes()
	if err != nil {
		return nil, err
	}
	byKey := map[string]*NodeRow{}
	for i := range nodes {
		byKey[strings.ToLower(nodes[i].PublicKey)] = &nodes[i]
	}
	lastHour, err := s.lastHourCounts()
	if err != nil {
		return nil, err
	}
	list := []ObserverJSON{}
	for i := range obs {
		if obs[i].Inactive || s.hide.observer(obs[i].ID) || !inRegion(obs[i].IATA, codes) {
			continue
		}
		list = append(list, s.observerJSON(&obs[i], lastHour, byKey))
	}
	sort.SliceStable(list, func(i, j int) bool { return deref(list[i].LastSeen) > deref(list[j].LastSeen) })
	b, err := json.Marshal(map[string]any{"observers": list, "server_time": s.opts.Now().UTC().Format(time.RFC3339)})
	return append(b, '\n'), err
}

// inRegion tells whether an observer's IATA is one of codes (upper-case); no codes match all.
func inRegion(iata *string, codes []string) bool {
	if len(codes) == 0 {
		return true
	}
	return iata != nil && slices.Contains(codes, strings.ToUpper(*iata))
}

// listObservers serves the unfiltered list from a 30 s atomic-pointer cache (api.md §9.2);
// a region filter (§1.5) builds its own answer.
func (s *Server) listObservers(w http.ResponseWriter, r *http.Request) {
	if r.URL.RawQuery != "" {
		codes, err := parseRegion(r.URL.Query())
		if err != nil {
			s.writeError(w, r, err)
			return
		}
		b, err := s.buildObserversIn(codes)
		if err != nil {
			s.writeError(w, r, err)
			return
		}
		writeRaw(w, http.StatusOK, b)
		return
	}
	e, err := s.caches.observers.Get(r.Context(), "observers", func(context.Context) ([]byte, error) { return s.buildObservers() })
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	w.Header().Set("X-Cache-Age-Seconds", strconv.FormatInt(int64(s.opts.Now().Sub(e.BuiltAt).Seconds()), 10))
	writeRaw(w, http.StatusOK, e.Value)
}

func (s *Server) findObserver(id string) (ObserverRow, error) {
	obs, err := s.store.Observers()
	if err != nil {
		return ObserverRow{}, err
	}
	for _, o := range obs {
		if o.ID == id && !s.hide.observer(id) {
			return o, nil
		}
	}
	return ObserverRow{}, errorf(ErrNotFound, "Observer not found")
}

func (s *Server) getObserver(w http.ResponseWriter, r *http.Request) {
	o, err := s.findObserver(r.PathValue("id"))
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	lastHour, err := s.lastHourCounts()
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	j := s.observerJSON(&o, lastHour, nil)
	j.Lat, j.Lon, j.NodeRole = nil, nil, nil
	writeJSON(w, http.StatusOK, j)
}
