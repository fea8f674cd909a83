package live

import (
	"net/http"
	"net/url"
	"strings"
)

func allowedSet(origins []string) map[string]bool {
	m := map[string]bool{}
	for _, o := range origins {
		o = strings.ToLower(strings.TrimSpace(o))
		if o != "" && o != "*" { // "*" is never honoured for WebSockets (CSWSH)
			m[strings.TrimRight(o, "/")] = true
		}
	}
	return m
}

// originAllowed implements api.md §5: no Origin, same host, or an exact allow-list entry.
func originAllowed(r *http.Request, allowed map[string]bool) bool {
	origin := r.Header.Get("Origin")
	if origin == "" {
		return true
	}
	u, err := url.Parse(origin)
	if err != nil || u.Host == "" {
		return false
	}
	if strings.EqualFold(u.Host, r.Host) {
		return true
	}
	return allowed[strings.ToLower(strings.TrimRight(origin, "/"))]
}
