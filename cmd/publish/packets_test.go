package main

import (
	"os"
	"path/filepath"
	"testing"
)

func TestLoadPackets_VectorsAndArgs(t *testing.T) {
	p := filepath.Join(t.TempDir(), "v.json")
	os.WriteFile(p, []byte(`[{"source":"fixture","raw_hex":"0A0B"},{"source":"decoder_test","raw_hex":"FF00"}]`), 0o600)
	got, err := loadPackets(p, false, []string{"1122"})
	if err != nil || len(got) != 2 || got[0] != "0A0B" || got[1] != "1122" {
		t.Fatalf("got %v %v, want [0A0B 1122]", got, err)
	}
	if got, _ := loadPackets(p, true, nil); len(got) != 2 {
		t.Errorf("-all: got %v, want both vectors", got)
	}
	if _, err := loadPackets("", false, []string{"zz"}); err == nil {
		t.Error("non-hex argument accepted")
	}
	if _, err := loadPackets(filepath.Join(t.TempDir(), "missing.json"), false, nil); err == nil {
		t.Error("missing vectors file accepted")
	}
}

func TestObserverIDs_StableAndDistinct(t *testing.T) {
	a, b := observerIDs(3), observerIDs(3)
	if len(a[0]) != 64 || a[0] != b[0] || a[0] == a[1] || a[1] == a[2] {
		t.Errorf("got %v", a)
	}
}

func TestPahoURL(t *testing.T) {
	for in, want := range map[string]string{"mqtt://h:1": "tcp://h:1", "mqtts://h:2": "ssl://h:2", "ws://h:3": "ws://h:3"} {
		if got := pahoURL(in); got != want {
			t.Errorf("%s: got %s, want %s", in, got, want)
		}
	}
}
