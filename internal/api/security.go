package api

import (
	"net/http"
	"net/url"
	"sort"
	"strings"
)

// defaultTileOrigin is the built-in map tile server (public/js/logic/map-tiles.js: Carto light/dark),
// used when map.tiles names nothing usable.
const defaultTileOrigin = "https://*.basemaps.cartocdn.com"

// securityHeaders sets the security headers on every response the server writes: API, SPA,
// static files, Swagger UI, errors. The SPA runs no inline script or style attribute from HTML
// (styles set through element.style are not inline sources), so the policy allows same-origin
// code only; images may also come from the configured tile servers; framing is refused unless
// embed.frameAncestors lists origins.
func (s *Server) securityHeaders(next http.Handler) http.Handler {
	base := s.contentSecurityPolicy()
	frameDeny := len(s.opts.FrameAncestors) == 0
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h := w.Header()
		h.Set("Content-Security-Policy", base+wsSources(r.Host))
		h.Set("X-Content-Type-Options", "nosniff")
		// Tile servers (OpenStreetMap's policy) want a Referer: send the origin only, never paths.
		h.Set("Referrer-Policy", "strict-origin-when-cross-origin")
		if frameDeny {
			h.Set("X-Frame-Options", "DENY") // for browsers that predate frame-ancestors
		}
		next.ServeHTTP(w, r)
	})
}

// contentSecurityPolicy builds the per-process part of the policy; connect-src ends it so the
// request's WebSocket origins can be appended.
func (s *Server) contentSecurityPolicy() string {
	frame := "'none'"
	if len(s.opts.FrameAncestors) > 0 {
		frame = strings.Join(s.opts.FrameAncestors, " ")
	}
	img := append([]string{"'self'", "data:", "blob:"}, tileOrigins(&s.opts.UI)...)
	return strings.Join([]string{
		"default-src 'self'", "script-src 'self'", "style-src 'self'", "img-src " + strings.Join(img, " "),
		"font-src 'self' data:", "object-src 'none'", "base-uri 'self'", "form-action 'self'",
		"frame-ancestors " + frame, "connect-src 'self'",
	}, "; ")
}

// wsSources lists ws:// and wss:// for the request's own host: older browsers do not let 'self'
// cover WebSocket schemes. A Host with characters outside a host[:port] adds nothing.
func wsSources(host string) string {
	if host == "" || strings.IndexFunc(host, func(c rune) bool {
		return !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || strings.ContainsRune(".-:[]", c))
	}) >= 0 {
		return ""
	}
	return " ws://" + host + " wss://" + host
}

// tileOrigins returns the origins of every http(s) tile URL in map.tiles (and the deprecated keys
// merged into it), with a "{s}"-style template label turned into a "*." wildcard, plus the
// built-in default; sorted and de-duplicated.
func tileOrigins(u *UIConfig) []string {
	seen := map[string]bool{defaultTileOrigin: true}
	var walk func(v any)
	walk = func(v any) {
		switch x := v.(type) {
		case string:
			if o := tileOrigin(x); o != "" {
				seen[o] = true
			}
		case map[string]any:
			for _, c := range x {
				walk(c)
			}
		case []any:
			for _, c := range x {
				walk(c)
			}
		}
	}
	walk(clientMap(u)["tiles"])
	out := make([]string, 0, len(seen))
	for o := range seen {
		out = append(out, o)
	}
	sort.Strings(out)
	return out
}

// tileOrigin turns "https://{s}.tile.example.org/{z}/{x}/{y}.png" into "https://*.tile.example.org";
// anything that is not an absolute http(s) URL gives "".
func tileOrigin(raw string) string {
	lower := strings.ToLower(raw)
	if !strings.HasPrefix(lower, "http://") && !strings.HasPrefix(lower, "https://") {
		return ""
	}
	scheme, rest, _ := strings.Cut(raw, "://")
	host := rest
	if i := strings.IndexAny(rest, "/?#"); i >= 0 {
		host = rest[:i]
	}
	labels := strings.Split(host, ".")
	for i, l := range labels {
		if strings.ContainsAny(l, "{}") {
			if i != 0 {
				return "" // a template in the middle of a host cannot be expressed as a source
			}
			labels[i] = "*"
		}
	}
	host = strings.Join(labels, ".")
	u, err := url.Parse(strings.ToLower(scheme) + "://" + strings.ReplaceAll(host, "*", "wildcard"))
	if err != nil || u.Host == "" || u.User != nil || strings.ContainsAny(host, " ;,'\"") {
		return ""
	}
	return strings.ToLower(scheme) + "://" + strings.ToLower(host)
}
