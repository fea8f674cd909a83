package loadtest

import (
	"context"
	"net/http"
	"net/http/httptest"
	"testing"
)

func TestObserverAnalyticsPath_PicksBusiest(t *testing.T) {
	body := `{"observers":[{"id":"a","packet_count":3},{"id":"b c","packet_count":9},{"id":"d","packet_count":1}]}`
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path != "/api/observers" {
			http.NotFound(w, r)
			return
		}
		w.Write([]byte(body))
	}))
	defer srv.Close()
	got, err := ObserverAnalyticsPath(context.Background(), srv.Client(), srv.URL)
	if err != nil || got != "/api/observers/b%20c/analytics" {
		t.Fatalf("got %q, %v", got, err)
	}
	body = `{"observers":[]}`
	if _, err := ObserverAnalyticsPath(context.Background(), srv.Client(), srv.URL); err == nil {
		t.Error("no observers: got nil error")
	}
	if _, err := ObserverAnalyticsPath(context.Background(), srv.Client(), srv.URL+"/nothing"); err == nil {
		t.Error("404: got nil error")
	}
}
