package sidechannel_test

import (
	"errors"
	"os"
	"path/filepath"
	"testing"

	"github.com/corescope/corescope/internal/sidechannel"
)

func TestPruneRequest_RoundTripAndStatus(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "prune-requests")
	id := sidechannel.NewPruneID()
	if st, _, err := sidechannel.PruneStatus(dir, id); err != nil || st != sidechannel.PruneUnknown {
		t.Fatalf("before: state %v err %v, want unknown", st, err)
	}
	req := sidechannel.PruneRequest{ID: id, RequestedAt: "2026-12-07T00:00:00Z", Reason: "geo", Pubkeys: []string{"aa", "bb"}}
	if err := sidechannel.WritePruneRequest(dir, req); err != nil {
		t.Fatal(err)
	}
	fi, err := os.Stat(filepath.Join(dir, "request-"+id+".json"))
	if err != nil || fi.Mode().Perm() != 0o600 {
		t.Fatalf("request file: %v mode %v, want 0600", err, fi.Mode().Perm())
	}
	if st, _, _ := sidechannel.PruneStatus(dir, id); st != sidechannel.PrunePending {
		t.Errorf("after request: state %v, want pending", st)
	}
	got, err := sidechannel.ReadPruneRequest(dir, id)
	if err != nil || len(got.Pubkeys) != 2 || got.Pubkeys[1] != "bb" {
		t.Fatalf("read back %+v %v", got, err)
	}
	if err := sidechannel.WritePruneResult(dir, sidechannel.PruneResult{ID: id, Deleted: 2, CompletedAt: "x"}); err != nil {
		t.Fatal(err)
	}
	st, res, err := sidechannel.PruneStatus(dir, id)
	if err != nil || st != sidechannel.PruneDone || res.Deleted != 2 {
		t.Errorf("after result: %v %+v %v", st, res, err)
	}
	if sidechannel.RequestID("request-"+id+".json") != id || sidechannel.RequestID("request-zz.json") != "" || sidechannel.RequestID("result-ab.json") != "" {
		t.Error("RequestID does not separate request files from others")
	}
	if sidechannel.WritePruneRequest(dir, sidechannel.PruneRequest{ID: "../x"}) == nil {
		t.Error("an id with a path in it was accepted")
	}
}

func TestReadRefusesGroupWritableAndSymlink(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "request-ab.json"), []byte(`{"id":"ab","pubkeys":["aa"]}`), 0o666); err != nil {
		t.Fatal(err)
	}
	os.Chmod(filepath.Join(dir, "request-ab.json"), 0o666) // the umask may have narrowed it
	if _, err := sidechannel.ReadPruneRequest(dir, "ab"); !errors.Is(err, sidechannel.ErrUntrusted) {
		t.Errorf("world-writable request: err %v, want ErrUntrusted", err)
	}
	target := filepath.Join(dir, "elsewhere.json")
	os.WriteFile(target, []byte(`{"polygon":[[1,1],[2,2],[3,1]]}`), 0o600)
	link := filepath.Join(dir, "geo-filter.json")
	if err := os.Symlink(target, link); err != nil {
		t.Fatal(err)
	}
	if _, ok, err := sidechannel.ReadGeoFilter(link); ok || err == nil {
		t.Errorf("symlinked geo filter: ok %v err %v, want refused", ok, err)
	}
}

func TestGeoFilter_RoundTripAndMissing(t *testing.T) {
	p := sidechannel.GeoFilterPath(filepath.Join(t.TempDir(), "meshcore.db"))
	if _, ok, err := sidechannel.ReadGeoFilter(p); ok || err != nil {
		t.Fatalf("missing file: ok %v err %v, want none and no error", ok, err)
	}
	g := sidechannel.GeoFilter{Polygon: [][2]float64{{1, 2}, {3, 4}, {5, 6}}, BufferKm: 2.5}
	if err := sidechannel.WriteGeoFilter(p, g); err != nil {
		t.Fatal(err)
	}
	got, ok, err := sidechannel.ReadGeoFilter(p)
	if !ok || err != nil || len(got.Polygon) != 3 || got.Polygon[2] != [2]float64{5, 6} || got.BufferKm != 2.5 {
		t.Errorf("read back %+v ok %v err %v", got, ok, err)
	}
}
