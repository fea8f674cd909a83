package statsfile

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func TestReadTrusted_RefusesForeignOwnerAndFutureDates(t *testing.T) {
	path := filepath.Join(t.TempDir(), "stats.json")
	now := time.Now()
	if err := Write(path, &Snapshot{SampledAt: now.UTC().Format(time.RFC3339), TxInserted: 3}); err != nil {
		t.Fatal(err)
	}
	if s, _, err := ReadTrusted(path, now, os.Geteuid()); err != nil || s.TxInserted != 3 {
		t.Fatalf("own, current file: %+v %v", s, err)
	}
	// The file is ours; a reader expecting another uid must refuse it before reading it.
	var ue *UntrustedError
	other := os.Geteuid() + 1
	if _, _, err := ReadTrusted(path, now, other); !errors.As(err, &ue) || !strings.HasPrefix(ue.Reason, "owned by uid ") {
		t.Fatalf("foreign owner: got %v, want an UntrustedError naming the owner", err)
	}
	// Within MaxFutureSkew (3 s ahead) is a clock nudge, not a planted file.
	ahead := now.Add(3 * time.Second)
	os.Chtimes(path, ahead, ahead)
	if _, _, err := ReadTrusted(path, now, os.Geteuid()); err != nil {
		t.Fatalf("3 s ahead: %v", err)
	}
	ahead = now.Add(10 * time.Minute)
	os.Chtimes(path, ahead, ahead)
	if _, _, err := ReadTrusted(path, now, os.Geteuid()); !errors.As(err, &ue) || ue.Reason != "modified 600s in the future" {
		t.Fatalf("mtime 10 min ahead: got %v", err)
	}
	if err := Write(path, &Snapshot{SampledAt: ahead.UTC().Format(time.RFC3339)}); err != nil {
		t.Fatal(err)
	}
	if _, _, err := ReadTrusted(path, now, os.Geteuid()); !errors.As(err, &ue) || !strings.HasPrefix(ue.Reason, "sampledAt 59") && !strings.HasPrefix(ue.Reason, "sampledAt 600s") {
		t.Fatalf("sampledAt 10 min ahead: got %v", err)
	}
	if _, _, err := ReadAged(path, now); !errors.As(err, &ue) {
		t.Fatalf("ReadAged must apply the same checks: got %v", err)
	}
}

func TestSnapshot_SourceDisconnected(t *testing.T) {
	now := time.Unix(10_000, 0)
	s := &Snapshot{SourceStatuses: []SourceStatus{
		{Name: "up", Connected: true, LastDisconnectUnix: 9_000},
		{Name: "since", LastConnectUnix: 9_000, LastDisconnectUnix: 9_500, DisconnectedSinceUnix: 9_939},
		{Name: "old-ingestor", LastConnectUnix: 9_000, LastDisconnectUnix: 9_700},
		{Name: "never"},
	}}
	got := s.SourceDisconnected(now, time.Unix(9_990, 0))
	// Whole-second stamps count from the second's end (a lower bound): 10 000 − 9 940 = 60 s.
	want := map[string]time.Duration{"since": 60 * time.Second, "old-ingestor": 299 * time.Second, "never": 10 * time.Second}
	if len(got) != len(want) {
		t.Fatalf("got %v, want %v (connected sources left out)", got, want)
	}
	for k, v := range want {
		if got[k] != v {
			t.Errorf("%s: got %v, want %v", k, got[k], v)
		}
	}
}

func TestTrusted(t *testing.T) {
	dir := t.TempDir()
	own := filepath.Join(dir, "stats.json")
	if err := Write(own, &Snapshot{}); err != nil {
		t.Fatal(err)
	}
	if !Trusted(own) {
		t.Errorf("a 0600 file written by this process is not trusted")
	}
	open := filepath.Join(dir, "open.json")
	if err := os.WriteFile(open, []byte("{}"), 0o600); err != nil {
		t.Fatal(err)
	}
	os.Chmod(open, 0o622)
	link := filepath.Join(dir, "link.json")
	os.Symlink(own, link)
	for _, p := range []string{open, link, filepath.Join(dir, "missing.json"), dir} {
		if Trusted(p) {
			t.Errorf("%s: trusted, want not (group/world-writable, symlink, missing or not a file)", filepath.Base(p))
		}
	}
}
