package web

import (
	"bytes"
	"io/fs"
	"net/http"
	"strings"
	"time"
)

const (
	cacheImmutable = "public, max-age=31536000, immutable"
	cacheNoCache   = "no-cache, no-store, must-revalidate"
	cacheVendor    = "public, max-age=86400"
)

const notFoundPage = "<!doctype html><html><head><meta charset=\"utf-8\"><title>CoreScope</title></head>" +
	"<body><h1>Frontend not found</h1><p>The API is running; the public/ directory is missing.</p></body></html>\n"

// ServeHTTP serves assets, vendor files, index.html and the SPA fallback.
func (h *Handler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		w.Header().Set("Allow", "GET, HEAD")
		http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
		return
	}
	if unsafePath(r) {
		http.Error(w, "bad request", http.StatusBadRequest)
		return
	}
	p := r.URL.Path
	switch {
	case strings.HasPrefix(p, "/assets/"):
		h.serveAsset(w, r, strings.TrimPrefix(p, "/assets/"))
	case strings.HasPrefix(p, "/vendor/"):
		h.serveVendor(w, r, strings.TrimPrefix(p, "/vendor/"))
	default:
		h.serveApp(w, r, p)
	}
}

// serveAsset serves /assets/<hash>/<file>; a stale hash still gets the file, but not cached.
func (h *Handler) serveAsset(w http.ResponseWriter, r *http.Request, rest string) {
	hash, file, ok := strings.Cut(rest, "/")
	if !ok || h.missing {
		http.NotFound(w, r)
		return
	}
	name := cleanRel(file)
	if name == "" {
		http.NotFound(w, r)
		return
	}
	if hash == h.hash {
		w.Header().Set("Cache-Control", cacheImmutable)
	} else {
		w.Header().Set("Cache-Control", cacheNoCache)
	}
	serveFile(w, r, h.public, name)
}

// serveVendor serves /vendor/<pkg>/<file> for allow-listed packages only; a scoped package
// (@scope/name) spans two path segments.
func (h *Handler) serveVendor(w http.ResponseWriter, r *http.Request, rest string) {
	pkg, file, _ := strings.Cut(rest, "/")
	if strings.HasPrefix(pkg, "@") {
		var name string
		name, file, _ = strings.Cut(file, "/")
		pkg += "/" + name
	}
	fsys, ok := h.vendor[pkg]
	name := cleanRel(file)
	if !ok || name == "" {
		http.NotFound(w, r)
		return
	}
	w.Header().Set("Cache-Control", cacheVendor)
	serveFile(w, r, fsys, name)
}

// serveApp serves existing top-level files (favicon etc.) and otherwise index.html.
func (h *Handler) serveApp(w http.ResponseWriter, r *http.Request, p string) {
	if h.missing || h.index == nil {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.WriteHeader(http.StatusOK)
		w.Write([]byte(notFoundPage))
		return
	}
	if name := cleanRel(p); name != "" && name != "index.html" {
		if st, err := fs.Stat(h.public, name); err == nil && st.Mode().IsRegular() {
			w.Header().Set("Cache-Control", cacheNoCache)
			serveFile(w, r, h.public, name)
			return
		}
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("Cache-Control", cacheNoCache)
	http.ServeContent(w, r, "index.html", time.Time{}, bytes.NewReader(h.index))
}

// serveFile serves one regular file from fsys, 404 for directories and missing files.
func serveFile(w http.ResponseWriter, r *http.Request, fsys fs.FS, name string) {
	f, err := fsys.Open(name)
	if err != nil {
		w.Header().Del("Cache-Control")
		http.NotFound(w, r)
		return
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil || !st.Mode().IsRegular() {
		w.Header().Del("Cache-Control")
		http.NotFound(w, r)
		return
	}
	rs, ok := f.(interface {
		Read([]byte) (int, error)
		Seek(int64, int) (int64, error)
	})
	if !ok {
		http.Error(w, "unreadable file", http.StatusInternalServerError)
		return
	}
	http.ServeContent(w, r, name, st.ModTime(), rs)
}
