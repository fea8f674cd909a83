package api

import (
	"encoding/json"
	"net/url"

	"github.com/corescope/corescope/internal/analytics"
)

// area is one config.areas entry (internal/analytics does the geometry).
type area = analytics.Area

// areaParam returns the area named by ?area=, or nil when absent or unknown (§1.5: an
// unknown key is ignored).
func (s *Server) areaParam(q url.Values) *area {
	raw, ok := s.opts.UI.Areas[q.Get("area")]
	if !ok {
		return nil
	}
	var a area
	if json.Unmarshal(raw, &a) != nil || !a.Valid() {
		return nil
	}
	return &a
}
