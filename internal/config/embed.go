package config

import (
	"fmt"
	"net/url"
	"strings"
)

// Embed holds `embed.*`: who may show the UI in an iframe (the ?embed=1 map and channel views).
type Embed struct {
	// FrameAncestors become the CSP frame-ancestors list: "'self'" or origins such as
	// "https://club.example.org" or "https://*.example.org". Empty (the default) forbids framing.
	FrameAncestors []string `json:"frameAncestors"`
}

// validateEmbed rejects entries that are not 'self' or a bare http(s) origin: anything else
// (paths, spaces, semicolons) would change the meaning of the Content-Security-Policy header.
func (c *Config) validateEmbed(bad func(field, format string, a ...any)) {
	for i, o := range c.Embed.FrameAncestors {
		if o == "'self'" {
			continue
		}
		if err := checkOrigin(o); err != nil {
			bad(fmt.Sprintf("embed.frameAncestors[%d]", i), "%v", err)
		}
	}
}

func checkOrigin(o string) error {
	bad := fmt.Errorf("want 'self' or an origin like https://example.org or https://*.example.org, got %q", o)
	if strings.ContainsAny(o, " \t;,'\"") || o == "" {
		return bad
	}
	u, err := url.Parse(strings.Replace(o, "://*.", "://wildcard.", 1))
	if err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" || u.User != nil ||
		(u.Path != "" && u.Path != "/") || u.RawQuery != "" || u.Fragment != "" || strings.Contains(u.Host, "*") {
		return bad
	}
	return nil
}
