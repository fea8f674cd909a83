package api

import (
	"os"
	"regexp"
	"strings"
	"testing"
)

// themeKeyToken maps each theme.json colour key to the base.css custom property the UI paints that
// surface with. Written from base.css by hand, independent of theme_defaults.go.
var themeKeyToken = map[string]string{
	"accent": "--accent", "accentHover": "--accent", "navBg": "--nav-bg", "navBg2": "--nav-bg", "navText": "--nav-text",
	"navTextMuted": "--nav-muted", "background": "--bg", "text": "--text", "textMuted": "--text-muted", "border": "--border",
	"surface1": "--surface", "surface2": "--surface2", "surface3": "--surface3", "sectionBg": "--surface2", "cardBg": "--surface",
	"contentBg": "--bg", "detailBg": "--surface", "inputBg": "--surface", "rowStripe": "--row-stripe", "rowHover": "--row-hover",
	"selectedBg": "--row-selected", "statusGreen": "--ok", "statusYellow": "--warn", "statusRed": "--bad",
}

// cssBlockVars parses the custom properties declared in the first rule whose selector starts with sel.
func cssBlockVars(t *testing.T, css, sel string) map[string]string {
	t.Helper()
	i := strings.Index(css, sel)
	if i < 0 {
		t.Fatalf("base.css has no rule %q", sel)
	}
	body := css[i:]
	body = body[strings.Index(body, "{")+1 : strings.Index(body, "}")]
	out := map[string]string{}
	for _, m := range regexp.MustCompile(`(--[a-z0-9-]+)\s*:\s*([^;]+);`).FindAllStringSubmatch(body, -1) {
		out[m[1]] = strings.TrimSpace(m[2])
	}
	return out
}

// TestDefaultTheme_MatchesBaseCSSPalette: the server's default colours are the UI's own palette, so the
// UI can apply whatever /api/config/theme sends and an unconfigured server changes nothing.
func TestDefaultTheme_MatchesBaseCSSPalette(t *testing.T) {
	raw, err := os.ReadFile("../../public/css/base.css")
	if err != nil {
		t.Fatal(err)
	}
	css := string(raw)
	def := defaultTheme()
	for block, sel := range map[string]string{"theme": `:root, [data-theme="light"]`, "themeDark": `[data-theme="dark"]`} {
		vars := cssBlockVars(t, css, sel)
		if len(def[block]) != len(themeKeyToken) {
			t.Errorf("%s: %d default keys, want the %d mapped keys", block, len(def[block]), len(themeKeyToken))
		}
		for key, token := range themeKeyToken {
			want, ok := vars[token]
			if !ok {
				t.Fatalf("%s: base.css declares no %s", sel, token)
			}
			if got := def[block][key]; got != want {
				t.Errorf("%s.%s = %v, base.css %s = %s", block, key, got, token, want)
			}
		}
	}
}
