package api

import (
	"io"
	"net/http"
	"strings"
	"sync/atomic"
	"testing"
)

// countingReader yields n bytes of filler and counts how many were pulled.
type countingReader struct {
	left int64
	read atomic.Int64
}

func (c *countingReader) Read(p []byte) (int, error) {
	if c.left <= 0 {
		return 0, io.EOF
	}
	n := int64(len(p))
	if n > c.left {
		n = c.left
	}
	for i := range p[:n] {
		p[i] = ' '
	}
	p[0] = '['
	c.left -= n
	c.read.Add(n)
	return int(n), nil
}

// TestHostile_OversizedBodies sends 50 MB to every JSON body route: each answers 4xx
// without reading the whole body (bounded memory).
func TestHostile_OversizedBodies(t *testing.T) {
	f := newFixture(t)
	const size = 50 << 20
	for _, c := range []struct {
		path string
		key  bool
		want int
	}{
		{"/api/decode", false, http.StatusRequestEntityTooLarge},
		{"/api/packets/observations", false, http.StatusRequestEntityTooLarge},
		{"/api/packets", true, http.StatusRequestEntityTooLarge},
		{"/api/packets", false, http.StatusUnauthorized},
		{"/api/perf/reset", false, http.StatusUnauthorized},
	} {
		body := &countingReader{left: size}
		req, err := http.NewRequest(http.MethodPost, f.srv.URL+c.path, body)
		if err != nil {
			t.Fatal(err)
		}
		req.ContentLength = size
		req.Header.Set("Content-Type", "application/json")
		if c.key {
			req.Header.Set("X-API-Key", testKey)
		}
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			// The server may close the connection before the client finished writing;
			// what matters is that it did not read the whole body.
			if body.read.Load() >= size {
				t.Fatalf("%s: whole 50 MB body consumed before error %v", c.path, err)
			}
			continue
		}
		io.Copy(io.Discard, resp.Body)
		resp.Body.Close()
		if resp.StatusCode != c.want {
			t.Errorf("%s key=%v: got %d, want %d", c.path, c.key, resp.StatusCode, c.want)
		}
		if got := body.read.Load(); got >= size/2 {
			t.Errorf("%s: server let the client send %d of %d bytes", c.path, got, size)
		}
	}
}

func TestHostile_MalformedBodies(t *testing.T) {
	f := newFixture(t)
	garbage := []string{"{", "[1,2", "\x00\xff\xfe", "null x", strings.Repeat("[", 100000), `{"a":` + strings.Repeat(`{"a":`, 5000)}
	cases := map[string][]string{
		"/api/decode":               append([]string{`{"hex": 5}`, `{"hex": "zz"}`, `{"hex": ""}`}, garbage...),
		"/api/packets/observations": append([]string{`{"hashes": "notalist"}`, `{"hashes": [1, 2]}`}, garbage...),
	}
	for path, bodies := range cases {
		for _, body := range bodies {
			code, _, b := f.do(t, http.MethodPost, path, body, nil)
			if code < 400 || code > 499 {
				t.Errorf("POST %s %.20q: got %d %.100s, want 4xx", path, body, code, b)
			}
		}
	}
}
