package apikey

import "testing"

func TestWeak(t *testing.T) {
	for k, weak := range map[string]bool{"": true, "short": true, "change-me": true, "CHANGE-ME": true,
		"your-secret-api-key-here": true, "fifteen-chars-x": true, "sixteen-chars-xx": false,
		"a-long-enough-random-key": false} {
		if Weak(k) != weak {
			t.Errorf("%q: got weak %v, want %v", k, !weak, weak)
		}
	}
}
