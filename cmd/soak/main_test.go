package main

import (
	"bytes"
	"os"
	"strings"
	"testing"
	"time"
)

func passing() *report {
	start := time.Now()
	return &report{opts: options{rate: 250, observers: 10, ws: 4, slow: 1, api: 2}, started: start, loadEnd: start.Add(time.Minute),
		publish: publishResult{sent: 1000}, stored: 1000, api: apiResult{requests: 50},
		ws: wsResult{normal: 3, slow: 1, slowDropped: 1, minRecv: 1000, medianRecv: 1000, maxRecv: 1000}}
}

func TestReport_AllChecksPass(t *testing.T) {
	var b bytes.Buffer
	if rc := passing().print(&b); rc != 0 || !strings.Contains(b.String(), "all checks passed") {
		t.Fatalf("rc %d:\n%s", rc, b.String())
	}
}

func TestReport_EachFailureFails(t *testing.T) {
	for name, spoil := range map[string]func(*report){
		"lost message":        func(r *report) { r.stored = 999 },
		"api error":           func(r *report) { r.api.errors = 1 },
		"normal client drop":  func(r *report) { r.ws.normalDropped = 1 },
		"slow client kept":    func(r *report) { r.ws.slowDropped = 0 },
		"slow delivery":       func(r *report) { r.ws.minRecv = 900 },
		"unconfirmed publish": func(r *report) { r.publish.failed = 1 },
	} {
		r := passing()
		spoil(r)
		var b bytes.Buffer
		if rc := r.print(&b); rc != 1 || !strings.Contains(b.String(), "FAIL") {
			t.Errorf("%s: rc %d, want 1:\n%s", name, rc, b.String())
		}
	}
}

func TestVMRSS_OwnProcess(t *testing.T) {
	kb, err := vmRSS(os.Getpid())
	if err != nil || kb <= 0 {
		t.Fatalf("vmRSS: %d %v", kb, err)
	}
	if _, err := vmRSS(1 << 30); err == nil {
		t.Fatal("vmRSS of a missing pid: want an error")
	}
}
