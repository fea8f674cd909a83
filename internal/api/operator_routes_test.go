package api

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/corescope/corescope/internal/schema"
	"github.com/corescope/corescope/internal/sidechannel"
)

// operatorRoutes are the key-protected routes of issue #19 item 5, with a well-formed call each.
var operatorRoutes = []struct{ method, path, body string }{
	{"GET", "/api/backup", ""},
	{"GET", "/api/dropped-packets", ""},
	{"GET", "/api/debug/affinity", ""},
	{"PUT", "/api/config/geo-filter", `{"polygon":[[1,1],[2,2],[3,1]]}`},
	{"POST", "/api/admin/prune-geo-filter", ""},
	{"GET", "/api/admin/prune-geo-filter/status?id=ab", ""},
}

// TestOperatorRoutes_NeedTheKey: no key or a wrong key → 401; no key configured or a weak
// one → 403; nothing is written without the key.
func TestOperatorRoutes_NeedTheKey(t *testing.T) {
	f := newFixture(t)
	for _, rt := range operatorRoutes {
		for name, hdr := range map[string]map[string]string{"no key": nil, "wrong key": {"X-API-Key": testKey + "x"}} {
			if code, _, b := f.do(t, rt.method, rt.path, rt.body, hdr); code != http.StatusUnauthorized {
				t.Errorf("%s %s, %s: status %d, want 401: %s", rt.method, rt.path, name, code, b)
			}
		}
	}
	if _, err := os.Stat(sidechannel.GeoFilterPath(f.dbPath)); !os.IsNotExist(err) {
		t.Error("a refused PUT wrote the geo filter")
	}
	for name, key := range map[string]string{"no apiKey configured": "", "weak apiKey": "change-me"} {
		g := newFixture(t, func(o *Options) { o.APIKey = key })
		for _, rt := range operatorRoutes {
			if code, _, b := g.do(t, rt.method, rt.path, rt.body, map[string]string{"X-API-Key": key}); code != http.StatusForbidden {
				t.Errorf("%s, %s %s: status %d, want 403: %s", name, rt.method, rt.path, code, b)
			}
		}
	}
}

// TestBackup_IsTheDatabase: the download opens as SQLite and every table has the row
// count the source has (SQL on both files); no temporary file is left behind.
func TestBackup_IsTheDatabase(t *testing.T) {
	f := newFixture(t)
	code, hdr, body := f.do(t, "GET", "/api/backup", "", map[string]string{"X-API-Key": testKey})
	if code != http.StatusOK {
		t.Fatalf("status %d: %s", code, body)
	}
	if ct := hdr.Get("Content-Type"); ct != "application/octet-stream" {
		t.Errorf("Content-Type %q", ct)
	}
	if cd := hdr.Get("Content-Disposition"); !strings.HasPrefix(cd, `attachment; filename="corescope-backup-`) {
		t.Errorf("Content-Disposition %q", cd)
	}
	if cl := hdr.Get("Content-Length"); cl != fmt.Sprint(len(body)) {
		t.Errorf("Content-Length %s, body %d bytes", cl, len(body))
	}
	dst := filepath.Join(t.TempDir(), "download.db")
	if err := os.WriteFile(dst, body, 0o600); err != nil {
		t.Fatal(err)
	}
	got := openRO(t, dst)
	src := openRO(t, f.dbPath)
	var integrity string
	if err := got.QueryRow(`PRAGMA integrity_check`).Scan(&integrity); err != nil || integrity != "ok" {
		t.Fatalf("integrity_check: %q %v", integrity, err)
	}
	rows, err := src.Query(`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'`)
	if err != nil {
		t.Fatal(err)
	}
	var tables []string
	for rows.Next() {
		var n string
		rows.Scan(&n)
		tables = append(tables, n)
	}
	rows.Close()
	if len(tables) < 5 {
		t.Fatalf("source lists %d tables", len(tables))
	}
	for _, tb := range tables {
		var want, have int
		src.QueryRow(`SELECT COUNT(*) FROM "` + tb + `"`).Scan(&want)
		if err := got.QueryRow(`SELECT COUNT(*) FROM "` + tb + `"`).Scan(&have); err != nil || have != want {
			t.Errorf("table %s: backup %d rows (%v), source %d", tb, have, err, want)
		}
	}
	left, _ := filepath.Glob(filepath.Join(filepath.Dir(f.dbPath), ".corescope-backup-*"))
	if len(left) != 0 {
		t.Errorf("temporary files left: %v", left)
	}
}

// TestBackup_OneAtATime: while a backup holds the slot, another request gets 503 with Retry-After.
func TestBackup_OneAtATime(t *testing.T) {
	f := newFixture(t)
	f.api.backupSlot <- struct{}{} // a backup in progress
	code, hdr, body := f.do(t, "GET", "/api/backup", "", map[string]string{"X-API-Key": testKey})
	if code != http.StatusServiceUnavailable || hdr.Get("Retry-After") == "" || !strings.Contains(string(body), "already running") {
		t.Errorf("second backup: status %d Retry-After %q body %s", code, hdr.Get("Retry-After"), body)
	}
	<-f.api.backupSlot
	if code, _, _ := f.do(t, "GET", "/api/backup", "", map[string]string{"X-API-Key": testKey}); code != http.StatusOK {
		t.Errorf("after the slot was freed: status %d", code)
	}
}

// TestBackup_FullDiskSays507: the error of a real snapshot onto a full device (/dev/full:
// every write fails with ENOSPC) is answered 507 with a reason; other failures 500.
func TestBackup_FullDiskSays507(t *testing.T) {
	f := newFixture(t)
	err := schema.Snapshot(context.Background(), f.api.opts.DB, "/dev/full")
	if err == nil {
		t.Fatal("snapshot onto /dev/full succeeded")
	}
	rec := httptest.NewRecorder()
	f.api.writeSnapshotError(rec, httptest.NewRequest("GET", "/api/backup", nil), err)
	if rec.Code != http.StatusInsufficientStorage || !strings.Contains(rec.Body.String(), "disk full") {
		t.Errorf("disk full: status %d %s, want 507 naming the full disk", rec.Code, rec.Body)
	}
	err = schema.Snapshot(context.Background(), f.api.opts.DB, filepath.Join(t.TempDir(), "missing-dir", "x.db"))
	rec = httptest.NewRecorder()
	f.api.writeSnapshotError(rec, httptest.NewRequest("GET", "/api/backup", nil), err)
	if err == nil || rec.Code != http.StatusInternalServerError || !strings.Contains(rec.Body.String(), "snapshot failed") {
		t.Errorf("other failure (%v): status %d %s, want 500", err, rec.Code, rec.Body)
	}
}

// TestDroppedPackets_FiltersAndOrder inserts hand-made rows and checks each filter against
// the ids chosen by hand (newest dropped_at first), and the limit clamp against SQL counts.
func TestDroppedPackets_FiltersAndOrder(t *testing.T) {
	f := newFixture(t)
	w := openWriter(t, f.dbPath)
	ins := func(id int, reason, obs, pk, at string) {
		if _, err := w.Exec(`INSERT INTO dropped_packets (id, hash, raw_hex, reason, observer_id, observer_name, node_pubkey, node_name, dropped_at)
			VALUES (?, 'h', 'AA', ?, ?, 'Obs', ?, 'Node', ?)`, id, reason, obs, pk, at); err != nil {
			t.Fatal(err)
		}
	}
	ins(-5, "invalid signature", "OBS1", "aaaa", "2026-12-01 10:00:00")
	ins(7, "invalid signature", "OBS2", "bbbb", "2026-12-03 10:00:00")
	ins(3, "undecodable", "obs1", "aaaa", "2026-12-02 10:00:00")
	ins(100, "invalid signature", "OBS1", "cccc", "2026-11-30 23:59:59")
	ids := func(q string) string {
		var rows []droppedJSON
		code, _, b := f.do(t, "GET", "/api/dropped-packets"+q, "", map[string]string{"X-API-Key": testKey})
		if code != http.StatusOK {
			t.Fatalf("%s: status %d: %s", q, code, b)
		}
		if err := json.Unmarshal(b, &rows); err != nil {
			t.Fatal(err)
		}
		var out []string
		for _, r := range rows {
			out = append(out, fmt.Sprint(r.ID))
		}
		return strings.Join(out, ",")
	}
	for q, want := range map[string]string{
		"":                                  "7,3,-5,100",
		"?reason=invalid%20signature":       "7,-5,100",
		"?observer=obs1":                    "3,-5,100",
		"?pubkey=AAAA":                      "3,-5",
		"?since=2026-12-02T00:00:00Z":       "7,3",
		"?since=2026-12-01":                 "7,3,-5",
		"?reason=undecodable&observer=OBS2": "",
		"?limit=2":                          "7,3",
		"?observer=OBS1&since=2026-12-01T10:00:00Z": "3,-5",
	} {
		if got := ids(q); got != want {
			t.Errorf("%q: ids %q, want %q", q, got, want)
		}
	}
	var first []droppedJSON
	f.operatorJSON(t, "/api/dropped-packets?limit=1", &first)
	if len(first) != 1 || first[0].DroppedAt == nil || *first[0].DroppedAt != "2026-12-03T10:00:00Z" || first[0].Reason != "invalid signature" ||
		first[0].RawHex == nil || *first[0].RawHex != "AA" || first[0].ObserverID == nil || *first[0].ObserverID != "OBS2" {
		t.Errorf("row shape: %+v", first)
	}
	tx, _ := w.Begin()
	for i := 0; i < 600; i++ {
		tx.Exec(`INSERT INTO dropped_packets (hash, reason, dropped_at) VALUES ('x', 'bulk', '2025-01-01 00:00:00')`)
	}
	if err := tx.Commit(); err != nil {
		t.Fatal(err)
	}
	var total int
	w.QueryRow(`SELECT COUNT(*) FROM dropped_packets`).Scan(&total)
	for q, want := range map[string]int{"?limit=100000": 500, "?limit=0": 100, "?limit=abc": 100, "": 100, "?limit=450": 450} {
		var rows []droppedJSON
		f.operatorJSON(t, "/api/dropped-packets"+q, &rows)
		if len(rows) != min(want, total) {
			t.Errorf("%q: %d rows, want %d (table holds %d)", q, len(rows), want, total)
		}
	}
	if code, _, b := f.do(t, "GET", "/api/dropped-packets?since=last-week", "", map[string]string{"X-API-Key": testKey}); code != 400 {
		t.Errorf("bad since: status %d %s", code, b)
	}
}

// TestGeoFilterPut_PersistsAndValidates: a valid polygon is saved to geo-filter.json and
// served by GET; bad bodies get 400 (413 when huge) and change nothing; {} clears it.
func TestGeoFilterPut_PersistsAndValidates(t *testing.T) {
	f := newFixture(t)
	key := map[string]string{"X-API-Key": testKey}
	put := func(body string) (int, string) {
		code, _, b := f.do(t, "PUT", "/api/config/geo-filter", body, key)
		return code, string(b)
	}
	if code, b := put(`{"polygon":[[37.1,-122.5],[37.9,-122.5],[37.9,-121.7]],"bufferKm":12.5}`); code != 200 ||
		b != `{"polygon":[[37.1,-122.5],[37.9,-122.5],[37.9,-121.7]],"bufferKm":12.5}`+"\n" {
		t.Fatalf("valid PUT: %d %s", code, b)
	}
	saved, ok, err := sidechannel.ReadGeoFilter(sidechannel.GeoFilterPath(f.dbPath))
	if !ok || err != nil || len(saved.Polygon) != 3 || saved.Polygon[1] != [2]float64{37.9, -122.5} || saved.BufferKm != 12.5 || saved.UpdatedAt == "" {
		t.Fatalf("geo-filter.json: %+v ok %v err %v", saved, ok, err)
	}
	var got struct {
		Polygon      [][2]float64 `json:"polygon"`
		BufferKm     float64      `json:"bufferKm"`
		WriteEnabled bool         `json:"writeEnabled"`
	}
	f.getJSON(t, "/api/config/geo-filter", &got)
	if len(got.Polygon) != 3 || got.BufferKm != 12.5 || !got.WriteEnabled {
		t.Errorf("GET after PUT: %+v", got)
	}
	many := make([]string, 1001)
	for i := range many {
		many[i] = fmt.Sprintf("[%d.5,%d.5]", i%80, i%170)
	}
	bad := map[string]string{
		"not JSON":           `{"polygon":`,
		"two points":         `{"polygon":[[1,1],[2,2]]}`,
		"1001 points":        `{"polygon":[` + strings.Join(many, ",") + `]}`,
		"latitude 91":        `{"polygon":[[91,1],[2,2],[3,1]]}`,
		"longitude -181":     `{"polygon":[[1,-181],[2,2],[3,1]]}`,
		"three coordinates":  `{"polygon":[[1,1,1],[2,2],[3,1]]}`,
		"one coordinate":     `{"polygon":[[1],[2,2],[3,1]]}`,
		"negative buffer":    `{"polygon":[[1,1],[2,2],[3,1]],"bufferKm":-1}`,
		"buffer past 20000":  `{"polygon":[[1,1],[2,2],[3,1]],"bufferKm":20001}`,
		"number overflow":    `{"polygon":[[1e999,1],[2,2],[3,1]]}`,
		"points as strings":  `{"polygon":[["1","1"],[2,2],[3,1]]}`,
		"trailing data":      `{"polygon":[]} {}`,
		"polygon not a list": `{"polygon":"<script>"}`,
	}
	for name, body := range bad {
		if code, b := put(body); code != http.StatusBadRequest || !strings.Contains(b, `"error"`) {
			t.Errorf("%s: status %d %s, want 400 with an error", name, code, b)
		}
	}
	huge := `{"polygon":[[1,1],[2,2],[3,1]],"pad":"` + strings.Repeat("x", 1<<20) + `"}`
	if code, b := put(huge); code != http.StatusRequestEntityTooLarge {
		t.Errorf("1 MiB body: status %d %s, want 413", code, b)
	}
	f.getJSON(t, "/api/config/geo-filter", &got)
	if len(got.Polygon) != 3 || got.BufferKm != 12.5 {
		t.Errorf("a refused PUT changed the filter: %+v", got)
	}
	if code, b := put(`{}`); code != 200 || b != `{"polygon":null,"bufferKm":0}`+"\n" {
		t.Errorf("clearing PUT: %d %s", code, b)
	}
	f.getJSON(t, "/api/config/geo-filter", &got)
	if got.Polygon != nil {
		t.Errorf("GET after clearing: %+v", got)
	}
	if saved, ok, _ := sidechannel.ReadGeoFilter(sidechannel.GeoFilterPath(f.dbPath)); !ok || len(saved.Polygon) != 0 {
		t.Errorf("cleared override file: %+v ok %v", saved, ok)
	}
}

// TestGeoFilter_OverrideFileWinsOverConfig: a server started with an override file next to
// the database serves it instead of config.json's geo_filter.
func TestGeoFilter_OverrideFileWinsOverConfig(t *testing.T) {
	path := migratedFixture(t)
	if err := sidechannel.WriteGeoFilter(sidechannel.GeoFilterPath(path), sidechannel.GeoFilter{Polygon: [][2]float64{{10, 10}, {11, 10}, {11, 11}}, BufferKm: 3}); err != nil {
		t.Fatal(err)
	}
	s := New(Options{DBPath: path, UI: UIConfig{GeoFilter: &GeoFilter{Polygon: [][2]float64{{1, 1}, {2, 1}, {2, 2}}}}})
	g := s.geoFilter()
	if !g.Active() || g.Polygon[0] != [2]float64{10, 10} || g.BufferKm != 3 {
		t.Errorf("filter in force: %+v, want the override", g)
	}
}

// TestAreaPolygons lists every configured area (polygon and box) by key.
func TestAreaPolygons(t *testing.T) {
	f := newFixture(t, func(o *Options) {
		o.UI.Areas = map[string]json.RawMessage{
			"zbox":  json.RawMessage(`{"label":"Box <b>","latMin":1,"latMax":2,"lonMin":3,"lonMax":4}`),
			"apoly": json.RawMessage(`{"label":"Bay","polygon":[[37,-122],[38,-122],[38,-121]]}`),
			"bad":   json.RawMessage(`"not an object"`),
		}
	})
	code, _, b := f.do(t, "GET", "/api/config/areas/polygons", "", nil)
	want := `[{"key":"apoly","label":"Bay","polygon":[[37,-122],[38,-122],[38,-121]]},{"key":"zbox","label":"Box \u003cb\u003e","latMin":1,"latMax":2,"lonMin":3,"lonMax":4}]` + "\n"
	if code != 200 || string(b) != want {
		t.Errorf("status %d body %s\nwant %s", code, b, want)
	}
	g := newFixture(t)
	if code, _, b := g.do(t, "GET", "/api/config/areas/polygons", "", nil); code != 200 || string(b) != "[]\n" {
		t.Errorf("no areas: %d %s, want []", code, b)
	}
}

func openRO(t *testing.T, path string) *sql.DB {
	t.Helper()
	db, err := schema.OpenReadOnly(context.Background(), path, 1)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

func openWriter(t *testing.T, path string) *sql.DB {
	t.Helper()
	db, err := schema.Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}
