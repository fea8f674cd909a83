package api

import (
	"compress/gzip"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"testing"
)

func TestWriteError_StatusMapping(t *testing.T) {
	s := New(Options{})
	for _, c := range []struct {
		err  error
		code int
		msg  string
	}{
		{errorf(ErrNotFound, "Not found"), 404, "Not found"},
		{fmt.Errorf("lookup: %w", errorf(ErrBadRequest, "since required")), 400, "since required"},
		{errorf(ErrUnauthorized, "unauthorized"), 401, "unauthorized"},
		{errorf(ErrForbidden, "forbidden"), 403, "forbidden"},
		{errorf(ErrConflict, "Ambiguous prefix"), 409, "Ambiguous prefix"},
		{errorf(ErrUnavailable, "ingestor unreachable"), 503, "ingestor unreachable"},
		{&http.MaxBytesError{Limit: 1}, 413, "request body too large"},
		{errors.New("disk on fire at /secret/path"), 500, "internal error"},
	} {
		rec := httptest.NewRecorder()
		s.writeError(rec, httptest.NewRequest(http.MethodGet, "/api/x", nil), c.err)
		want := `{"error":"` + c.msg + `"}` + "\n"
		if rec.Code != c.code || rec.Body.String() != want {
			t.Errorf("%v: got %d %q, want %d %q", c.err, rec.Code, rec.Body.String(), c.code, want)
		}
	}
}

func TestPerfKey_Templates(t *testing.T) {
	for _, c := range []struct{ pattern, path, want string }{
		{"GET /api/nodes/{pubkey}/health", "/api/nodes/abcd/health", "/api/nodes/:pubkey/health"},
		{"/api/", "/api/nodes/0123456789abcdef/zz", "/api/nodes/:id/zz"},
		{"", "/api/short/ab", "/api/short/ab"},
	} {
		r := httptest.NewRequest(http.MethodGet, c.path, nil)
		r.Pattern = c.pattern
		if got := perfKey(r); got != c.want {
			t.Errorf("%q %q: got %q, want %q", c.pattern, c.path, got, c.want)
		}
	}
}

func TestGzip_OnlyAllowListedTypes(t *testing.T) {
	h := gzipHandler(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", r.URL.Query().Get("ct"))
		io.WriteString(w, "hello hello hello hello")
	}), 0)
	for _, c := range []struct {
		ct   string
		gzip bool
	}{{"application/json", true}, {"text/html; charset=utf-8", true}, {"image/png", false}, {"application/octet-stream", false}} {
		req := httptest.NewRequest(http.MethodGet, "/x?ct="+url.QueryEscape(c.ct), nil)
		req.Header.Set("Accept-Encoding", "gzip, deflate")
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		got := rec.Header().Get("Content-Encoding") == "gzip"
		if got != c.gzip {
			t.Errorf("%s: gzip %v, want %v", c.ct, got, c.gzip)
			continue
		}
		if got {
			zr, err := gzip.NewReader(rec.Body)
			if err != nil {
				t.Fatal(err)
			}
			if b, _ := io.ReadAll(zr); string(b) != "hello hello hello hello" {
				t.Errorf("%s: body %q", c.ct, b)
			}
		}
	}
	req := httptest.NewRequest(http.MethodGet, "/x?ct=application/json", nil)
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	if rec.Header().Get("Content-Encoding") != "" {
		t.Error("compressed without Accept-Encoding")
	}
}

func TestClampLimit(t *testing.T) {
	for _, c := range []struct {
		in   string
		want int
	}{{"", 50}, {"abc", 50}, {"0", 50}, {"-3", 50}, {"20", 20}, {"99999", 10000}} {
		if got := clampLimit(c.in, 50, 10000); got != c.want {
			t.Errorf("%q: got %d, want %d", c.in, got, c.want)
		}
	}
}
