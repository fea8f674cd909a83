package api

import (
	"context"
	"database/sql"
	"net/http"
	"net/http/httptest"
	"sync/atomic"
	"testing"

	_ "modernc.org/sqlite"
)

// countingStore counts the transmissions a scan's callback accepted, i.e. the rows a
// handler actually worked on.
type countingStore struct {
	Store
	handled *atomic.Int64
}

func (c countingStore) ScanTransmissions(f TxFilter, fn func(t *TxRow) bool) error {
	return c.Store.ScanTransmissions(f, func(t *TxRow) bool {
		if !fn(t) {
			return false
		}
		c.handled.Add(1)
		return true
	})
}

// TestCancelledRequest_StopsScans: a request whose client has gone (context cancelled)
// works on no stored transmission, through the full handler chain (issue #16 item 4);
// the same request with a live context walks every transmission of the fixture.
func TestCancelledRequest_StopsScans(t *testing.T) {
	var handled atomic.Int64
	f := newFixture(t, func(o *Options) { o.Store = countingStore{Store: o.Store, handled: &handled} })
	db, err := sql.Open("sqlite", "file:"+f.dbPath+"?mode=ro")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var total int64
	if err := db.QueryRow(`SELECT COUNT(*) FROM transmissions`).Scan(&total); err != nil || total <= 256 { // more than one cancellation-check interval
		t.Fatalf("fixture transmissions: %d, %v", total, err)
	}
	h := f.api.Handler()
	for _, path := range []string{"/api/analytics/subpath-detail?hops=AA,BB", "/api/analytics/topology",
		"/api/analytics/rf"} {
		t.Run(path, func(t *testing.T) {
			ctx, cancel := context.WithCancel(context.Background())
			cancel()
			handled.Store(0)
			h.ServeHTTP(httptest.NewRecorder(), httptest.NewRequestWithContext(ctx, http.MethodGet, path, nil))
			if n := handled.Load(); n != 0 {
				t.Errorf("cancelled request worked on %d of %d transmissions, want 0", n, total)
			}
		})
	}
	t.Run("live request scans everything", func(t *testing.T) {
		for _, path := range []string{"/api/analytics/subpath-detail?hops=AA,CC", "/api/analytics/rf?x=1"} {
			handled.Store(0)
			rec := httptest.NewRecorder()
			h.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, path, nil))
			if rec.Code != http.StatusOK || handled.Load() != total {
				t.Errorf("%s: status %d, worked on %d transmissions, want 200 and %d", path, rec.Code, handled.Load(), total)
			}
		}
	})
}
