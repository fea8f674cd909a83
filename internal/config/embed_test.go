package config

import (
	"strings"
	"testing"
)

func TestValidate_EmbedFrameAncestors(t *testing.T) {
	ok := `{"embed":{"frameAncestors":["'self'","https://club.example.org","https://*.example.org","http://localhost:8080"]}}`
	c, err := Load(writeConfig(t, ok), nil)
	if err != nil {
		t.Fatal(err)
	}
	if err := c.Validate(); err != nil {
		t.Fatalf("valid origins refused: %v", err)
	}
	bad := `{"embed":{"frameAncestors":["https://a.org; script-src *","https://a.org/path","*","ftp://a.org","https://u:p@a.org","'none'"]}}`
	if c, err = Load(writeConfig(t, bad), nil); err != nil {
		t.Fatal(err)
	}
	err = c.Validate()
	if err == nil {
		t.Fatal("got nil, want errors")
	}
	for i := range 6 {
		if f := "embed.frameAncestors[" + string(rune('0'+i)) + "]:"; !strings.Contains(err.Error(), f) {
			t.Errorf("no error for %s in %v", f, err)
		}
	}
}
