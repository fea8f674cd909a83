package api

import (
	"context"
	"fmt"
	"net/http"
	"sort"
	"strconv"
	"strings"

	"github.com/corescope/corescope/internal/hops"
)

// PacketList is the /api/packets envelope.
type PacketList struct {
	Packets any `json:"packets"`
	Total   int `json:"total"`
	Limit   int `json:"limit"`
	Offset  int `json:"offset"`
}

func (s *Server) listPackets(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	limit := clampLimit(q.Get("limit"), 50, s.opts.Limits.PacketsMax)
	offset := parseOffset(q.Get("offset"))
	f := TxFilter{Ascending: strings.EqualFold(q.Get("order"), "asc"), Since: q.Get("since"), Until: q.Get("until")}
	nodes, err := parseList("nodes", q.Get("nodes"), maxKeys)
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	if len(nodes) > 0 { // multi-node mode honours only paging and time
		keys, err := s.resolveNodeRefs(nodes)
		if err != nil {
			s.writeError(w, r, err)
			return
		}
		f.Nodes = keys
		s.writePackets(w, r, f, offset, limit, false)
		return
	}
	if err := parseTypes(q.Get("type"), &f); err != nil {
		s.writeError(w, r, err)
		return
	}
	f.RouteType = intPtr(q.Get("route"))
	f.Hash = strings.ToLower(strings.TrimSpace(q.Get("hash")))
	f.Channel = q.Get("channel")
	if f.Observers, err = parseList("observer", q.Get("observer"), maxKeys); err != nil {
		s.writeError(w, r, err)
		return
	}
	if n := strings.TrimSpace(q.Get("node")); n != "" {
		keys, err := s.resolveNodeRefs([]string{n})
		if err != nil {
			s.writeError(w, r, err)
			return
		}
		f.Nodes = keys
	}
	codes, err := parseRegion(q)
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	if len(codes) > 0 {
		ids, err := s.regionObservers(codes)
		if err != nil {
			s.writeError(w, r, err)
			return
		}
		if len(f.Observers) > 0 {
			ids = intersect(ids, f.Observers)
		}
		if len(ids) == 0 {
			writeJSON(w, http.StatusOK, PacketList{Packets: []TxJSON{}, Limit: limit, Offset: offset})
			return
		}
		f.Observers = ids
	}
	if q.Get("groupByHash") == "true" {
		s.writeGrouped(w, r, f, offset, limit)
		return
	}
	s.writePackets(w, r, f, offset, limit, q.Get("expand") == "observations")
}

func (s *Server) writePackets(w http.ResponseWriter, r *http.Request, f TxFilter, offset, limit int, expand bool) {
	if len(f.Nodes) == 0 && f.Nodes != nil {
		writeJSON(w, http.StatusOK, PacketList{Packets: []TxJSON{}, Limit: limit, Offset: offset})
		return
	}
	// Every open packets page polls this list: identical requests share one answer,
	// rebuilt in the background after a store change.
	s.cachedJSON(w, r, func(*http.Request) (any, error) {
		rows, total, err := s.store.Transmissions(f, offset, limit)
		if err != nil {
			return nil, err
		}
		out := make([]TxJSON, 0, len(rows))
		for i := range rows {
			out = append(out, txJSON(&rows[i], expand))
		}
		return PacketList{Packets: out, Total: total, Limit: limit, Offset: offset}, nil
	})
}

// groupedList is one filter's matches sorted by latest observation.
type groupedList struct{ rows []GroupedTx }

// writeGrouped sorts every match by latest observation (desc) and pages the result. The
// sorted list is cached per filter so paging reuses it (api.md §3.3); with a large store
// a rebuild walks every observation, so it runs only after a store change, at most every
// 3 s, in the background. Each page's encoding is cached like any hot answer.
func (s *Server) writeGrouped(w http.ResponseWriter, r *http.Request, f TxFilter, offset, limit int) {
	f.Ascending = false
	key := fmt.Sprintf("%s|%v|%s|%q|%q|%q|%q|%q|%q", deref(intStr(f.PayloadType)), f.PayloadTypes, deref(intStr(f.RouteType)), f.Hash,
		f.Channel, f.Since, f.Until, strings.Join(f.Observers, ","), strings.Join(f.Nodes, ","))
	s.cachedJSON(w, r, func(r *http.Request) (any, error) {
		list, err := s.caches.grouped.Get(r.Context(), key, func(context.Context) (groupedList, error) {
			sums, err := s.store.Summaries(f)
			if err != nil {
				return groupedList{}, err
			}
			all := make([]GroupedTx, len(sums))
			for i := range sums {
				all[i] = groupedTx(&sums[i])
			}
			sort.SliceStable(all, func(i, j int) bool { return all[i].Latest > all[j].Latest })
			return groupedList{rows: all}, nil
		})
		if err != nil {
			return nil, err
		}
		all := list.Value.rows
		page := []GroupedTx{}
		if offset < len(all) {
			page = all[offset:min(len(all), offset+limit)]
		}
		return PacketList{Packets: page, Total: len(all), Limit: limit, Offset: offset}, nil
	})
}

func (s *Server) listPacketTimestamps(w http.ResponseWriter, r *http.Request) {
	since := r.URL.Query().Get("since")
	if since == "" {
		s.writeError(w, r, errorf(ErrBadRequest, "since required"))
		return
	}
	ts, err := s.store.FirstSeenAfter(since)
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	if ts == nil {
		ts = []string{}
	}
	writeJSON(w, http.StatusOK, ts)
}

// PacketDetail is the /api/packets/{id} answer.
type PacketDetail struct {
	Packet           any         `json:"packet"`
	Path             []string    `json:"path"`
	ObservationCount int         `json:"observation_count"`
	Observations     []ObsDetail `json:"observations"`
}

func (s *Server) getPacket(w http.ResponseWriter, r *http.Request) {
	id := strings.TrimSpace(r.PathValue("id"))
	var (
		tx    TxRow
		found bool
		err   error
	)
	if len(id) == 16 && isHex(id) {
		tx, found, err = s.store.TransmissionByHash(strings.ToLower(id))
	}
	var obs *ObsRow
	if !found && err == nil {
		if n, perr := strconv.ParseInt(id, 10, 64); perr == nil {
			tx, found, err = s.store.TransmissionByID(n)
			if !found && err == nil {
				var o ObsRow
				tx, o, found, err = s.store.ObservationByID(n)
				obs = &o
			}
		}
	}
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	if !found {
		s.writeError(w, r, errorf(ErrNotFound, "Not found"))
		return
	}
	d := PacketDetail{Path: []string{}, ObservationCount: max(1, len(tx.Observations)), Observations: []ObsDetail{}}
	for i := range tx.Observations {
		d.Observations = append(d.Observations, obsDetail(&tx, &tx.Observations[i]))
	}
	if obs != nil {
		d.Packet = enrichedObs(&tx, obs)
		if p := hops.ParsePathPtr(obs.PathJSON); p != nil {
			d.Path = p
		}
	} else {
		t := txJSON(&tx, true)
		d.Packet = t
		if t.ParsedPath != nil {
			d.Path = t.ParsedPath
		}
	}
	writeJSON(w, http.StatusOK, d)
}

// EnrichedObs is one observation joined with its transmission (api.md §4.2).
type EnrichedObs struct {
	ObsDetail
	Score       *int    `json:"score"`
	PayloadType *int    `json:"payload_type"`
	RouteType   *int    `json:"route_type"`
	DecodedJSON *string `json:"decoded_json"`
}

func enrichedObs(t *TxRow, o *ObsRow) EnrichedObs {
	return EnrichedObs{ObsDetail: obsDetail(t, o), Score: o.Score, PayloadType: t.PayloadType, RouteType: t.RouteType, DecodedJSON: t.DecodedJSON}
}

func (s *Server) batchObservations(w http.ResponseWriter, r *http.Request) {
	var body struct {
		Hashes []string `json:"hashes"`
	}
	if err := decodeBody(w, r, s.opts.MaxBodyBytes, &body); err != nil {
		s.writeError(w, r, err)
		return
	}
	if err := checkListLen("hashes", len(body.Hashes), maxKeys); err != nil {
		s.writeError(w, r, err)
		return
	}
	res := map[string][]ObsDetail{}
	for _, h := range body.Hashes {
		list := []ObsDetail{}
		tx, ok, err := s.store.TransmissionByHash(strings.ToLower(strings.TrimSpace(h)))
		if err != nil {
			s.writeError(w, r, err)
			return
		}
		if ok {
			for i := range tx.Observations {
				list = append(list, obsDetail(&tx, &tx.Observations[i]))
			}
		}
		res[h] = list
	}
	writeJSON(w, http.StatusOK, map[string]any{"results": res})
}

// Trace is one observation in /api/traces/{hash}.
type Trace struct {
	Observer     *string  `json:"observer"`
	ObserverName *string  `json:"observer_name"`
	Time         *string  `json:"time"`
	SNR          *float64 `json:"snr"`
	RSSI         *float64 `json:"rssi"`
	PathJSON     *string  `json:"path_json"`
}

func (s *Server) getTraces(w http.ResponseWriter, r *http.Request) {
	traces := []Trace{}
	tx, ok, err := s.store.TransmissionByHash(strings.ToLower(r.PathValue("hash")))
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	if ok {
		for _, o := range tx.Observations {
			traces = append(traces, Trace{Observer: o.ObserverID, ObserverName: o.ObserverName, Time: strp(o.Timestamp),
				SNR: o.SNR, RSSI: o.RSSI, PathJSON: o.PathJSON})
		}
		sort.SliceStable(traces, func(i, j int) bool { return deref(traces[i].Time) < deref(traces[j].Time) })
	}
	writeJSON(w, http.StatusOK, map[string]any{"traces": traces})
}

// parseTypes reads the type parameter: one payload type, or a bounded comma list matched
// as "any of" (a non-numeric value counts as 0, api.md §3.3).
func parseTypes(raw string, f *TxFilter) error {
	types, err := parseList("type", raw, maxTypes)
	if err != nil {
		return err
	}
	if len(types) == 1 {
		f.PayloadType = intPtr(types[0])
		return nil
	}
	for _, t := range types {
		f.PayloadTypes = append(f.PayloadTypes, *intPtr(t))
	}
	return nil
}

func intStr(p *int) *string {
	if p == nil {
		return nil
	}
	v := strconv.Itoa(*p)
	return &v
}

func deref(p *string) string {
	if p == nil {
		return ""
	}
	return *p
}

func intersect(a, b []string) []string {
	in := map[string]bool{}
	for _, x := range b {
		in[x] = true
	}
	out := []string{}
	for _, x := range a {
		if in[x] {
			out = append(out, x)
		}
	}
	return out
}

// resolveNodeRefs maps pubkeys or node names to lower-case pubkeys; unknown names
// resolve to nothing (an empty, non-nil result).
func (s *Server) resolveNodeRefs(refs []string) ([]string, error) {
	nodes, err := s.store.Nodes()
	if err != nil {
		return nil, err
	}
	out := []string{}
	for _, ref := range refs {
		l := strings.ToLower(ref)
		if isHex(l) && len(l) == 64 {
			out = append(out, l)
			continue
		}
		for i := range nodes {
			if nodes[i].Name != nil && strings.EqualFold(*nodes[i].Name, ref) || strings.EqualFold(nodes[i].PublicKey, ref) {
				out = append(out, strings.ToLower(nodes[i].PublicKey))
			}
		}
	}
	return out, nil
}
