package web

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"log/slog"
	"net/http"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strings"
)

// AssetBaseToken is the literal in index.html replaced by "/assets/<hash>".
const AssetBaseToken = "__ASSET_BASE__"

// DefaultVendorPackages is the node_modules allow-list served under /vendor/<pkg>/.
var DefaultVendorPackages = []string{"leaflet", "leaflet.markercluster", "leaflet.heat", "chart.js", "swagger-ui-dist", "qrcode-generator",
	"@noble/hashes", "@noble/ciphers"}

// Options configures a Handler.
type Options struct {
	// PublicDir is the SPA root (default "public"). A missing directory serves a
	// small "Frontend not found" page instead.
	PublicDir string
	// VendorDir is the node_modules directory (default "node_modules").
	VendorDir string
	// VendorPackages is the allow-list of packages under VendorDir (default DefaultVendorPackages).
	VendorPackages []string
	// Logger receives startup warnings.
	Logger *slog.Logger
}

// DefaultOptions returns the default Options.
func DefaultOptions() Options {
	return Options{PublicDir: "public", VendorDir: "node_modules", VendorPackages: DefaultVendorPackages}
}

// Handler serves the SPA. It is immutable after New and safe for concurrent use.
type Handler struct {
	public  fs.FS
	vendor  map[string]fs.FS
	hash    string
	index   []byte
	missing bool
}

// New hashes the public tree and prepares index.html. A missing PublicDir is not an error.
func New(opts Options) (*Handler, error) {
	d := DefaultOptions()
	if opts.PublicDir == "" {
		opts.PublicDir = d.PublicDir
	}
	if opts.VendorDir == "" {
		opts.VendorDir = d.VendorDir
	}
	if opts.VendorPackages == nil {
		opts.VendorPackages = d.VendorPackages
	}
	if opts.Logger == nil {
		opts.Logger = slog.New(slog.DiscardHandler)
	}
	h := &Handler{vendor: map[string]fs.FS{}}
	for _, p := range opts.VendorPackages {
		dir := filepath.Join(opts.VendorDir, p)
		if st, err := os.Stat(dir); err == nil && st.IsDir() {
			h.vendor[p] = os.DirFS(dir)
		} else {
			opts.Logger.Warn("vendor package not installed", "package", p, "dir", dir)
		}
	}
	if st, err := os.Stat(opts.PublicDir); err != nil || !st.IsDir() {
		opts.Logger.Warn("public directory missing; serving API only", "dir", opts.PublicDir)
		h.missing = true
		return h, nil
	}
	h.public = os.DirFS(opts.PublicDir)
	sum, err := hashTree(h.public)
	if err != nil {
		return nil, fmt.Errorf("hash public: %w", err)
	}
	h.hash = sum
	idx, err := fs.ReadFile(h.public, "index.html")
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return nil, fmt.Errorf("read index.html: %w", err)
	}
	h.index = bytes.ReplaceAll(idx, []byte(AssetBaseToken), []byte(h.AssetBase()))
	return h, nil
}

// Hash returns the content hash of the public tree ("" when it is missing).
func (h *Handler) Hash() string { return h.hash }

// AssetBase returns the URL prefix of hashed assets, "/assets/<hash>".
func (h *Handler) AssetBase() string { return "/assets/" + h.hash }

// hashTree digests every regular file's path and content in lexical order.
func hashTree(fsys fs.FS) (string, error) {
	var files []string
	err := fs.WalkDir(fsys, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.Type().IsRegular() {
			files = append(files, p)
		}
		return nil
	})
	if err != nil {
		return "", err
	}
	sort.Strings(files)
	sum := sha256.New()
	for _, f := range files {
		b, err := fs.ReadFile(fsys, f)
		if err != nil {
			return "", err
		}
		fmt.Fprintf(sum, "%s\x00%d\x00", f, len(b))
		sum.Write(b)
	}
	return hex.EncodeToString(sum.Sum(nil))[:16], nil
}

// unsafePath reports traversal attempts in the raw or decoded path.
func unsafePath(r *http.Request) bool {
	raw := strings.ToLower(r.URL.EscapedPath())
	return strings.Contains(r.URL.Path, "..") || strings.Contains(r.URL.Path, `\`) ||
		strings.Contains(raw, "%2e%2e") || strings.Contains(raw, "%5c")
}

// cleanRel turns a URL sub-path into an fs.FS name, or "" when invalid.
func cleanRel(p string) string {
	p = strings.TrimPrefix(path.Clean("/"+p), "/")
	if p == "" || !fs.ValidPath(p) {
		return ""
	}
	return p
}
