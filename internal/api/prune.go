package api

import (
	"net/http"
	"sort"
	"strings"
	"time"

	"github.com/corescope/corescope/internal/sidechannel"
)

// maxPruneKeys bounds the confirm body's pubkey list.
const maxPruneKeys = 20000

// pruneNode is one node outside the geo filter.
type pruneNode struct {
	Pubkey string   `json:"pubkey"`
	Name   *string  `json:"name"`
	Lat    *float64 `json:"lat"`
	Lon    *float64 `json:"lon"`
}

// postPruneGeoFilter previews (default) or enqueues (?confirm=true) the deletion of stored
// nodes whose GPS lies outside the geo filter. The server never deletes: it writes a
// request file that the ingestor, the only database writer, handles (internal/sidechannel).
func (s *Server) postPruneGeoFilter(w http.ResponseWriter, r *http.Request) {
	g := s.geoFilter()
	if !g.Active() {
		s.writeError(w, r, errorf(ErrBadRequest, "no geo_filter configured"))
		return
	}
	nodes, err := s.store.Nodes()
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	outside := map[string]pruneNode{}
	for _, n := range nodes {
		if !g.Allows(n.Lat, n.Lon) {
			k := strings.ToLower(n.PublicKey)
			outside[k] = pruneNode{Pubkey: k, Name: n.Name, Lat: n.Lat, Lon: n.Lon}
		}
	}
	if r.URL.Query().Get("confirm") != "true" {
		list := sortedPruneNodes(outside, nil)
		writeJSON(w, http.StatusOK, map[string]any{"dryRun": true, "count": len(list), "nodes": list})
		return
	}
	var body struct {
		Pubkeys []string `json:"pubkeys"`
	}
	if r.ContentLength != 0 {
		if err := decodeBody(w, r, s.opts.MaxBodyBytes, &body); err != nil {
			s.writeError(w, r, err)
			return
		}
	}
	if len(body.Pubkeys) == 0 {
		s.writeError(w, r, errorf(ErrBadRequest, "confirm requires pubkeys from preview in request body"))
		return
	}
	if err := checkListLen("pubkeys", len(body.Pubkeys), maxPruneKeys); err != nil {
		s.writeError(w, r, err)
		return
	}
	list := sortedPruneNodes(outside, body.Pubkeys)
	if len(list) == 0 {
		s.writeError(w, r, errorf(ErrBadRequest, "none of the given pubkeys is a stored node outside the geo filter"))
		return
	}
	if s.opts.PruneDir == "" {
		s.writeError(w, r, errorf(ErrUnavailable, "prune requests cannot be queued: the server has no database path"))
		return
	}
	req := sidechannel.PruneRequest{ID: sidechannel.NewPruneID(), RequestedAt: s.opts.Now().UTC().Format(time.RFC3339), Reason: "geo_filter"}
	for _, n := range list {
		req.Pubkeys = append(req.Pubkeys, n.Pubkey)
	}
	if err := sidechannel.WritePruneRequest(s.opts.PruneDir, req); err != nil {
		s.writeError(w, r, errorf(errSaveFailed, "failed to queue prune request ("+err.Error()+")"))
		return
	}
	s.log.Info("geo prune requested", "id", req.ID, "nodes", len(list))
	writeJSON(w, http.StatusAccepted, map[string]any{"dryRun": false, "accepted": true, "requestId": req.ID, "count": len(list),
		"nodes": list, "statusUrl": "/api/admin/prune-geo-filter/status?id=" + req.ID})
}

// sortedPruneNodes lists outside (only the keys in pick, when given) by pubkey.
func sortedPruneNodes(outside map[string]pruneNode, pick []string) []pruneNode {
	out := []pruneNode{}
	if pick == nil {
		for _, n := range outside {
			out = append(out, n)
		}
	} else {
		seen := map[string]bool{}
		for _, k := range pick {
			k = strings.ToLower(strings.TrimSpace(k))
			if n, ok := outside[k]; ok && !seen[k] {
				seen[k] = true
				out = append(out, n)
			}
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Pubkey < out[j].Pubkey })
	return out
}

// getPruneStatus reports a prune request: pending until the ingestor writes its result.
func (s *Server) getPruneStatus(w http.ResponseWriter, r *http.Request) {
	id := r.URL.Query().Get("id")
	switch {
	case id == "":
		s.writeError(w, r, errorf(ErrBadRequest, "missing id"))
		return
	case !sidechannel.ValidPruneID(id):
		s.writeError(w, r, errorf(ErrBadRequest, "invalid id"))
		return
	case s.opts.PruneDir == "":
		s.writeError(w, r, errorf(ErrNotFound, "unknown request id"))
		return
	}
	state, res, err := sidechannel.PruneStatus(s.opts.PruneDir, id)
	if err != nil {
		s.writeError(w, r, errorf(errSaveFailed, "cannot read prune status ("+err.Error()+")"))
		return
	}
	switch state {
	case sidechannel.PrunePending:
		writeJSON(w, http.StatusOK, map[string]any{"requestId": id, "status": "pending"})
	case sidechannel.PruneDone:
		status := "done"
		if res.Error != "" {
			status = "error"
		}
		writeJSON(w, http.StatusOK, map[string]any{"requestId": id, "status": status, "deleted": res.Deleted,
			"requestedAt": res.RequestedAt, "completedAt": res.CompletedAt, "error": res.Error})
	default:
		s.writeError(w, r, errorf(ErrNotFound, "unknown request id"))
	}
}
