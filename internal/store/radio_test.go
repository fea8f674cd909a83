package store

import (
	"database/sql"
	"path/filepath"
	"testing"
	"time"
	"unsafe"
)

// An observation record stays at 64 bytes: at a million observations every byte
// of it is a megabyte of resident memory.
func TestObservationRecordIs64Bytes(t *testing.T) {
	if n := unsafe.Sizeof(obsRec{}); n > 64 {
		t.Fatalf("obsRec is %d bytes, want at most 64", n)
	}
}

// SNR and RSSI come back exactly as stored, whether they fit the compact quarter
// units (radio steps) or not (values other tools write), and NULL stays NULL.
func TestRadioValuesRoundTripExactly(t *testing.T) {
	path := filepath.Join(t.TempDir(), "radio.db")
	db := openMigrated(t, path)
	mustExec(t, db, `INSERT INTO transmissions (id, raw_hex, hash, first_seen, route_type, payload_type)
		VALUES (1, 'AABB', 'aa11', '2026-12-01T00:00:00.000Z', 1, 4)`)
	rows := []struct {
		snr, rssi any
	}{{-11.25, -129.0}, {7.3, -90.123}, {nil, -131.0}, {9.5, nil}, {1e6, -1e6}, {nil, nil}, {0.1, 3.0}}
	for i, r := range rows {
		mustExec(t, db, `INSERT INTO observations (id, transmission_id, snr, rssi, timestamp) VALUES (?, 1, ?, ?, ?)`,
			100+i, r.snr, r.rssi, 1796000000+i)
	}
	db.Close()
	s := openStore(t, path, Options{PollInterval: time.Hour})
	ro := openRO(t, path)
	for i := range rows {
		id := int64(100 + i)
		var snr, rssi sql.Null[float64]
		if err := ro.QueryRow(`SELECT snr, rssi FROM observations WHERE id = ?`, id).Scan(&snr, &rssi); err != nil {
			t.Fatal(err)
		}
		_, o, ok := s.ObservationByID(id)
		if !ok {
			t.Fatalf("observation %d not loaded", id)
		}
		checkNullFloat(t, id, "snr", snr, o.SNR)
		checkNullFloat(t, id, "rssi", rssi, o.RSSI)
	}
}

func checkNullFloat(t *testing.T, id int64, col string, want sql.Null[float64], got *float64) {
	t.Helper()
	switch {
	case !want.Valid && got != nil:
		t.Errorf("observation %d %s = %v, want NULL", id, col, *got)
	case want.Valid && got == nil:
		t.Errorf("observation %d %s = NULL, want %v", id, col, want.V)
	case want.Valid && *got != want.V:
		t.Errorf("observation %d %s = %v, want %v", id, col, *got, want.V)
	}
}

func mustExec(t *testing.T, db *sql.DB, q string, args ...any) {
	t.Helper()
	if _, err := db.Exec(q, args...); err != nil {
		t.Fatalf("%s: %v", q, err)
	}
}
