package api

import (
	"bufio"
	"compress/gzip"
	"errors"
	"mime"
	"net"
	"net/http"
	"strings"
	"sync"
)

var gzipTypes = map[string]bool{
	"application/json": true, "application/javascript": true, "application/x-javascript": true,
	"application/xml": true, "text/html": true, "text/css": true, "text/plain": true,
	"text/xml": true, "image/svg+xml": true, "text/javascript": true,
}

// gzipHandler compresses allow-listed content types for clients that accept gzip;
// WebSocket upgrades pass through untouched (api.md §7.2).
func gzipHandler(next http.Handler, level int) http.Handler {
	if level < gzip.BestSpeed || level > gzip.BestCompression {
		level = gzip.DefaultCompression
	}
	pool := &sync.Pool{New: func() any {
		zw, _ := gzip.NewWriterLevel(nil, level)
		return zw
	}}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if !strings.Contains(r.Header.Get("Accept-Encoding"), "gzip") ||
			strings.EqualFold(r.Header.Get("Upgrade"), "websocket") {
			next.ServeHTTP(w, r)
			return
		}
		gw := &gzipWriter{ResponseWriter: w, pool: pool}
		defer gw.close()
		next.ServeHTTP(gw, r)
	})
}

type gzipWriter struct {
	http.ResponseWriter
	pool    *sync.Pool
	zw      *gzip.Writer
	decided bool
}

// decide picks compression from the response headers at the first write.
func (g *gzipWriter) decide() {
	if g.decided {
		return
	}
	g.decided = true
	h := g.Header()
	ct, _, _ := mime.ParseMediaType(h.Get("Content-Type"))
	if h.Get("Content-Encoding") != "" || !gzipTypes[strings.ToLower(ct)] {
		return
	}
	h.Set("Content-Encoding", "gzip")
	h.Add("Vary", "Accept-Encoding")
	h.Del("Content-Length")
	g.zw = g.pool.Get().(*gzip.Writer)
	g.zw.Reset(g.ResponseWriter)
}

func (g *gzipWriter) WriteHeader(code int) {
	if code >= 200 && code != http.StatusNoContent && code != http.StatusNotModified {
		g.decide()
	}
	g.decided = true
	g.ResponseWriter.WriteHeader(code)
}

func (g *gzipWriter) Write(b []byte) (int, error) {
	if !g.decided {
		if g.Header().Get("Content-Type") == "" {
			g.Header().Set("Content-Type", http.DetectContentType(b))
		}
		g.decide()
	}
	if g.zw != nil {
		return g.zw.Write(b)
	}
	return g.ResponseWriter.Write(b)
}

func (g *gzipWriter) Flush() {
	if g.zw != nil {
		g.zw.Flush()
	}
	if f, ok := g.ResponseWriter.(http.Flusher); ok {
		f.Flush()
	}
}

func (g *gzipWriter) Hijack() (net.Conn, *bufio.ReadWriter, error) {
	if g.zw != nil {
		return nil, nil, errors.New("hijack: gzip stream already started")
	}
	hj, ok := g.ResponseWriter.(http.Hijacker)
	if !ok {
		return nil, nil, errors.New("hijack: not supported")
	}
	return hj.Hijack()
}

func (g *gzipWriter) Unwrap() http.ResponseWriter { return g.ResponseWriter }

func (g *gzipWriter) close() {
	if g.zw != nil {
		g.zw.Close()
		g.zw.Reset(nil)
		g.pool.Put(g.zw)
		g.zw = nil
	}
}
