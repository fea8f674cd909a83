package api

import (
	"net/http"
	"net/url"
	"strconv"
	"time"

	"github.com/corescope/corescope/internal/analytics"
)

// Query parameters of GET /api/audio-lab/buckets (documented in routes.go so they key the cache).
var (
	pAudioMinutes = q("minutes", "integer", "window length in minutes, 1–1440 (default 60)")
	pAudioBucket  = q("bucket", "integer", "bucket width in seconds, 1–3600 and at most the window; at most 1440 buckets (default 60)")
	pAudioTo      = q("to", "string", "RFC3339 end of the window, rounded up to a bucket boundary (default: just after the newest packet)")
)

// audioLabBuckets serves packets bucketed by first_seen for the Audio Lab page
// (api.md §3 #73; computation in internal/analytics).
func (s *Server) audioLabBuckets(r *http.Request) (any, error) {
	aq, err := parseAudioQuery(r.URL.Query())
	if err != nil {
		return nil, err
	}
	aq.Now = s.opts.Now()
	w, err := s.analyticsWindow(r)
	if err != nil {
		return nil, err
	}
	return analytics.ComputeAudioBuckets(s.analyticsSource(r.Context()), w, aq)
}

func (s *Server) getAudioLabBuckets(w http.ResponseWriter, r *http.Request) {
	cachedAnalytics((*Server).audioLabBuckets)(s, w, r)
}

// parseAudioQuery reads minutes, bucket and to; a malformed or out-of-bounds value is a 400.
func parseAudioQuery(v url.Values) (analytics.AudioQuery, error) {
	aq := analytics.AudioQuery{Minutes: analytics.AudioDefaultMinutes, BucketSecs: analytics.AudioDefaultBucket}
	for name, dst := range map[string]*int{"minutes": &aq.Minutes, "bucket": &aq.BucketSecs} {
		if raw := v.Get(name); raw != "" {
			n, err := strconv.Atoi(raw)
			if err != nil {
				return aq, errorf(ErrBadRequest, name+" must be an integer")
			}
			*dst = n
		}
	}
	if raw := v.Get("to"); raw != "" {
		t, err := time.Parse(time.RFC3339, raw)
		if err != nil {
			return aq, errorf(ErrBadRequest, "to must be an RFC3339 time")
		}
		aq.To = t
	}
	if err := aq.Validate(); err != nil {
		return aq, errorf(ErrBadRequest, err.Error())
	}
	return aq, nil
}
