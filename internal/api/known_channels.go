package api

import (
	"net/http"
	"strings"
)

// getKnownChannels serves the channel catalogue for the "add channel" dialog (api.md §3.6 #64):
// the operator's knownChannelsUrl list, cached by internal/knownchannels, or the bundled one.
// ?region=xx keeps that country's entries plus the worldwide ones.
func (s *Server) getKnownChannels(w http.ResponseWriter, r *http.Request) {
	region := strings.ToLower(strings.TrimSpace(r.URL.Query().Get("region")))
	if region != "" && !isCountryCode(region) {
		writeJSON(w, http.StatusBadRequest, map[string]string{"error": "region must be a two-letter country code"})
		return
	}
	c := s.known.Catalogue().ForRegion(region)
	// The catalogue changes at most once per refresh: let browsers keep it; an empty one is
	// re-asked sooner (api.md §1.3 overrides no-store here).
	if len(c.Entries) > 0 {
		w.Header().Set("Cache-Control", "public, max-age=300")
	} else {
		w.Header().Set("Cache-Control", "public, max-age=30")
	}
	writeJSON(w, http.StatusOK, c)
}

func isCountryCode(s string) bool {
	return len(s) == 2 && s[0] >= 'a' && s[0] <= 'z' && s[1] >= 'a' && s[1] <= 'z'
}
